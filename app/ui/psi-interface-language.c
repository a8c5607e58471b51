/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-interface-language"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "psi-interface-language.h"

#include "psi-model.h"

static char *system_language;           /* LANGUAGE as the app found it, or NULL */
static gboolean system_language_set;
static char *current_code;

void
psi_interface_language_init (const char *localedir)
{
  const char *messages;

  system_language = g_strdup (g_getenv ("LANGUAGE"));
  system_language_set = system_language != NULL;

  setlocale (LC_ALL, "");

  /* LANGUAGE is ignored under the C locale but honoured under C.UTF-8. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      setlocale (LC_CTYPE, "C.UTF-8");
      setlocale (LC_MESSAGES, "C.UTF-8");
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* g_dgettext () decides once per process whether to translate at all, from the default
   * domain at its first call: ask GTK's catalog first, before our domain becomes the default,
   * so that GTK's strings are translated even where our catalog is missing. */
  (void) g_dgettext ("gtk40", "");

  textdomain (GETTEXT_PACKAGE);
}

gboolean
psi_interface_language_is_valid (const char *code)
{
  return code != NULL &&
         (*code == '\0' || g_str_equal (code, "ky") || g_str_equal (code, "ru") ||
          g_str_equal (code, "en"));
}

static PsiLanguage
system_record_language (void)
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

gboolean
psi_interface_language_apply (const char *code)
{
  PsiLanguage language = PSI_LANGUAGE_EN;

  if (!psi_interface_language_is_valid (code))
    return FALSE;

  if (*code == '\0')
    {
      if (system_language_set)
        g_setenv ("LANGUAGE", system_language, TRUE);
      else
        g_unsetenv ("LANGUAGE");
    }
  else if (g_str_equal (code, "ky"))
    g_setenv ("LANGUAGE", "ky:ru", TRUE);
  else
    g_setenv ("LANGUAGE", code, TRUE);

  /* Changing LANGUAGE does not flush gettext's cache of looked-up messages; setting the
   * domain again does. */
  textdomain (GETTEXT_PACKAGE);

  if (*code == '\0')
    language = system_record_language ();
  else
    psi_language_from_code (code, &language);
  psi_language_set_current (language);

  g_free (current_code);
  current_code = g_strdup (code);
  g_debug ("Interface language: “%s” (LANGUAGE=%s)", code, g_getenv ("LANGUAGE"));
  return TRUE;
}

const char *
psi_interface_language_get (void)
{
  return current_code != NULL ? current_code : "";
}

const char *
psi_interface_language_from_args (int    argc,
                                  char **argv)
{
  const char *found = NULL;

  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--language") && i + 1 < argc)
        found = argv[++i];
      else if (g_str_has_prefix (argv[i], "--language="))
        found = argv[i] + strlen ("--language=");
    }
  return found;
}

GSettings *
psi_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

char *
psi_interface_language_dup_saved (void)
{
  g_autoptr(GSettings) settings = psi_settings_new_if_installed ();
  char *code;

  if (settings == NULL)
    return g_strdup ("");

  code = g_settings_get_string (settings, "language");
  if (!psi_interface_language_is_valid (code))
    {
      g_free (code);
      return g_strdup ("");
    }
  return code;
}
