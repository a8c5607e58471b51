/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-test-files.h"

G_BEGIN_DECLS

/* Helpers shared by the display tests (tests/ui/test-*.c under Xvfb). */

/* Runs the main loop until condition (data) holds; FALSE if it still does not after 60 s. */
gboolean  psi_test_wait_for          (gboolean   (*condition) (gpointer data),
                                      gpointer     data);
/* Lets pending layout and drawing happen (150 ms of main loop). */
void      psi_test_settle            (void);
gboolean  psi_test_widget_is_mapped  (gpointer     widget);
/* A mapped GtkLabel below widget whose text is text. */
gboolean  psi_test_find_label        (GtkWidget   *widget,
                                      const char  *text);
/* Renders widget (a window or a popover) to build/tests/ui/NAME.png. */
void      psi_test_save_screenshot   (GtkWidget   *widget,
                                      const char  *name);

G_END_DECLS
