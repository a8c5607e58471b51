/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-text"

#include "config.h"

#include <string.h>

#include "psi-text.h"

#include "psi-language.h"
#include "psi-model-private.h"

/* The three strings live in the same allocation as the struct, after it. */
struct _PsiText
{
  gatomicrefcount  ref_count;
  const char      *values[PSI_N_LANGUAGES];
};

/* The empty text is shared and never freed: making one costs nothing. */
static PsiText empty_text = { 1, { NULL, NULL, NULL } };

G_DEFINE_BOXED_TYPE (PsiText, psi_text, psi_text_ref, psi_text_unref)

static gboolean
language_is_valid (int language)
{
  return language >= 0 && language < PSI_N_LANGUAGES;
}

static PsiText *
text_new_from_array (const char *const *values)
{
  gsize lengths[PSI_N_LANGUAGES];
  gsize total = sizeof (PsiText);
  gboolean any = FALSE;
  PsiText *text;
  char *data;

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    {
      if (values[i] != NULL && values[i][0] != '\0')
        {
          lengths[i] = strlen (values[i]) + 1;
          total += lengths[i];
          any = TRUE;
        }
      else
        lengths[i] = 0;
    }

  if (!any)
    return &empty_text;

  text = g_malloc (total);
  g_atomic_ref_count_init (&text->ref_count);
  data = (char *) (text + 1);

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    {
      if (lengths[i] == 0)
        {
          text->values[i] = NULL;
          continue;
        }

      memcpy (data, values[i], lengths[i]);
      text->values[i] = data;
      data += lengths[i];
    }

  return text;
}

/**
 * psi_text_new:
 *
 * Empty strings are stored as NULL. Returns a new reference.
 */
PsiText *
psi_text_new (const char *en,
              const char *ru,
              const char *ky)
{
  const char *values[PSI_N_LANGUAGES];

  values[PSI_LANGUAGE_EN] = en;
  values[PSI_LANGUAGE_RU] = ru;
  values[PSI_LANGUAGE_KY] = ky;

  return text_new_from_array (values);
}

PsiText *
psi_text_new_empty (void)
{
  return &empty_text;
}

PsiText *
psi_text_ref (PsiText *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (text != &empty_text)
    g_atomic_ref_count_inc (&text->ref_count);

  return text;
}

void
psi_text_unref (PsiText *text)
{
  g_return_if_fail (text != NULL);

  if (text == &empty_text)
    return;

  if (g_atomic_ref_count_dec (&text->ref_count))
    g_free (text);
}

const char *
psi_text_get_exact (const PsiText *text,
                    PsiLanguage    language)
{
  g_return_val_if_fail (language_is_valid (language), NULL);

  if (text == NULL)
    return NULL;

  return text->values[language];
}

const char *
psi_text_get (const PsiText *text,
              PsiLanguage    language,
              PsiLanguage   *used)
{
  const PsiLanguage *order;

  g_return_val_if_fail (language_is_valid (language), "");

  if (used != NULL)
    *used = language;

  if (text == NULL)
    return "";

  if G_LIKELY (text->values[language] != NULL)
    return text->values[language];

  order = psi_language_get_fallbacks (language);

  for (guint i = 1; i < PSI_N_LANGUAGES; i++)
    {
      if (text->values[order[i]] != NULL)
        {
          if (used != NULL)
            *used = order[i];
          return text->values[order[i]];
        }
    }

  return "";
}

const char *
psi_text_get_current (const PsiText *text)
{
  return psi_text_get (text, psi_language_get_current (), NULL);
}

PsiText *
psi_text_with (const PsiText *text,
               PsiLanguage    language,
               const char    *value)
{
  const char *values[PSI_N_LANGUAGES] = { NULL, NULL, NULL };

  g_return_val_if_fail (language_is_valid (language), NULL);

  if (text != NULL)
    memcpy (values, text->values, sizeof values);

  values[language] = value;

  return text_new_from_array (values);
}

gboolean
psi_text_is_empty (const PsiText *text)
{
  if (text == NULL)
    return TRUE;

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    if (text->values[i] != NULL)
      return FALSE;

  return TRUE;
}

gboolean
psi_text_is_complete (const PsiText *text)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    if (text->values[i] == NULL)
      return FALSE;

  return TRUE;
}

