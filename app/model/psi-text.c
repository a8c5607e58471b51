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

/* Folding */

static inline gunichar
fold_kyrgyz (gunichar c)
{
  switch (c)
    {
    case 0x04E9: /* ө */
    case 0x0473: /* ѳ, fita, written for ө */
      return 0x043E; /* о */
    case 0x04AF: /* ү */
      return 0x0443; /* у */
    case 0x04A3: /* ң */
      return 0x043D; /* н */
    case 0x0451: /* ё */
      return 0x0435; /* е */
    default:
      return c;
    }
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

/* Fast path for text made only of ASCII and the Cyrillic block U+0400..U+04FF, which NFKC
 * leaves alone and whose casefold is the simple lower case, staying two bytes wide, so the
 * result is never longer than str. Appends the folded text and returns TRUE, or appends
 * nothing and returns FALSE. */
static gboolean
fold_append_fast (GString    *out,
                  const char *str,
                  gsize       len)
{
  const guchar *p = (const guchar *) str;
  const guchar *end = p + len;
  gsize start_len = out->len;
  guchar *q;

  g_string_set_size (out, start_len + len);
  q = (guchar *) out->str + start_len;

  while (p < end)
    {
      if (*p < 0x80)
        {
          *q++ = g_ascii_tolower (*p);
          p++;
        }
      else if (*p >= 0xD0 && *p <= 0xD3 && (p[1] & 0xC0) == 0x80)
        {
          gunichar c = ((gunichar) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);

          c = fold_kyrgyz (cyrillic_tolower (c));
          if G_UNLIKELY (c < 0x0400 || c > 0x04FF)
            break;
          *q++ = 0xC0 | (c >> 6);
          *q++ = 0x80 | (c & 0x3F);
          p += 2;
        }
      else
        break;
    }

  if (p < end)
    {
      g_string_truncate (out, start_len);
      return FALSE;
    }

  g_string_truncate (out, (char *) q - out->str);

  return TRUE;
}

static void
fold_append (GString    *out,
             const char *str,
             gsize       len)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;

  if (fold_append_fast (out, str, len))
    return;

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  normal = g_utf8_normalize (str, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal, -1);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (out, fold_kyrgyz (g_utf8_get_char (p)));
}

char *
psi_fold_string (const char *str)
{
  GString *out;
  gsize len;

  if (str == NULL)
    return g_strdup ("");

  len = strlen (str);
  out = g_string_sized_new (len + 1);
  fold_append (out, str, len);

  return g_string_free (out, FALSE);
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
      size += lengths[i];
    }

  out = g_string_sized_new (size);

  /* Always three parts, in PsiLanguage order, so that a missing language stays visible. */
  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      if (text->values[i] != NULL)
        fold_append (out, text->values[i], lengths[i]);
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
