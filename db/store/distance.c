#include "distance.h"

#include <stdio.h>
#include <string.h>

static unsigned char fold(unsigned char c, bool fold_case)
{
    return fold_case && c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

size_t rs_edit_distance(const char *a, const char *b, size_t limit, bool fold_case)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > limit || la > RS_DISTANCE_MAX_LENGTH || lb > RS_DISTANCE_MAX_LENGTH)
        return limit + 1;
    size_t row[RS_DISTANCE_MAX_LENGTH + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0], smallest = row[0] = i;
        unsigned char ca = fold((unsigned char)a[i - 1], fold_case);
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (ca != fold((unsigned char)b[j - 1], fold_case));
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
            if (best < smallest)
                smallest = best;
        }
        if (smallest > limit) /* every later row is at least as large */
            return limit + 1;
    }
    return row[lb] <= limit ? row[lb] : limit + 1;
}

rs_nearest rs_nearest_start(const char *input, size_t max_distance)
{
    return (rs_nearest){input, NULL, max_distance + 1};
}

void rs_nearest_offer(rs_nearest *nearest, const char *candidate)
{
    if (nearest->distance == 0)
        return;
    size_t d = rs_edit_distance(nearest->input, candidate, nearest->distance - 1, false);
    if (d < nearest->distance)
        nearest->best = candidate, nearest->distance = d;
}

void rs_nearest_hint(const rs_nearest *nearest, char *hint, size_t hint_size)
{
    if (nearest->best)
        snprintf(hint, hint_size, "; did you mean '%.100s'?", nearest->best);
    else if (hint_size)
        hint[0] = '\0';
}
