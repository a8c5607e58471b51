/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-language"

#include "config.h"

#include "psi-language.h"

static const char *const codes[PSI_N_LANGUAGES] = {
  [PSI_LANGUAGE_EN] = "en",
  [PSI_LANGUAGE_RU] = "ru",
  [PSI_LANGUAGE_KY] = "ky",
};

static const PsiLanguage fallbacks[PSI_N_LANGUAGES][PSI_N_LANGUAGES] = {
  [PSI_LANGUAGE_EN] = { PSI_LANGUAGE_EN, PSI_LANGUAGE_RU, PSI_LANGUAGE_KY },
  [PSI_LANGUAGE_RU] = { PSI_LANGUAGE_RU, PSI_LANGUAGE_KY, PSI_LANGUAGE_EN },
  [PSI_LANGUAGE_KY] = { PSI_LANGUAGE_KY, PSI_LANGUAGE_RU, PSI_LANGUAGE_EN },
};

/* -1 until first asked for */
static int current_language = -1;

static gboolean
language_is_valid (int language)
{
  return language >= 0 && language < PSI_N_LANGUAGES;
}

static PsiLanguage
default_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      PsiLanguage language;

      if (psi_language_from_code (names[i], &language))
        return language;
    }

  return PSI_LANGUAGE_EN;
}

PsiLanguage
psi_language_get_current (void)
{
  int language = g_atomic_int_get (&current_language);

  if G_UNLIKELY (language < 0)
    {
      /* Racing threads compute the same value; the first one wins. */
      g_atomic_int_compare_and_exchange (&current_language, -1, (int) default_language ());
      language = g_atomic_int_get (&current_language);
    }

  return (PsiLanguage) language;
}

void
psi_language_set_current (PsiLanguage language)
{
  g_return_if_fail (language_is_valid (language));

  g_atomic_int_set (&current_language, (int) language);
}

const char *
psi_language_to_code (PsiLanguage language)
{
  g_return_val_if_fail (language_is_valid (language), NULL);

  return codes[language];
}

/* Accepts "ky", and also locale or tag forms such as "ru_RU.UTF-8", "ky-KG", "en@latin". */
gboolean
psi_language_from_code (const char  *code,
                        PsiLanguage *language)
{
  g_return_val_if_fail (language != NULL, FALSE);

  if (code == NULL)
    return FALSE;

  for (guint i = 0; i < PSI_N_LANGUAGES; i++)
    {
      if (g_ascii_tolower (code[0]) == codes[i][0] &&
          code[0] != '\0' &&
          g_ascii_tolower (code[1]) == codes[i][1] &&
          (code[2] == '\0' || code[2] == '_' || code[2] == '-' ||
           code[2] == '.' || code[2] == '@'))
        {
          *language = (PsiLanguage) i;
          return TRUE;
        }
    }

  return FALSE;
}

const PsiLanguage *
psi_language_get_fallbacks (PsiLanguage language)
{
  g_return_val_if_fail (language_is_valid (language), fallbacks[PSI_LANGUAGE_EN]);

  return fallbacks[language];
}