/* NULL is equal to the empty text. */
gboolean
psi_text_equal (const PsiText *a,
                const PsiText *b)
{
  if (a == b)
    return TRUE;

  if (a == NULL)
    return psi_text_is_empty (b);

  if (b == NULL)
    return psi_text_is_empty (a);

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    if (g_strcmp0 (a->values[i], b->values[i]) != 0)
      return FALSE;

  return TRUE;
}

/* Folding
 *
 * Names come in three scripts and several spellings: Теплоключенка and Teplokluchenka, Джалал,
 * Жалал and Jalal, Кеңеш and Kenesh, Ысык and Issyk. Both the stored search text and what the
 * user types are folded to one "skeleton" in Latin letters, so that a substring match finds the
 * same name in every script:
 *
 *  1. Units: code points in lower case. ASCII and the Cyrillic block are taken as they are;
 *     anything else is decomposed (NFKD), case folded and stripped of combining marks
 *     ("é" gives "e", "ß" gives "ss", "ﬁ" gives "fi"). Apostrophes are dropped ("Mayor's" is
 *     "mayors"); every other character that is not a letter or digit separates words, as does
 *     an invalid byte.
 *  2. Cyrillic is written in Latin letters, one letter at a time: ж j, х h, ц ts, ч ch, ш щ sh,
 *     ю u, я ia, й ы и i, ё е э e, ъ ь nothing; Kyrgyz ө o, ү u, ң n (also ѳ, the fita written
 *     for ө); "дж" is j.
 *  3. Latin spellings of the same sounds are brought together: kh h, zh dzh dj j, c k (ts
 *     before e, i, y; "ch" stays), shch sh, q k, w v, x ks, y i except before u and e, where it
 *     is dropped (yu u, ye e, ya ia like я).
 *  4. A letter repeated is written once (Issyk, Иссык and Ысык all give "isik"); digits are
 *     kept as they are. Runs of separators become one space, none at either end.
 *
 * So Кеңеш, Kenesh and КЕНЕШ all give "kenesh", Бешик-Жон and Beshik-Jon "beshik jon".
 *
 * A search text may stop in the middle of a word, where the next letter would change what the
 * last one stands for ("Okty" of Oktyabr, "Dark" of Darkhan, "Д" of Джалал). psi_fold_query ()
 * leaves out such a last letter, so that the folded query is always found in the folded name it
 * is the beginning of. Rules only look one or two letters ahead and one or two back. */

#define UNIT_SEP  ((gunichar) ' ')
#define N_STACK_UNITS 128

typedef struct
{
  GString *out;
  gsize    start;        /* where this part began in out */
  char     last;         /* the last ASCII letter written, for repeats; 0 after anything else */
  gboolean pending_sep;
} Emitter;

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == '`' || c == 0x00B4 || c == 0x02B9 || c == 0x02BB || c == 0x02BC ||
         c == 0x2018 || c == 0x2019;
}

/* Lower case of a character of the Cyrillic block, the same as its full casefold. */
static inline gunichar
cyrillic_tolower (gunichar c)
{
  if (c >= 0x0410 && c <= 0x042F)
    return c + 0x20;
  if (c >= 0x0400 && c <= 0x040F)
    return c + 0x50;
  if (c < 0x0460)
    return c;

  return g_unichar_tolower (c);
}

static const char *
cyrillic_extra_latin (gunichar c)
{
  switch (c)
    {
    case 0x0491: return "g";    /* ґ */
    case 0x0493: return "g";    /* ғ */
    case 0x049B: return "k";    /* қ */
    case 0x04A3: return "n";    /* ң */
    case 0x04A5: return "n";    /* ҥ */
    case 0x04AF: return "u";    /* ү */
    case 0x04B1: return "u";    /* ұ */
    case 0x04B3: return "h";    /* ҳ */
    case 0x04B7: return "ch";   /* ҷ */
    case 0x04BB: return "h";    /* һ */
    case 0x04D9: return "a";    /* ә */
    case 0x04E3: return "i";    /* ӣ */
    case 0x04E9: return "o";    /* ө (and ѳ) */
    case 0x04EF: return "u";    /* ӯ */
    default:     return NULL;
    }
}

typedef struct
{
  gunichar *units;
  gsize     len;
  gsize     size;
  gunichar  stack[N_STACK_UNITS];
} Units;

