/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-records"

#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>

#include "psi-application.h"
#include "psi-interface-language.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PsiApplication) application = NULL;
  const char *localedir = g_getenv ("PSI_LOCALEDIR");
  g_autofree char *saved = NULL;
  const char *language;

  /* A file size limit (ulimit -f) must make a write fail with EFBIG, which the store reports
   * as a full disk with nothing changed, not kill the process in the middle of a commit. */
  signal (SIGXFSZ, SIG_IGN);

  /* An uninstalled build finds its catalogs through PSI_LOCALEDIR. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  psi_interface_language_init (localedir);

  /* The language is applied before GTK starts, so that GTK's own strings follow it too:
   * --language for this run, else the saved choice, else the system's. PsiApplication checks
   * the option again and refuses an unknown code. */
  language = psi_interface_language_from_args (argc, argv);
  if (language == NULL || !psi_interface_language_is_valid (language))
    language = saved = psi_interface_language_dup_saved ();
  psi_interface_language_apply (language);

  g_set_application_name (_("PSI Records"));

  application = psi_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
