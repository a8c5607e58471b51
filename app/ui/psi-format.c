/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-format"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "psi-format.h"

/* U+202F NARROW NO-BREAK SPACE groups digits in all three languages: Russian and Kyrgyz
 * typography separate thousands with a (narrow) no-break space, and the project's English texts
 * write "5 000 000 KGS" too. A no-break space keeps a line break from splitting the number. The
 * C library's grouping (printf's ' flag) is not used: it follows LC_NUMERIC, which is "C" (no
 * grouping at all) on a system without ru_RU or ky_KG locales. */
#define DIGIT_GROUP_SEPARATOR "\xe2\x80\xaf"

static char *
format_digits (guint64  magnitude,
               gboolean negative)
{
  char digits[24];
  GString *grouped;
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  grouped = g_string_sized_new (len * 4);
  if (negative)
    g_string_append_c (grouped, '-');
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (grouped, DIGIT_GROUP_SEPARATOR);
      g_string_append_c (grouped, digits[i]);
    }

  return g_string_free (grouped, FALSE);
}

char *
psi_format_number (gint64 number)
{
  /* -(number + 1) + 1 does not overflow for G_MININT64 */
  if (number < 0)
    return format_digits ((guint64) -(number + 1) + 1, TRUE);
  return format_digits ((guint64) number, FALSE);
}

char *
psi_format_count (guint64 count)
{
  if (count == 0)
    return g_strdup ("");
  return format_digits (count, FALSE);
}

char *
psi_format_grant (gint64 grant_kgs)
{
  g_autofree char *number = NULL;

  if (grant_kgs <= 0)
    return g_strdup ("");

  number = psi_format_number (grant_kgs);
  /* Translators: an amount of money in Kyrgyz som; %s is the number with its digits
   * already grouped, e.g. "5 000 000 KGS" */
  return g_strdup_printf (_("%s KGS"), number);
}

/* Month names and plurals are looked up in the default domain (textdomain (), as _() does),
 * not through g_dpgettext2 (GETTEXT_PACKAGE, …) or g_dngettext (GETTEXT_PACKAGE, …): GLib
 * decides once per process, at the first such call with a domain, whether to translate at all,
 * and would keep them in English for good after a start in a language without a catalog. */

static const char *
month_name (int month)
{
  static const char * const months[] = {
    /* Translators: month names as they appear inside a date after the day
     * ("16 December 2020"); use the form your language needs there (Russian: genitive,
     * «декабря»; Kyrgyz: «декабры» as in "2020-жылдын 16-декабры"). */
    NC_("month in a date", "January"),
    NC_("month in a date", "February"),
    NC_("month in a date", "March"),
    NC_("month in a date", "April"),
    NC_("month in a date", "May"),
    NC_("month in a date", "June"),
    NC_("month in a date", "July"),
    NC_("month in a date", "August"),
    NC_("month in a date", "September"),
    NC_("month in a date", "October"),
    NC_("month in a date", "November"),
    NC_("month in a date", "December"),
  };

  g_assert (month >= 1 && month <= 12);
  return g_dpgettext2 (NULL, "month in a date", months[month - 1]);
}

static const char *
month_name_alone (int month)
{
  static const char * const months[] = {
    /* Translators: month names on their own, in "December 2020" (Russian: nominative) */
    NC_("month alone", "January"),
    NC_("month alone", "February"),
    NC_("month alone", "March"),
    NC_("month alone", "April"),
    NC_("month alone", "May"),
    NC_("month alone", "June"),
    NC_("month alone", "July"),
    NC_("month alone", "August"),
    NC_("month alone", "September"),
    NC_("month alone", "October"),
    NC_("month alone", "November"),
    NC_("month alone", "December"),
  };

  g_assert (month >= 1 && month <= 12);
  return g_dpgettext2 (NULL, "month alone", months[month - 1]);
}

