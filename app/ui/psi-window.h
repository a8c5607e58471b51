/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "psi-editor-toast.h"
#include "psi-import-dialog.h"
#include "psi-section-page.h"
#include "psi-store.h"

G_BEGIN_DECLS

/* PsiWindow: the main window: a sidebar of six sections (ids as in the GSettings key
 * last-section: conferences, competitions, municipalities, clusters, people, agreements), each
 * one or two PsiSectionPages. Remembers its size and the last section in GSettings.
 *
 * Window actions: win.section (string state, <Alt>1..6), win.search (<Ctrl>f),
 * win.open-record ((ix): kind and id of a record to show), win.new-record (<Ctrl>n),
 * win.edit-record (<Ctrl>e, F2, Enter on a row), win.delete-record (Delete; asks when other
 * records depend on it, then offers Undo in a notice at the bottom), win.undo-delete
 * (<Ctrl>z, while the notice is shown), win.import-records (<Ctrl>o), win.export-records
 * (<Ctrl><Shift>e), win.export-events (the selected event); the certificate actions
 * (win.print-certificates, win.export-certificates, win.export-public-key,
 * win.verify-certificate) are in psi-window-certificates.c. All the state a rebuilt window
 * needs to look the same (section, list, search and selection of every page) can be read and
 * set with the functions below. */

#define PSI_TYPE_WINDOW (psi_window_get_type ())

G_DECLARE_FINAL_TYPE (PsiWindow, psi_window, PSI, WINDOW, GtkApplicationWindow)

/* application may be NULL (tests). */
PsiWindow           *psi_window_new               (GtkApplication *application,
                                                   PsiStore       *store);
PsiStore            *psi_window_get_store         (PsiWindow      *self);
/* The ids of the sections, in sidebar order (NULL-terminated, static). */
const char * const  *psi_window_get_section_ids   (void);
const char          *psi_window_get_section       (PsiWindow      *self);
void                 psi_window_set_section       (PsiWindow      *self,
                                                   const char     *section);
/* The page of a kind, or NULL when the window has none (regions, districts). */
PsiSectionPage      *psi_window_get_page          (PsiWindow      *self,
                                                   PsiRecordKind   kind);
/* The page visible in the current section (in a two-list section, the list shown). */
PsiSectionPage      *psi_window_get_current_page  (PsiWindow      *self);
/* Shows the section and list of a kind. FALSE when the window has no page for it. */
gboolean             psi_window_show_page         (PsiWindow      *self,
                                                   PsiRecordKind   kind);
/* Shows the page of the kind and selects the record there. */
gboolean             psi_window_show_record       (PsiWindow      *self,
                                                   PsiRecordKind   kind,
                                                   gint64          id);

void                 psi_window_take_state        (PsiWindow      *self,
                                                   PsiWindow      *other);

/* The open record editor or delete confirmation, or NULL. */
GtkWindow           *psi_window_get_editor        (PsiWindow      *self);
/* The notice at the bottom that offers to undo a deletion. */
PsiEditorToast      *psi_window_get_toast         (PsiWindow      *self);

/* What the XML actions do once a file is chosen (tests call them directly). */
PsiImportDialog     *psi_window_import_file       (PsiWindow      *self,
                                                   GFile          *file);
void                 psi_window_export_file       (PsiWindow      *self,
                                                   GFile          *file,
                                                   GArray         *event_ids);

G_END_DECLS
