/*
 * Guessing the role each country plays in a statement from its sentences:
 * "accuser" for a country whose government accuses in the sentence ("the
 * UK accused", "美方...指责", "Лондон обвинил"), "accused" for the country an
 * accusation is made against ("accusations against China", "对中国进行无端
 * 指责", "обвинения в адрес России"), otherwise "mentioned". Only patterns
 * that name one country unambiguously count; a country found both accusing
 * and accused stays "mentioned". Every guess carries its evidence: the
 * curator checks each one.
 */
#ifndef RS_ROLES_H
#define RS_ROLES_H

#include <stddef.h>

#include "places.h"

typedef struct rs_role_guess {
    char code[3];     /* set by the caller */
    const char *role; /* "accuser", "accused" or "mentioned" (static) */
    char *evidence;   /* the words that suggest the role and where ("paragraph 2"), or NULL (owned) */
} rs_role_guess;

/* Fills role and evidence of each of guesses[0..count) (codes set by the
 * caller) from text, whose paragraphs are separated by blank lines; the
 * first paragraph is "the title" when title_first is true. */
void rs_roles_guess(const rs_places *places, const char *text, int title_first, rs_role_guess *guesses,
                    size_t count);

#endif
