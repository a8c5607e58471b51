/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-certificate-pdf"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "psi-certificate-pdf.h"
#include "psi-certificate-sign.h"
#include "psi-certificate-xml.h"

G_DEFINE_QUARK (psi-certificate-pdf-error-quark, psi_certificate_pdf_error)

/* A4 landscape, in points */
#define PAGE_WIDTH PSI_CERTIFICATE_PAGE_WIDTH
#define PAGE_HEIGHT PSI_CERTIFICATE_PAGE_HEIGHT
#define MARGIN 42.0
#define QR_SIZE 96.0

static const char *const language_codes[PSI_N_LANGUAGES] = { "en", "ru", "ky" };

/* The face of a certificate, per language (not the interface language: see the header). */
typedef struct
{
  const char *title;
  const char *recipient;
  const char *members;
  const char *competition;
  const char *event;
  const char *grant;
  const char *prizes;
  const char *number;
  const char *date;
  const char *currency;
  const char *items[3];      /* PsiItemKind: laptop, printer, other */
  const char *months[12];
} Face;

static const Face faces[PSI_N_LANGUAGES] = {
  [PSI_LANGUAGE_EN] = {
    "CERTIFICATE", "Awarded to", "Members of the cluster:", "Competition:", "Event:",
    "Grant:", "Prizes:", "Certificate No.", "Date of issue:", "KGS",
    { "laptop", "printer", "other equipment" },
    { "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December" } },
  [PSI_LANGUAGE_RU] = {
    "СЕРТИФИКАТ", "Вручается", "Члены кластера:", "Конкурс:", "Мероприятие:",
    "Грант:", "Призы:", "Сертификат №", "Дата выдачи:", "сом",
    { "ноутбук", "принтер", "другое оборудование" },
    { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
      "октября", "ноября", "декабря" } },
  [PSI_LANGUAGE_KY] = {
    "СЕРТИФИКАТ", "Ыйгарылат", "Кластердин мүчөлөрү:", "Сынак:", "Иш-чара:",
    "Грант:", "Сыйлыктар:", "Сертификат №", "Берилген күнү:", "сом",
    { "ноутбук", "принтер", "башка жабдуу" },
    { "январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу", "сентябры",
      "октябры", "ноябры", "декабры" } },
};

/* Numbers in words */

static const char *const en_ones[20] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
  "nineteen" };
static const char *const en_tens[10] = {
  "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };

static const char *const ru_ones_m[20] = {
  "ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
  "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
  "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать" };
static const char *const ru_tens[10] = {
  "", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
  "восемьдесят", "девяносто" };
static const char *const ru_hundreds[10] = {
  "", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
  "девятьсот" };

static const char *const ky_ones[10] = {
  "нөл", "бир", "эки", "үч", "төрт", "беш", "алты", "жети", "сегиз", "тогуз" };
static const char *const ky_tens[10] = {
  "", "он", "жыйырма", "отуз", "кырк", "элүү", "алтымыш", "жетимиш", "сексен", "токсон" };

static void
append_word (GString    *s,
             const char *word)
{
  if (s->len > 0)
    g_string_append_c (s, ' ');
  g_string_append (s, word);
}

/* 1 … 999 */
static void
en_triplet (GString *s,
            guint    n)
{
  if (n >= 100)
    {
      append_word (s, en_ones[n / 100]);
      append_word (s, "hundred");
      n %= 100;
    }
  if (n == 0)
    return;
  if (n < 20)
    append_word (s, en_ones[n]);
  else if (n % 10 == 0)
    append_word (s, en_tens[n / 10]);
  else
    {
      append_word (s, en_tens[n / 10]);
      g_string_append_printf (s, "-%s", en_ones[n % 10]);
    }
}

static void
ru_triplet (GString  *s,
            guint     n,
            gboolean  feminine)
{
  if (n >= 100)
    append_word (s, ru_hundreds[n / 100]);
  n %= 100;
  if (n >= 20)
    {
      append_word (s, ru_tens[n / 10]);
      n %= 10;
    }
  if (n == 0)
    return;
  if (feminine && n == 1)
    append_word (s, "одна");
  else if (feminine && n == 2)
    append_word (s, "две");
  else
    append_word (s, ru_ones_m[n]);
}

/* 0: one (1, 21…), 1: few (2–4, 22–24…), 2: many */
static guint
ru_plural (guint64 n)
{
  if (n % 10 == 1 && n % 100 != 11)
    return 0;
  if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20))
    return 1;
  return 2;
}