static void
units_push (Units    *u,
            gunichar  c)
{
  if G_UNLIKELY (u->len == u->size)
    {
      gsize size = u->size * 2;

      if (u->units == u->stack)
        {
          u->units = g_new (gunichar, size);
          memcpy (u->units, u->stack, u->len * sizeof (gunichar));
        }
      else
        u->units = g_renew (gunichar, u->units, size);
      u->size = size;
    }
  u->units[u->len++] = c;
}

/* Step 1 for a code point of ASCII or the Cyrillic block; FALSE for anything else. */
static inline gboolean
units_push_fast (Units    *u,
                 gunichar  c)
{
  if (c < 0x80)
    {
      if (c >= 'A' && c <= 'Z')
        units_push (u, c + 0x20);
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        units_push (u, c);
      else if (!is_apostrophe (c))
        units_push (u, UNIT_SEP);
      return TRUE;
    }

  if (c >= 0x0400 && c <= 0x04FF)
    {
      c = cyrillic_tolower (c);
      if (c == 0x0473)
        c = 0x04E9;   /* ѳ, the fita, written for ө */
      /* Other letters with marks (ӝ, ӓ) go the slow way, to their base letter. */
      if (c >= 0x0460 && cyrillic_extra_latin (c) == NULL)
        return FALSE;
      units_push (u, c);
      return TRUE;
    }

  return FALSE;
}

static void
units_push_slow (Units    *u,
                 gunichar  c)
{
  char buf[8];
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;

  if (is_apostrophe (c))
    return;

  buf[g_unichar_to_utf8 (c, buf)] = '\0';
  normal = g_utf8_normalize (buf, -1, G_NORMALIZE_NFKD);
  if (normal == NULL)
    {
      units_push (u, UNIT_SEP);
      return;
    }
  folded = g_utf8_casefold (normal, -1);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar d = g_utf8_get_char (p);

      if (g_unichar_ismark (d) || is_apostrophe (d) || units_push_fast (u, d))
        continue;
      units_push (u, g_unichar_isalnum (d) ? d : UNIT_SEP);
    }
}

static void
units_fill (Units      *u,
            const char *str,
            gsize       len)
{
  const guchar *p = (const guchar *) str;
  const guchar *end = p + len;

  while (p < end)
    {
      gunichar c;

      if (*p < 0x80)
        {
          units_push_fast (u, *p++);
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) p, end - p);
      if G_UNLIKELY (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* An invalid byte separates words. */
          units_push (u, UNIT_SEP);
          p++;
          continue;
        }
      if (!units_push_fast (u, c))
        units_push_slow (u, c);
      p = (const guchar *) g_utf8_next_char (p);
    }
}

static inline void
emit_flush_sep (Emitter *e)
{
  if (e->pending_sep)
    {
      g_string_append_c (e->out, ' ');
      e->pending_sep = FALSE;
    }
}

/* ASCII letters of the skeleton: a letter repeated is written once. */
static inline void
emit_letters (Emitter    *e,
              const char *letters)
{
  for (const char *p = letters; *p != '\0'; p++)
    {
      if (*p == e->last)
        continue;
      emit_flush_sep (e);
      g_string_append_c (e->out, *p);
      e->last = *p;
    }
}

static inline void
emit_other (Emitter  *e,
            gunichar  c)
{
  emit_flush_sep (e);
  if (c < 0x80)
    g_string_append_c (e->out, (char) c);
  else
    g_string_append_unichar (e->out, c);
  e->last = 0;
}

static inline void
emit_sep (Emitter *e)
{
  if (e->out->len > e->start)
    e->pending_sep = TRUE;
  e->last = 0;
}

/* Cyrillic letters (lower case, from U+0430) written in Latin; NULL: kept as it is. */
static const char *const cyrillic_latin[] = {
  /* а..я */
  "a", "b", "v", "g", "d", "e", "j", "z", "i", "i", "k", "l", "m", "n", "o", "p",
  "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sh", "", "i", "", "e", "u", "ia",
  /* ѐ ё ђ ѓ є ѕ і ї ј љ њ ћ ќ ѝ ў џ */
  "e", "e", "d", "g", "e", "z", "i", "i", "j", "l", "n", "ch", "k", "i", "u", "j",
};

