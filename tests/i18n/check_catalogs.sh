#!/bin/sh
# Checks the message catalogs in app/po/ against the sources:
#   template  the committed rostrum.pot has exactly the msgids (with contexts
#             and plurals) that xgettext finds in the files of POTFILES now;
#   potfiles  every app/*.c that marks strings (_(" N_( P_( ngettext() is
#             listed in POTFILES;
#   LANG      for each language of LINGUAS: msgfmt --check passes and every
#             message is translated (none untranslated, none fuzzy);
#   LANG      msgcmp: the catalog has every msgid of the template, no more.
# Dates, line numbers and comments are ignored. Exit 0 only if all pass.
#
# Usage: check_catalogs.sh [SOURCE_DIR]   (default: the tree holding this file)
set -u

src=${1:-$(dirname "$0")/../..}
cd "$src" || { echo "FAIL: cannot enter source dir $src"; exit 1; }
po=app/po

for tool in xgettext msgfmt msgcat msgcmp; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool not found (Debian package gettext)"; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rostrum-catalogs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
failed=0
fail() { echo "FAIL: $*"; failed=1; }
pass() { echo "ok: $*"; }

# A catalog's message ids, sorted: msgctxt, msgid and msgid_plural of every
# entry but the header; no comments, locations, translations or wrapping.
ids() {
    msgcat --sort-output --no-location --no-wrap "$1" | awk '
        /^#/ { next }
        /^$/ { if (entry != "" && entry != "msgid \"\"\n") printf "%s\n", entry; entry = ""; keep = 0; next }
        /^msg/ { keep = ($1 == "msgctxt" || $1 == "msgid" || $1 == "msgid_plural") }
        keep { entry = entry $0 "\n" }
        END { if (entry != "" && entry != "msgid \"\"\n") printf "%s\n", entry }'
}

# (a) The template is up to date: the exact extraction of app/po/CMakeLists.txt.
if xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: \
        --keyword=_ --keyword=N_ --keyword=P_:1c,2 --keyword=ngettext:1,2 \
        --package-name=Rostrum --msgid-bugs-address=- --sort-by-file \
        --files-from=$po/POTFILES --output="$tmp/fresh.pot" 2>"$tmp/xgettext.err"; then
    if [ ! -f "$tmp/fresh.pot" ]; then
        : >"$tmp/fresh.ids" # xgettext writes nothing when it finds nothing
    else
        ids "$tmp/fresh.pot" >"$tmp/fresh.ids"
    fi
    ids $po/rostrum.pot >"$tmp/committed.ids"
    if diff -u "$tmp/committed.ids" "$tmp/fresh.ids" >"$tmp/template.diff"; then
        pass "template: $po/rostrum.pot matches the sources ($(grep -c '^msgid ' "$tmp/fresh.ids") msgids)"
    else
        fail "template: $po/rostrum.pot is out of date (- committed, + in the sources now);" \
            "re-extract it (cmake --build BUILD --target update-po)"
        sed -n '3,$p' "$tmp/template.diff" | grep '^[-+]' | sed 's/^/    /'
    fi
else
    fail "template: xgettext failed"
    sed 's/^/    /' "$tmp/xgettext.err"
fi

# (b) Every C file that marks strings is extracted.
grep -v '^[[:space:]]*#' $po/POTFILES | sed 's/[[:space:]]*$//' | grep -v '^$' | sort -u >"$tmp/listed"
find app -name '*.c' | sort >"$tmp/sources"
: >"$tmp/unlisted"
while IFS= read -r file; do
    if grep -Eq '(^|[^[:alnum:]_])(_\([[:space:]]*"|N_\(|P_\(|ngettext[[:space:]]*\()' "$file" &&
        ! grep -Fxq "$file" "$tmp/listed"; then
        echo "$file" >>"$tmp/unlisted"
    fi
done <"$tmp/sources"
missing_listed=$(while IFS= read -r file; do [ -f "$file" ] || echo "$file"; done <"$tmp/listed")
if [ -s "$tmp/unlisted" ]; then
    fail "potfiles: these files mark strings but are not in $po/POTFILES:"
    sed 's/^/    /' "$tmp/unlisted"
elif [ -n "$missing_listed" ]; then
    fail "potfiles: $po/POTFILES lists files that do not exist:"
    echo "$missing_listed" | sed 's/^/    /'
else
    pass "potfiles: every app/*.c that marks strings is in $po/POTFILES"
fi

# (c) and (d): each language.
languages=$(grep -v '^[[:space:]]*#' $po/LINGUAS | tr -s ' \t' '\n\n' | grep -v '^$')
[ -n "$languages" ] || fail "languages: $po/LINGUAS lists none"
for lang in $languages; do
    file=$po/$lang.po
    if [ ! -f "$file" ]; then
        fail "$lang: $file is missing"
        continue
    fi
    # msgfmt prints its statistics on stderr, for example
    # "137 translated messages." or "130 translated messages, 2 fuzzy
    # translations, 5 untranslated messages."
    if msgfmt --check --statistics -o /dev/null "$file" >"$tmp/msgfmt.out" 2>&1; then
        stats=$(tail -n 1 "$tmp/msgfmt.out")
        fuzzy=$(grep -c '^#,.*fuzzy' "$file")
        case $stats in
        *fuzzy* | *untranslated*) fail "$lang: not fully translated: $stats" ;;
        *) if [ "$fuzzy" != 0 ]; then
                fail "$lang: $fuzzy entries (or the header) marked fuzzy: $stats"
            else
                pass "$lang: msgfmt --check: $stats"
            fi ;;
        esac
    else
        fail "$lang: msgfmt --check failed:"
        sed 's/^/    /' "$tmp/msgfmt.out"
    fi
    # msgcmp both ways: every msgid of the template is in the catalog, and
    # the catalog has no msgid the template lacks. Only the ids matter here
    # (untranslated and fuzzy entries are (c)'s business).
    same=1
    if ! msgcmp --use-untranslated --use-fuzzy "$file" $po/rostrum.pot >"$tmp/msgcmp.out" 2>&1; then
        fail "$lang: msgcmp: $file lacks msgids of the template:"
        sed 's/^/    /' "$tmp/msgcmp.out"
        same=0
    fi
    if ! msgcmp --use-untranslated --use-fuzzy $po/rostrum.pot "$file" >"$tmp/msgcmp.out" 2>&1; then
        fail "$lang: msgcmp: $file has msgids that the template does not:"
        sed 's/^/    /' "$tmp/msgcmp.out"
        same=0
    fi
    if grep -q '^#~' "$file"; then
        fail "$lang: $file keeps obsolete (#~) entries; remove them (msgattrib --no-obsolete)"
        same=0
    fi
    # msgcmp does not compare msgid_plural: this does.
    ids "$file" >"$tmp/lang.ids"
    ids $po/rostrum.pot >"$tmp/pot.ids"
    if ! diff -u "$tmp/pot.ids" "$tmp/lang.ids" >"$tmp/lang.diff"; then
        fail "$lang: $file differs from the template in its ids (- template, + $file):"
        sed -n '3,$p' "$tmp/lang.diff" | grep '^[-+]' | sed 's/^/    /'
        same=0
    fi
    [ $same -eq 1 ] && pass "$lang: msgcmp: the same msgids as the template"
done

if [ $failed -ne 0 ]; then
    echo "catalogs: FAILED"
    exit 1
fi
echo "catalogs: all checks passed"
exit 0