static void
ky_triplet (GString *s,
            guint    n)
{
  if (n >= 100)
    {
      if (n / 100 > 1)
        append_word (s, ky_ones[n / 100]);
      append_word (s, "жүз");
    }
  n %= 100;
  if (n >= 10)
    append_word (s, ky_tens[n / 10]);
  if (n % 10 != 0)
    append_word (s, ky_ones[n % 10]);
}

char *
psi_certificate_amount_in_words (guint64     amount,
                                 PsiLanguage language)
{
  static const char *const en_scales[] = { "", "thousand", "million", "billion", "trillion",
                                           "quadrillion", "quintillion" };
  static const char *const ky_scales[] = { "", "миң", "миллион", "миллиард", "триллион",
                                           "квадриллион", "квинтиллион" };
  static const char *const ru_scales[][3] = {
    { "", "", "" },
    { "тысяча", "тысячи", "тысяч" },
    { "миллион", "миллиона", "миллионов" },
    { "миллиард", "миллиарда", "миллиардов" },
    { "триллион", "триллиона", "триллионов" },
    { "квадриллион", "квадриллиона", "квадриллионов" },
    { "квинтиллион", "квинтиллиона", "квинтиллионов" },
  };
  GString *s = g_string_new (NULL);
  guint triplets[7] = { 0 };
  int top = 0;

  g_return_val_if_fail (language < PSI_N_LANGUAGES, NULL);

  if (amount == 0)
    {
      g_string_append (s, language == PSI_LANGUAGE_EN ? en_ones[0]
                       : language == PSI_LANGUAGE_RU ? ru_ones_m[0] : ky_ones[0]);
      return g_string_free (s, FALSE);
    }
  for (guint64 rest = amount; rest > 0; rest /= 1000)
    triplets[top++] = rest % 1000;

  for (int i = top - 1; i >= 0; i--)
    {
      guint n = triplets[i];

      if (n == 0)
        continue;
      switch (language)
        {
        case PSI_LANGUAGE_RU:
          ru_triplet (s, n, i == 1);
          if (i > 0)
            append_word (s, ru_scales[i][ru_plural (n)]);
          break;
        case PSI_LANGUAGE_KY:
          /* "миң", not "бир миң", for a thousand alone */
          if (!(i == 1 && n == 1))
            ky_triplet (s, n);
          if (i > 0)
            append_word (s, ky_scales[i]);
          break;
        case PSI_LANGUAGE_EN:
        default:
          en_triplet (s, n);
          if (i > 0)
            append_word (s, en_scales[i]);
          break;
        }
    }
  return g_string_free (s, FALSE);
}

static char *
dup_amount_words_with_currency (guint64     amount,
                                PsiLanguage language)
{
  static const char *const ru_som[] = { "сом", "сома", "сомов" };
  g_autofree char *words = psi_certificate_amount_in_words (amount, language);

  switch (language)
    {
    case PSI_LANGUAGE_RU:
      return g_strdup_printf ("%s %s", words, ru_som[ru_plural (amount)]);
    case PSI_LANGUAGE_KY:
      return g_strdup_printf ("%s сом", words);
    case PSI_LANGUAGE_EN:
    default:
      return g_strdup_printf ("%s som", words);
    }
}

/* 5 000 000 with no-break spaces */
static char *
dup_figures (guint64 amount)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, amount);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (s, "\u00a0");
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static char *
dup_date (const char  *iso,
          PsiLanguage  language)
{
  int y = 0, m = 0, d = 0;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup (iso != NULL ? iso : "");
  switch (language)
    {
    case PSI_LANGUAGE_RU:
      return g_strdup_printf ("%d %s %d г.", d, faces[language].months[m - 1], y);
    case PSI_LANGUAGE_KY:
      return g_strdup_printf ("%d-жылдын %d-%s", y, d, faces[language].months[m - 1]);
    case PSI_LANGUAGE_EN:
    default:
      return g_strdup_printf ("%d %s %d", d, faces[language].months[m - 1], y);
    }
}

/* Reading the signed document */

static xmlNodePtr
child (xmlNodePtr  parent,
       const char *name)
{
  for (xmlNodePtr n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST name))
      return n;
  return NULL;
}