/* Steps 2 to 4 over units[0..n). partial: the text may go on after the last unit. */
static void
emit_units (Emitter        *e,
            const gunichar *u,
            gsize           n,
            gboolean        partial)
{
  for (gsize i = 0; i < n; i++)
    {
      gunichar c = u[i];
      gunichar next = i + 1 < n ? u[i + 1] : 0;
      gunichar next2 = i + 2 < n ? u[i + 2] : 0;
      gunichar prev = i > 0 ? u[i - 1] : 0;
      /* The next letter decides, and it is not known yet. */
      gboolean open = partial && i + 1 >= n;
      const char *latin;

      if (c == UNIT_SEP)
        {
          emit_sep (e);
          continue;
        }

      if (c >= 'a' && c <= 'z')
        {
          char letter[2] = { (char) c, '\0' };

          switch (c)
            {
            case 'c':
              if (open)
                continue;
              if (next == 'h')
                latin = prev == 'h' && i >= 2 && u[i - 2] == 's' ? "" : "c";   /* shch */
              else if (next == 'e' || next == 'i' || next == 'y')
                latin = "ts";
              else
                latin = "k";
              break;
            case 'd':
              if (open || (next == 'z' && partial && i + 2 >= n))
                continue;
              if (next == 'j' || next == 0x0436 || (next == 'z' && next2 == 'h'))
                latin = "";     /* dj, dzh, dж */
              else
                latin = "d";
              break;
            case 'h':
              latin = prev == 'z' ? "j" : "h";
              break;
            case 'k':
              if (open)
                continue;
              latin = next == 'h' ? "" : "k";
              break;
            case 'q':
              latin = "k";
              break;
            case 'w':
              latin = "v";
              break;
            case 'x':
              latin = "ks";
              break;
            case 'y':
              if (open)
                continue;
              latin = next == 'u' || next == 'e' ? "" : "i";
              break;
            case 'z':
              if (open)
                continue;
              latin = next == 'h' ? "" : "z";
              break;
            default:
              latin = letter;
              break;
            }
          emit_letters (e, latin);
          continue;
        }

      if (c >= 0x0430 && c <= 0x045F)
        {
          if (c == 0x0434)   /* д: дж is j */
            {
              if (open)
                continue;
              latin = next == 0x0436 ? "" : "d";
            }
          else
            latin = cyrillic_latin[c - 0x0430];
          emit_letters (e, latin);
          continue;
        }

      if (c >= 0x0460 && c <= 0x04FF && (latin = cyrillic_extra_latin (c)) != NULL)
        {
          emit_letters (e, latin);
          continue;
        }

      /* Digits, letters of other scripts */
      emit_other (e, c);
    }
}

static void
fold_append (GString    *out,
             const char *str,
             gsize       len,
             gboolean    partial)
{
  Units units;
  Emitter e = { out, out->len, 0, FALSE };

  units.units = units.stack;
  units.len = 0;
  units.size = N_STACK_UNITS;
  units_fill (&units, str, len);
  emit_units (&e, units.units, units.len, partial);
  if (units.units != units.stack)
    g_free (units.units);
}

static char *
fold_one (const char *str,
          gboolean    partial)
{
  GString *out;
  gsize len;

  if (str == NULL)
    return g_strdup ("");

  len = strlen (str);
  out = g_string_sized_new (len + len / 2 + 1);
  fold_append (out, str, len, partial);

  return g_string_free (out, FALSE);
}

char *
psi_fold_string (const char *str)
{
  return fold_one (str, FALSE);
}

char *
psi_fold_query (const char *str)
{
  return fold_one (str, TRUE);
}

char *
psi_text_dup_fold (const PsiText *text)
{
  gsize lengths[PSI_N_LANGUAGES];
  gsize size = PSI_N_LANGUAGES;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    {
      lengths[i] = text->values[i] != NULL ? strlen (text->values[i]) : 0;
      size += lengths[i] + lengths[i] / 2;
    }

  out = g_string_sized_new (size);

  /* Always three parts, in PsiLanguage order, so that a missing language stays visible. */
  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      if (text->values[i] != NULL)
        fold_append (out, text->values[i], lengths[i], FALSE);
    }

  return g_string_free (out, FALSE);
}

/* Private helpers */

gboolean
_psi_text_set (PsiText **dest,
               PsiText  *value)
{
  g_assert (dest != NULL);

  if (value == NULL)
    value = &empty_text;

  if (*dest == value || psi_text_equal (*dest, value))
    return FALSE;

  psi_text_ref (value);
  if (*dest != NULL)
    psi_text_unref (*dest);
  *dest = value;

  return TRUE;
}

gboolean
_psi_str_set (char       **dest,
              const char  *value)
{
  g_assert (dest != NULL);

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);

  return TRUE;
}
