#!/bin/sh
# Regenerate po/psi-records.pot from po/POTFILES.in and merge it into every language of po/LINGUAS.
# New strings arrive untranslated; tests/data/check-translations.sh fails until they are translated.
set -eu
cd "$(dirname "$0")/.."
grep -v '^#' po/POTFILES.in | sed '/^$/d' > po/.files
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --package-name=psi-records \
  -f po/.files -o po/psi-records.pot
rm -f po/.files
for lang in $(cat po/LINGUAS); do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "po/$lang.po" po/psi-records.pot
  printf '%s: ' "$lang"; LC_ALL=C msgfmt --check --statistics -o /dev/null "po/$lang.po"
done