static xmlNodePtr
next_sibling (xmlNodePtr  node,
              const char *name)
{
  for (xmlNodePtr n = node->next; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST name))
      return n;
  return NULL;
}

/* The text of the first <element xml:lang="lang"> of parent, or NULL (a new string) */
static char *
dup_text (xmlNodePtr   parent,
          const char  *element,
          PsiLanguage  language)
{
  for (xmlNodePtr n = child (parent, element); n != NULL; n = next_sibling (n, element))
    {
      g_autofree xmlChar *lang = xmlNodeGetLang (n);

      if (lang != NULL && xmlStrEqual (lang, BAD_CAST language_codes[language]))
        {
          xmlChar *content = xmlNodeGetContent (n);
          char *text = g_strstrip (g_strdup ((const char *) content));

          xmlFree (content);
          if (*text == '\0')
            {
              g_free (text);
              return NULL;
            }
          return text;
        }
    }
  return NULL;
}

static char *
dup_attr (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = node != NULL ? xmlGetProp (node, BAD_CAST name) : NULL;
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static const char *
language_name (PsiLanguage language)
{
  switch (language)
    {
    case PSI_LANGUAGE_RU:
      /* Translators: the language a certificate is printed in, for "Certificate %s cannot be
       * printed in %s"; include the preposition your language needs there */
      return C_("printed in", "Russian");
    case PSI_LANGUAGE_KY:
      /* Translators: the language a certificate is printed in, for "Certificate %s cannot be
       * printed in %s"; include the preposition your language needs there */
      return C_("printed in", "Kyrgyz");
    case PSI_LANGUAGE_EN:
    default:
      /* Translators: the language a certificate is printed in, for "Certificate %s cannot be
       * printed in %s"; include the preposition your language needs there */
      return C_("printed in", "English");
    }
}

static void
set_missing (GError      **error,
             const char   *number,
             const char   *what,
             PsiLanguage   language)
{
  g_set_error (error, PSI_CERTIFICATE_PDF_ERROR, PSI_CERTIFICATE_PDF_ERROR_MISSING_TEXT,
               /* Translators: "Certificate PSI-2020-0007 cannot be printed in Kyrgyz: the
                * recipient's name is missing in Kyrgyz." The second %s is one of the
                * "the recipient's name"… strings, the third a language name */
               _("Certificate %s cannot be printed in %s: %s is missing in that language. "
                 "Add it to the records, or print in another language."),
               number, language_name (language), what);
}

/* Checks that every text the page needs exists in language */
static gboolean
check_texts (xmlNodePtr    cert,
             const char   *number,
             PsiLanguage   language,
             GError      **error)
{
  struct { xmlNodePtr parent; const char *element; const char *what; } needed[] = {
    /* Translators: what may be missing on a certificate, see "cannot be printed in" */
    { child (cert, "recipient"), "name", N_("the recipient's name") },
    /* Translators: what may be missing on a certificate, see "cannot be printed in" */
    { child (cert, "competition"), "name", N_("the competition's name") },
    /* Translators: what may be missing on a certificate, see "cannot be printed in" */
    { child (cert, "event"), "name", N_("the event's name") },
    /* Translators: what may be missing on a certificate, see "cannot be printed in" */
    { child (cert, "award"), "achievement", N_("the achievement") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_autofree char *text = dup_text (needed[i].parent, needed[i].element, language);

      if (text == NULL)
        {
          set_missing (error, number, _(needed[i].what), language);
          return FALSE;
        }
    }
  for (xmlNodePtr m = child (child (cert, "recipient"), "member"); m != NULL;
       m = next_sibling (m, "member"))
    {
      g_autofree char *text = dup_text (m, "name", language);

      if (text == NULL)
        {
          /* Translators: what may be missing on a certificate, see "cannot be printed in" */
          set_missing (error, number, _("the name of a member of the cluster"), language);
          return FALSE;
        }
    }
  for (xmlNodePtr o = cert->children; o != NULL; o = o->next)
    {
      g_autofree char *text = NULL;

      if (o->type != XML_ELEMENT_NODE ||
          !(xmlStrEqual (o->name, BAD_CAST "issuer") || xmlStrEqual (o->name, BAD_CAST "funder")))
        continue;
      text = dup_text (o, "name", language);
      if (text == NULL)
        {
          /* Translators: what may be missing on a certificate, see "cannot be printed in" */
          set_missing (error, number, _("the name of an issuing or funding organisation"),
                       language);
          return FALSE;
        }
    }
  return TRUE;
}

/* Drawing */

static double
draw_text (cairo_t     *cr,
           const char  *text,
           double       x,
           double       y,
           double       width,
           double       size,
           gboolean     bold,
           PangoAlignment alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (font, "DejaVu Sans, Noto Sans, Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  pango_font_description_free (font);
  g_object_unref (layout);
  return y + (double) h / PANGO_SCALE;
}

static void
draw_qr (cairo_t     *cr,
         const char  *payload,
         double       x,
         double       y,
         double       size)
{
  QRcode *code = QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
  double module;

  if (code == NULL)
    return;
  module = size / (code->width + 8);  /* a quiet zone of 4 modules */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    for (int col = 0; col < code->width; col++)
      if (code->data[row * code->width + col] & 1)
        cairo_rectangle (cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
}

/* One language's block of a page, from y; returns the y below it */
static double
draw_block (cairo_t     *cr,
            xmlNodePtr   cert,
            PsiLanguage  language,
            double       x,
            double       y,
            double       width,
            double       scale)
{
  const Face *face = &faces[language];
  xmlNodePtr recipient = child (cert, "recipient");
  xmlNodePtr award = child (cert, "award");
  xmlNodePtr prizes = child (cert, "prizes");
  g_autofree char *name = dup_text (recipient, "name", language);
  g_autofree char *achievement = dup_text (award, "achievement", language);
  g_autofree char *competition = dup_text (child (cert, "competition"), "name", language);
  g_autofree char *event = dup_text (child (cert, "event"), "name", language);
  g_autofree char *event_date_iso = dup_attr (child (cert, "event"), "date");
  g_autofree char *event_date = dup_date (event_date_iso, language);
  g_autofree char *grant = dup_attr (prizes, "grant-kgs");
  g_autofree char *issue_iso = dup_attr (cert, "issue-date");
  g_autofree char *issue_date = dup_date (issue_iso, language);
  g_autofree char *number = dup_attr (cert, "number");
  g_autoptr(GString) members = g_string_new (NULL);
  g_autoptr(GString) items = g_string_new (NULL);
  g_autofree char *line = NULL;

  cairo_set_source_rgb (cr, 0.10, 0.25, 0.45);
  y = draw_text (cr, face->title, x, y, width, 30 * scale, TRUE, PANGO_ALIGN_CENTER) + 8 * scale;
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  y = draw_text (cr, face->recipient, x, y, width, 12 * scale, FALSE, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = draw_text (cr, name, x, y + 2, width, 24 * scale, TRUE, PANGO_ALIGN_CENTER) + 4 * scale;

  for (xmlNodePtr m = child (recipient, "member"); m != NULL; m = next_sibling (m, "member"))
    {
      g_autofree char *member = dup_text (m, "name", language);

      if (members->len > 0)
        g_string_append (members, ", ");
      g_string_append (members, member);
    }
  if (members->len > 0)
    {
      line = g_strdup_printf ("%s %s", face->members, members->str);
      y = draw_text (cr, line, x, y, width, 11 * scale, FALSE, PANGO_ALIGN_CENTER) + 4 * scale;
      g_clear_pointer (&line, g_free);
    }

  y = draw_text (cr, achievement, x, y + 4 * scale, width, 18 * scale, TRUE,
                 PANGO_ALIGN_CENTER) + 4 * scale;
  line = g_strdup_printf ("%s %s", face->competition, competition);
  y = draw_text (cr, line, x, y, width, 11 * scale, FALSE, PANGO_ALIGN_CENTER) + 2 * scale;
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s %s, %s", face->event, event, event_date);
  y = draw_text (cr, line, x, y, width, 11 * scale, FALSE, PANGO_ALIGN_CENTER) + 6 * scale;
  g_clear_pointer (&line, g_free);

  if (grant != NULL)
    {
      guint64 amount = g_ascii_strtoull (grant, NULL, 10);
      g_autofree char *figures = dup_figures (amount);
      g_autofree char *words = dup_amount_words_with_currency (amount, language);

      line = g_strdup_printf ("%s %s %s (%s)", face->grant, figures, face->currency, words);
      y = draw_text (cr, line, x, y, width, 14 * scale, TRUE, PANGO_ALIGN_CENTER) + 4 * scale;
      g_clear_pointer (&line, g_free);
    }
  for (xmlNodePtr i = child (prizes, "item"); i != NULL; i = next_sibling (i, "item"))
    {
      g_autofree char *label = dup_text (i, "label", language);
      g_autofree char *kind = dup_attr (i, "kind");
      g_autofree char *count = dup_attr (i, "count");
      guint k = g_strcmp0 (kind, "laptop") == 0 ? 0 : g_strcmp0 (kind, "printer") == 0 ? 1 : 2;

      if (items->len > 0)
        g_string_append (items, ", ");
      g_string_append (items, label != NULL ? label : face->items[k]);
      if (count != NULL)
        g_string_append_printf (items, " × %s", count);
    }
  if (items->len > 0)
    {
      line = g_strdup_printf ("%s %s", face->prizes, items->str);
      y = draw_text (cr, line, x, y, width, 12 * scale, FALSE, PANGO_ALIGN_CENTER) + 4 * scale;
      g_clear_pointer (&line, g_free);
    }

  line = g_strdup_printf ("%s %s · %s %s", face->number, number, face->date, issue_date);
  y = draw_text (cr, line, x, y + 4 * scale, width, 10 * scale, FALSE, PANGO_ALIGN_CENTER);
  return y;
}

/* "Title, name, organisation" of a signatory in one language */
static char *
dup_signatory_caption (xmlNodePtr   cert,
                       xmlNodePtr   signatory,
                       PsiLanguage  language)
{
  g_autofree char *title = dup_text (signatory, "title", language);
  g_autofree char *name = dup_text (signatory, "name", language);
  g_autofree char *org_id = dup_attr (signatory, "organisation");
  g_autofree char *org = NULL;
  GString *caption = g_string_new (NULL);

  for (xmlNodePtr o = child (cert, "issuer"); o != NULL && org_id != NULL;
       o = next_sibling (o, "issuer"))
    {
      g_autofree char *id = dup_attr (o, "id");

      if (g_strcmp0 (id, org_id) == 0)
        org = dup_text (o, "name", language);
    }
  if (title != NULL)
    g_string_append (caption, title);
  if (name != NULL)
    g_string_append_printf (caption, "%s%s", caption->len > 0 ? ", " : "", name);
  if (org != NULL)
    g_string_append_printf (caption, "%s%s", caption->len > 0 ? ", " : "", org);
  return g_string_free (caption, FALSE);
}

static void
draw_signatories (cairo_t     *cr,
                  xmlNodePtr   cert,
                  gboolean     trilingual,
                  PsiLanguage  language,
                  double       x,
                  double       y,
                  double       width)
{
  static const PsiLanguage order[] = { PSI_LANGUAGE_KY, PSI_LANGUAGE_RU, PSI_LANGUAGE_EN };
  guint n = 0;

  for (xmlNodePtr s = child (cert, "signatory"); s != NULL; s = next_sibling (s, "signatory"))
    n++;
  if (n == 0)
    return;

  {
    double column = width / n;
    guint i = 0;

    for (xmlNodePtr s = child (cert, "signatory"); s != NULL;
         s = next_sibling (s, "signatory"), i++)
      {
        g_autoptr(GString) caption = g_string_new (NULL);
        double cx = x + i * column;

        for (guint l = 0; l < G_N_ELEMENTS (order); l++)
          {
            g_autofree char *one = NULL;

            if (!trilingual && order[l] != language)
              continue;
            one = dup_signatory_caption (cert, s, order[l]);
            if (caption->len > 0)
              g_string_append_c (caption, '\n');
            g_string_append (caption, one);
          }
        cairo_set_source_rgb (cr, 0, 0, 0);
        cairo_set_line_width (cr, 0.8);
        cairo_move_to (cr, cx + column * 0.15, y);
        cairo_line_to (cr, cx + column * 0.85, y);
        cairo_stroke (cr);
        draw_text (cr, caption->str, cx, y + 3, column, 9, FALSE, PANGO_ALIGN_CENTER);
      }
  }
}

static void
draw_captions (cairo_t     *cr,
               xmlNodePtr   cert,
               gboolean     trilingual,
               PsiLanguage  language,
               double       x,
               double       y,
               double       width)
{
  static const PsiLanguage order[] = { PSI_LANGUAGE_KY, PSI_LANGUAGE_RU, PSI_LANGUAGE_EN };
  const char *elements[] = { "funder", "issuer" };

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  for (guint e = 0; e < G_N_ELEMENTS (elements); e++)
    {
      double column = width / 2;

      for (xmlNodePtr o = child (cert, elements[e]); o != NULL; o = next_sibling (o, elements[e]))
        {
          g_autoptr(GString) text = g_string_new (NULL);

          if (child (o, "caption") == NULL)
            continue;
          for (guint l = 0; l < G_N_ELEMENTS (order); l++)
            {
              g_autofree char *caption = NULL;

              if (!trilingual && order[l] != language)
                continue;
              caption = dup_text (o, "caption", order[l]);
              if (caption == NULL)
                continue;
              if (text->len > 0)
                g_string_append_c (text, '\n');
              g_string_append (text, caption);
            }
          draw_text (cr, text->str, x + e * column, y, column - 12, 8, FALSE, PANGO_ALIGN_LEFT);
          break;
        }
    }
}

char *
psi_certificate_pdf_dup_qr_payload (xmlDocPtr doc)
{
  g_autofree char *number = NULL;
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  number = dup_attr (xmlDocGetRootElement (doc), "number");
  fingerprint = psi_certificate_sign_dup_signature_fingerprint (doc);
  if (number == NULL || fingerprint == NULL)
    return NULL;
  return g_strdup_printf ("%s\nsha256:%s", number, fingerprint);
}

static gboolean
draw_page (cairo_t                    *cr,
           xmlDocPtr                   doc,
           PsiCertificatePdfLanguage   language)
{
  static const PsiLanguage order[] = { PSI_LANGUAGE_KY, PSI_LANGUAGE_RU, PSI_LANGUAGE_EN };
  xmlNodePtr cert = xmlDocGetRootElement (doc);
  g_autofree char *payload = psi_certificate_pdf_dup_qr_payload (doc);
  gboolean trilingual = language == PSI_CERTIFICATE_PDF_TRILINGUAL;
  PsiLanguage single = trilingual ? PSI_LANGUAGE_EN : (PsiLanguage) language;
  double content_width = PAGE_WIDTH - 2 * MARGIN;

  /* Paper and frame */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.10, 0.25, 0.45);
  cairo_set_line_width (cr, 3);
  cairo_rectangle (cr, 18, 18, PAGE_WIDTH - 36, PAGE_HEIGHT - 36);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 24, 24, PAGE_WIDTH - 48, PAGE_HEIGHT - 48);
  cairo_stroke (cr);

  draw_captions (cr, cert, trilingual, single, MARGIN, MARGIN - 6, content_width);

  if (trilingual)
    {
      double column = content_width / 3;

      for (guint l = 0; l < G_N_ELEMENTS (order); l++)
        draw_block (cr, cert, order[l], MARGIN + l * column + 6, MARGIN + 62, column - 12, 0.62);
      draw_signatories (cr, cert, TRUE, PSI_LANGUAGE_EN, MARGIN, PAGE_HEIGHT - MARGIN - 60,
                        content_width - QR_SIZE - 20);
    }
  else
    {
      draw_block (cr, cert, single, MARGIN + 40, MARGIN + 62, content_width - 80, 1.0);
      draw_signatories (cr, cert, FALSE, single, MARGIN, PAGE_HEIGHT - MARGIN - 48,
                        content_width - QR_SIZE - 20);
    }

  draw_qr (cr, payload, PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - MARGIN - QR_SIZE + 8,
           QR_SIZE);
  return cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

void
psi_certificate_draw_page (cairo_t                    *cr,
                           xmlDocPtr                   doc,
                           PsiCertificatePdfLanguage   language,
                           double                      width,
                           double                      height)
{
  double scale;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (doc != NULL);
  g_return_if_fail (language <= PSI_CERTIFICATE_PDF_TRILINGUAL);

  if (width <= 0 || height <= 0)
    return;
  scale = MIN (width / PAGE_WIDTH, height / PAGE_HEIGHT);
  cairo_save (cr);
  cairo_translate (cr, (width - PAGE_WIDTH * scale) / 2, (height - PAGE_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_clip (cr);
  draw_page (cr, doc, language);
  cairo_restore (cr);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  GOutputStream *stream = closure;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
psi_certificate_pdf_check_docs (GPtrArray                  *docs,
                                PsiCertificatePdfLanguage   language,
                                GError                    **error)
{
  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (language <= PSI_CERTIFICATE_PDF_TRILINGUAL, FALSE);

  for (guint i = 0; i < docs->len; i++)
    {
      xmlDocPtr doc = g_ptr_array_index (docs, i);
      xmlNodePtr cert = xmlDocGetRootElement (doc);
      g_autofree char *number = dup_attr (cert, "number");
      g_autofree char *status_nick = dup_attr (cert, "status");
      g_autofree char *fingerprint = psi_certificate_sign_dup_signature_fingerprint (doc);

      if (cert == NULL || !xmlStrEqual (cert->name, BAD_CAST "certificate") || number == NULL ||
          fingerprint == NULL)
        {
          g_set_error_literal (error, PSI_CERTIFICATE_PDF_ERROR,
                               PSI_CERTIFICATE_PDF_ERROR_INVALID,
                               _("Only a signed certificate can be printed."));
          return FALSE;
        }
      if (g_strcmp0 (status_nick, "revoked") == 0)
        {
          g_set_error (error, PSI_CERTIFICATE_PDF_ERROR, PSI_CERTIFICATE_PDF_ERROR_REVOKED,
                       /* Translators: %s is a certificate number such as PSI-2020-0007 */
                       _("Certificate %s is revoked and cannot be printed."), number);
          return FALSE;
        }
      for (guint l = 0; l < PSI_N_LANGUAGES; l++)
        if ((language == PSI_CERTIFICATE_PDF_TRILINGUAL || (guint) language == l) &&
            !check_texts (cert, number, l, error))
          return FALSE;
    }
  return TRUE;
}

gboolean
psi_certificate_pdf_render_docs (GPtrArray                  *docs,
                                 PsiCertificatePdfLanguage   language,
                                 GFile                      *file,
                                 GError                    **error)
{
  return psi_certificate_pdf_render_docs_full (docs, language, file, NULL, NULL, NULL, error);
}

gboolean
psi_certificate_pdf_render_docs_full (GPtrArray                  *docs,
                                      PsiCertificatePdfLanguage   language,
                                      GFile                      *file,
                                      GCancellable               *cancellable,
                                      PsiCertificatePageFunc      page_done,
                                      gpointer                    user_data,
                                      GError                    **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean existed;

  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (language <= PSI_CERTIFICATE_PDF_TRILINGUAL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Everything is checked before anything is written */
  if (!psi_certificate_pdf_check_docs (docs, language, error))
    return FALSE;

  /* Written to a temporary file and renamed at the end: a failure leaves the old file (a new
   * file is written in place, and removed on failure) */
  existed = g_file_query_exists (file, NULL);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                           &local_error);
  if (stream == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stream == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, PSI_CERTIFICATE_PDF_ERROR, PSI_CERTIFICATE_PDF_ERROR_WRITE,
                   /* Translators: %s is a file name, then the reason */
                   _("Cannot write %s: %s"), name, local_error->message);
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (write_cb, stream, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
  cr = cairo_create (surface);
  for (guint i = 0; i < docs->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      draw_page (cr, g_ptr_array_index (docs, i), language);
      cairo_show_page (cr);
      if (page_done != NULL)
        page_done (i + 1, docs->len, user_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (local_error != NULL)
    {
      /* Cancelled: the old file stays as it was */
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
      if (!existed)
        g_file_delete (file, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (!existed)
        g_file_delete (file, NULL, NULL);

      g_set_error (error, PSI_CERTIFICATE_PDF_ERROR, PSI_CERTIFICATE_PDF_ERROR_WRITE,
                   _("Cannot write %s: %s"), name,
                   local_error != NULL ? local_error->message : cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
psi_certificate_pdf_export_competition (PsiStore                   *store,
                                        gint64                      competition_id,
                                        PsiCertificatePdfLanguage   language,
                                        const char                 *key_path,
                                        GFile                      *file,
                                        GError                    **error)
{
  g_autoptr(GArray) awards = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (competition_id > 0, FALSE);

  awards = psi_store_certificate_list_awards (store, competition_id, error);
  if (awards == NULL)
    return FALSE;
  docs = psi_certificate_xml_dup_signed_docs (store, awards, key_path, error);
  if (docs == NULL)
    return FALSE;
  return psi_certificate_pdf_render_docs (docs, language, file, error);
}
