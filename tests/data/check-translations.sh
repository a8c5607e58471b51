#!/bin/sh
# Translations are complete and well-formed, and po/POTFILES.in lists every file that has
# translatable strings.
# Usage: check-translations.sh SOURCE_ROOT
set -eu
top=$1
cd "$top"
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Every file with translatable strings is in POTFILES.in, and every listed file exists.
for f in $(grep -rlE '\b(_|N_|C_|NC_|ngettext|g_dngettext)[[:space:]]*\(|translatable="yes"' \
             --include='*.c' --include='*.ui' app ui 2>/dev/null | sort); do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "po/POTFILES.in misses $f, which has translatable strings"; status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES.in | sed '/^$/d'); do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done

# 2. Each language is complete against the current sources: no untranslated, no fuzzy.
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 \
  -f "$tmp/files" -o "$tmp/psi-records.pot" 2>"$tmp/xgettext.log" || {
    cat "$tmp/xgettext.log"; exit 1; }
for lang in $(cat po/LINGUAS); do
  po="po/$lang.po"
  [ -f "$po" ] || { echo "$po is missing"; status=1; continue; }
  msgfmt --check -o /dev/null "$po" || { echo "$po: msgfmt --check failed"; status=1; }
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/psi-records.pot" -o "$tmp/$lang.po"
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "$po is incomplete against the sources"; status=1;;
  esac
  grep -q 'Plural-Forms: nplurals=' "$po" || { echo "$po has no Plural-Forms"; status=1; }
done

# 3. Kyrgyz uses Ө ө (U+04E8/9), never the fita Ѳ ѳ (U+0472/3).
if grep -n "$(printf '\321\262\|\321\263')" po/ky.po; then
  echo "po/ky.po writes the fita Ѳ/ѳ where Kyrgyz Ө/ө is meant"; status=1
fi
exit $status
