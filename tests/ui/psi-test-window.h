/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-window.h"

G_BEGIN_DECLS

/* The fixture most display tests share: the sample conference in a records file in a new
 * temporary folder, and a PsiWindow on it (1200×760, shown, in English, first section). */
typedef struct
{
  char      *tmpdir;
  char      *path;     /* tmpdir/records.sqlite3 */
  PsiStore  *store;
  PsiWindow *window;
} PsiTestWindow;

/* Creates the folder (named after prefix) and the store; with show, also the window. */
void    psi_test_window_setup      (PsiTestWindow  *f,
                                    const char     *prefix,
                                    gboolean        show);
/* Shows a window on f->store (after a setup without one). */
void    psi_test_window_show       (PsiTestWindow  *f);
/* Destroys the window, checks that it and the store are finalized, removes the folder. */
void    psi_test_window_teardown   (PsiTestWindow  *f);

/* The id of the record of a kind whose English title is title, or 0. */
gint64  psi_test_id_by_title       (PsiStore       *store,
                                    PsiRecordKind   kind,
                                    const char     *title);

G_END_DECLS
