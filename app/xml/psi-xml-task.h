/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-xml-export.h"
#include "psi-xml-import.h"

G_BEGIN_DECLS

/* XML import and export off the main thread, as GTask _async/_finish pairs.
 *
 * A PsiStore is one SQLite connection owned by the thread that opened it, so the worker opens
 * its own store on the same records file (WAL lets a reader and a writer work side by side;
 * the busy timeout covers the rest), imports in one transaction there and closes it. The
 * caller's store does not see the change as signals: after a successful import call
 * psi_store_notify_external_change () on it.
 *
 * Progress is the share of the file read so far (0.0 to 1.0, 1.0 once at the end), reported on
 * the thread-default main context of the caller with the task's source object (kept alive
 * while a report is pending). Cancelling through the GCancellable rolls the import back; the
 * result is then G_IO_ERROR_CANCELLED. A cancel that comes after the import was committed does
 * not turn it into a failure: _finish () tells what really happened. */

typedef void (*PsiXmlProgressFunc) (gpointer source_object,
                                    double   fraction,
                                    gpointer user_data);

void      psi_xml_import_file_async   (gpointer              source_object,
                                       const char           *store_path,
                                       GFile                *file,
                                       PsiXmlImportFlags     flags,
                                       GCancellable         *cancellable,
                                       PsiXmlProgressFunc    progress,
                                       gpointer              progress_data,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/* summary may be NULL. */
gboolean  psi_xml_import_file_finish  (GAsyncResult         *result,
                                       PsiXmlImportSummary  *summary,
                                       GError              **error);

/* event_ids: NULL for the whole records file, else the ids (gint64) of the events to write
 * (copied). */
void      psi_xml_export_file_async   (gpointer              source_object,
                                       const char           *store_path,
                                       GFile                *file,
                                       GArray               *event_ids,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/* n_records (optional): how many records the file holds, every kind counted. */
gboolean  psi_xml_export_file_finish  (GAsyncResult         *result,
                                       guint                *n_records,
                                       GError              **error);

G_END_DECLS