/* n ASCII digits at str, nothing else (sscanf () would also take signs and blanks). */
static gboolean
parse_digits (const char *str,
              guint       n,
              int        *value)
{
  int result = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      result = result * 10 + (str[i] - '0');
    }

  *value = result;
  return TRUE;
}

char *
psi_format_date (const char *iso_date)
{
  int year = 0, month = 0, day = 0;
  gsize len;

  if (iso_date == NULL)
    return g_strdup ("");

  /* YYYY, YYYY-MM or YYYY-MM-DD, and a date that exists */
  len = strlen (iso_date);
  if ((len != 4 && len != 7 && len != 10) ||
      !parse_digits (iso_date, 4, &year) || year < 1)
    return g_strdup ("");
  if (len == 4)
    return g_strdup_printf ("%d", year);

  if (iso_date[4] != '-' || !parse_digits (iso_date + 5, 2, &month) || month < 1 || month > 12)
    return g_strdup ("");
  if (len == 7)
    /* Translators: a month and a year, "December 2020": %1$s is the month, %2$d the year */
    return g_strdup_printf (_("%1$s %2$d"), month_name_alone (month), year);

  if (iso_date[7] != '-' || !parse_digits (iso_date + 8, 2, &day) ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return g_strdup ("");

  /* Translators: a date: %1$d is the day, %2$s the month name, %3$d the year,
   * "16 December 2020"; reorder as your language needs, e.g. "%3$d-жылдын %1$d-%2$s" */
  return g_strdup_printf (_("%1$d %2$s %3$d"), day, month_name (month), year);
}

char *
psi_format_entrants (PsiEntrantKind kind,
                     guint          count)
{
  if (count == 0)
    return g_strdup ("");

  switch (kind)
    {
    case PSI_ENTRANT_KIND_CLUSTER:
      return g_strdup_printf (ngettext ("%u cluster", "%u clusters", count), count);
    case PSI_ENTRANT_KIND_MUNICIPALITY:
    default:
      return g_strdup_printf (ngettext ("%u municipality", "%u municipalities", count), count);
    }
}

char *
psi_format_place (guint place)
{
  if (place == 0)
    return g_strdup ("");

  /* Translators: the place a winner took in a competition, "1st place"; %u is the number */
  return g_strdup_printf (_("Place %u"), place);
}

char *
psi_format_prizes (PsiAward *award)
{
  g_autoptr(GString) str = g_string_new (NULL);
  GListModel *items;

  g_return_val_if_fail (PSI_IS_AWARD (award), NULL);

  if (psi_award_get_certificate (award))
    /* Translators: a prize: a certificate was handed over */
    g_string_append (str, _("Certificate"));

  items = G_LIST_MODEL (psi_award_get_items (award));
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PsiPrizeItem) item = g_list_model_get_item (items, i);
      g_autofree char *description = psi_prize_item_dup_description (item);

      if (str->len > 0)
        /* Translators: separates the prizes of an award in a list: "Certificate, Laptops" */
        g_string_append (str, _(", "));
      g_string_append (str, description);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

char *
psi_format_record_summary (PsiRecord *record)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (PSI_IS_RECORD (record), NULL);

  title = psi_record_dup_title (record, psi_language_get_current ());

  if (PSI_IS_AWARD (record))
    {
      PsiAward *award = PSI_AWARD (record);
      const char *competition = psi_text_get_current (psi_award_get_competition_name (award));
      const char *kind = psi_enum_to_label (PSI_TYPE_AWARD_KIND, psi_award_get_award_kind (award));
      guint place = psi_award_get_place (award);

      if (place > 0)
        /* Translators: an award in a list of linked records: recipient, competition, place;
         * e.g. "Teplokluchenka — Information campaign, place 1" */
        return g_strdup_printf (_("%s — %s, place %u"), title, competition, place);
      /* Translators: an award in a list of linked records: recipient, competition, kind of
       * award; e.g. "20 municipalities — Information campaign, incentive prize" */
      return g_strdup_printf (_("%s — %s, %s"), title, competition, kind);
    }

  return g_steal_pointer (&title);
}

