/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-records"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "psi-application.h"

static void
setup_gettext (void)
{
  const char *localedir = g_getenv ("PSI_LOCALEDIR");
  const char *messages;

  setlocale (LC_ALL, "");

  /* LANGUAGE is ignored under the C locale but honoured under C.UTF-8. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      setlocale (LC_CTYPE, "C.UTF-8");
      setlocale (LC_MESSAGES, "C.UTF-8");
    }

  /* An uninstalled build finds its catalogs through PSI_LOCALEDIR. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* g_dgettext () decides once per process whether to translate at all, from the default
   * domain at its first call: ask GTK's catalog first, before our domain becomes the default,
   * so that GTK's strings are translated even where our catalog is missing. */
  (void) g_dgettext ("gtk40", "");

  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PsiApplication) application = NULL;

  setup_gettext ();

  g_set_application_name (_("PSI Records"));

  application = psi_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