const char *
psi_format_kind_plural (PsiRecordKind kind)
{
  switch (kind)
    {
    case PSI_RECORD_KIND_ORGANISATION: return _("Organisations");
    case PSI_RECORD_KIND_REGION:       return _("Regions");
    case PSI_RECORD_KIND_DISTRICT:     return _("Districts");
    case PSI_RECORD_KIND_MUNICIPALITY: return _("Municipalities");
    case PSI_RECORD_KIND_OFFICIAL:     return _("Officials");
    case PSI_RECORD_KIND_CLUSTER:      return _("Clusters");
    /* Translators: events: conferences, meetings, trainings */
    case PSI_RECORD_KIND_EVENT:        return _("Events");
    case PSI_RECORD_KIND_COMPETITION:  return _("Competitions");
    case PSI_RECORD_KIND_AWARD:        return _("Awards");
    case PSI_RECORD_KIND_AGREEMENT:    return _("Agreements");
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
psi_format_get_fallback (const PsiText *text,
                         PsiLanguage   *shown)
{
  PsiLanguage current = psi_language_get_current ();
  PsiLanguage used = current;
  const char *value;

  if (text == NULL)
    return FALSE;

  value = psi_text_get (text, current, &used);
  if (value[0] == '\0' || used == current)
    return FALSE;

  if (shown != NULL)
    *shown = used;
  return TRUE;
}

char *
psi_format_fallback_code (const PsiText *text)
{
  PsiLanguage shown;

  if (!psi_format_get_fallback (text, &shown))
    return g_strdup ("");

  return g_ascii_strup (psi_language_to_code (shown), -1);
}

const char *
psi_format_fallback_tooltip (PsiLanguage shown)
{
  /* [language of the interface][language shown instead] */
  static const char * const tooltips[PSI_N_LANGUAGES][PSI_N_LANGUAGES] = {
    [PSI_LANGUAGE_KY] = {
      /* Translators: tooltip of the mark "RU" after a name in a list or a title: the record has
       * no name in the language of the interface, and the Russian one is shown instead */
      [PSI_LANGUAGE_RU] = N_("No Kyrgyz name; shown in Russian"),
      /* Translators: tooltip of the mark "EN" after a name in a list or a title: the record has
       * no name in the language of the interface, and the English one is shown instead */
      [PSI_LANGUAGE_EN] = N_("No Kyrgyz name; shown in English"),
    },
    [PSI_LANGUAGE_RU] = {
      /* Translators: tooltip of the mark "KY" after a name in a list or a title: the record has
       * no name in the language of the interface, and the Kyrgyz one is shown instead */
      [PSI_LANGUAGE_KY] = N_("No Russian name; shown in Kyrgyz"),
      /* Translators: tooltip of the mark "EN" after a name in a list or a title: the record has
       * no name in the language of the interface, and the English one is shown instead */
      [PSI_LANGUAGE_EN] = N_("No Russian name; shown in English"),
    },
    [PSI_LANGUAGE_EN] = {
      /* Translators: tooltip of the mark "RU" after a name in a list or a title: the record has
       * no name in the language of the interface, and the Russian one is shown instead */
      [PSI_LANGUAGE_RU] = N_("No English name; shown in Russian"),
      /* Translators: tooltip of the mark "KY" after a name in a list or a title: the record has
       * no name in the language of the interface, and the Kyrgyz one is shown instead */
      [PSI_LANGUAGE_KY] = N_("No English name; shown in Kyrgyz"),
    },
  };
  PsiLanguage current = psi_language_get_current ();

  g_return_val_if_fail ((guint) shown < PSI_N_LANGUAGES, "");

  if (tooltips[current][shown] == NULL)
    return "";
  return _(tooltips[current][shown]);
}
