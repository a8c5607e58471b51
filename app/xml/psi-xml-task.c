/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-xml-task"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/xmlreader.h>

#include "psi-xml-task.h"

#include "psi-store-backup.h"

/* Share of the file between two progress reports. */
#define PROGRESS_STEP 0.01

/* PsiCountingStream: a filter stream that reports how much of its base stream was read. */

#define PSI_TYPE_COUNTING_STREAM (psi_counting_stream_get_type ())

G_DECLARE_FINAL_TYPE (PsiCountingStream, psi_counting_stream, PSI, COUNTING_STREAM,
                      GFilterInputStream)

struct _PsiCountingStream
{
  GFilterInputStream  parent_instance;

  goffset             size;
  goffset             n_read;
  double              reported;
  GTask              *task;     /* unowned: the stream lives inside the task's thread */
};

G_DEFINE_FINAL_TYPE (PsiCountingStream, psi_counting_stream, G_TYPE_FILTER_INPUT_STREAM)

typedef struct
{
  char                *store_path;
  GFile               *file;
  PsiXmlImportFlags    flags;
  GArray              *event_ids;
  PsiXmlProgressFunc   progress;
  gpointer             progress_data;
  PsiXmlImportSummary  summary;
  guint                n_records;
} TaskData;

typedef struct
{
  GObject             *source_object;
  PsiXmlProgressFunc   progress;
  gpointer             progress_data;
  double               fraction;
} ProgressReport;

static void
task_data_free (gpointer data)
{
  TaskData *td = data;

  g_free (td->store_path);
  g_clear_object (&td->file);
  g_clear_pointer (&td->event_ids, g_array_unref);
  g_free (td);
}

static gboolean
progress_report_cb (gpointer data)
{
  ProgressReport *report = data;

  report->progress (report->source_object, report->fraction, report->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_clear_object (&report->source_object);
  g_free (report);
}

/* From the worker: hands the fraction to the caller's main context. */
static void
report_progress (GTask  *task,
                 double  fraction)
{
  TaskData *td = g_task_get_task_data (task);
  ProgressReport *report;
  GObject *source;

  if (td->progress == NULL)
    return;

  report = g_new0 (ProgressReport, 1);
  source = g_task_get_source_object (task);
  report->source_object = source != NULL ? g_object_ref (source) : NULL;
  report->progress = td->progress;
  report->progress_data = td->progress_data;
  report->fraction = CLAMP (fraction, 0.0, 1.0);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              progress_report_cb, report, progress_report_free);
}

static gssize
psi_counting_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  PsiCountingStream *self = PSI_COUNTING_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n;

  n = g_input_stream_read (base, buffer, count, cancellable, error);
  if (n <= 0)
    return n;

  self->n_read += n;
  if (self->size > 0)
    {
      double fraction = MIN (1.0, (double) self->n_read / (double) self->size);

      if (fraction - self->reported >= PROGRESS_STEP && fraction < 1.0)
        {
          self->reported = fraction;
          report_progress (self->task, fraction);
        }
    }
  return n;
}

static void
psi_counting_stream_class_init (PsiCountingStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = psi_counting_stream_read;
}

static void
psi_counting_stream_init (PsiCountingStream *self)
{
}

/* Import */

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(PsiCountingStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  GError *error = NULL;
  gboolean ok;

  store = psi_store_open (td->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A real import is preceded by a backup (an empty file has nothing to keep); without one
   * nothing is imported. */
  if (!(td->flags & PSI_XML_IMPORT_DRY_RUN) && !psi_store_is_empty (store))
    {
      g_autofree char *backup = psi_store_backup_auto (store, PSI_BACKUP_REASON_IMPORT, &error);

      if (backup == NULL)
        {
          g_prefix_error (&error, "%s",
                          _("Nothing was imported, because the records file could not be "
                            "backed up first: "));
          g_task_return_error (task, error);
          return;
        }
      g_debug ("Backed up the records file to %s before the import", backup);
    }

  file_stream = g_file_read (td->file, cancellable, &error);
  if (file_stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  info = g_file_input_stream_query_info (file_stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  stream = g_object_new (PSI_TYPE_COUNTING_STREAM,
                         "base-stream", file_stream,
                         NULL);
  stream->task = task;
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    stream->size = g_file_info_get_size (info);

  basename = g_file_get_basename (td->file);
  display_name = g_filename_display_name (basename != NULL ? basename : "");

  report_progress (task, 0.0);
  ok = psi_xml_import_stream (store, G_INPUT_STREAM (stream), display_name, td->flags,
                              &td->summary, cancellable, &error);
  /* Closed before the caller hears of it: nothing of this connection outlives the task. */
  g_clear_object (&stream);
  g_clear_object (&file_stream);
  g_clear_object (&store);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  report_progress (task, 1.0);
  g_task_return_boolean (task, TRUE);
}

/**
 * psi_xml_import_file_async:
 * @source_object: (nullable): the GObject that owns the operation (a dialog)
 * @store_path: the records file to import into (the path of the caller's store)
 * @file: the XML file
 * @flags: %PSI_XML_IMPORT_DRY_RUN for a preview
 * @cancellable: (nullable): cancels and rolls back
 * @progress: (nullable): called on the caller's main context with the share of @file read
 * @progress_data: for @progress
 * @callback: called when done
 * @user_data: for @callback
 *
 * Imports @file in a worker thread through its own connection to @store_path.
 */
void
psi_xml_import_file_async (gpointer              source_object,
                           const char           *store_path,
                           GFile                *file,
                           PsiXmlImportFlags     flags,
                           GCancellable         *cancellable,
                           PsiXmlProgressFunc    progress,
                           gpointer              progress_data,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (source_object == NULL || G_IS_OBJECT (source_object));
  g_return_if_fail (store_path != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  td = g_new0 (TaskData, 1);
  td->store_path = g_strdup (store_path);
  td->file = g_object_ref (file);
  td->flags = flags;
  td->progress = progress;
  td->progress_data = progress_data;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, psi_xml_import_file_async);
  g_task_set_task_data (task, td, task_data_free);
  /* A cancel that comes after the commit must not report a rollback that did not happen. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

gboolean
psi_xml_import_file_finish (GAsyncResult         *result,
                            PsiXmlImportSummary  *summary,
                            GError              **error)
{
  GTask *task;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == psi_xml_import_file_async,
                        FALSE);

  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (summary != NULL)
    *summary = ((TaskData *) g_task_get_task_data (task))->summary;
  return TRUE;
}

/* Export */

/* The records in an exported file: the children of its root element. */
static guint
count_records (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  xmlTextReaderPtr reader;
  guint n = 0;
  int ret;

  if (path == NULL)
    return 0;

  reader = xmlReaderForFile (path, NULL, XML_PARSE_NONET);
  if (reader == NULL)
    return 0;
  ret = xmlTextReaderRead (reader);
  while (ret == 1)
    {
      if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
          xmlTextReaderDepth (reader) == 1)
        {
          n++;
          ret = xmlTextReaderNext (reader);
        }
      else
        ret = xmlTextReaderRead (reader);
    }
  xmlFreeTextReader (reader);
  return n;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(PsiStore) store = NULL;
  GError *error = NULL;
  gboolean ok;

  store = psi_store_open (td->store_path, &error);
  ok = store != NULL && psi_xml_export_file (store, td->file, td->event_ids, cancellable, &error);
  g_clear_object (&store);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  td->n_records = count_records (td->file);
  g_task_return_boolean (task, TRUE);
}

/**
 * psi_xml_export_file_async:
 * @source_object: (nullable): the GObject that owns the operation
 * @store_path: the records file to read
 * @file: the XML file to write (replaced atomically)
 * @event_ids: (nullable) (element-type gint64): the events to write, or %NULL for everything
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Exports in a worker thread through its own connection to @store_path.
 */
void
psi_xml_export_file_async (gpointer              source_object,
                           const char           *store_path,
                           GFile                *file,
                           GArray               *event_ids,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (source_object == NULL || G_IS_OBJECT (source_object));
  g_return_if_fail (store_path != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  td = g_new0 (TaskData, 1);
  td->store_path = g_strdup (store_path);
  td->file = g_object_ref (file);
  if (event_ids != NULL)
    {
      td->event_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), event_ids->len);
      g_array_append_vals (td->event_ids, event_ids->data, event_ids->len);
    }

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, psi_xml_export_file_async);
  g_task_set_task_data (task, td, task_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
psi_xml_export_file_finish (GAsyncResult  *result,
                            guint         *n_records,
                            GError       **error)
{
  GTask *task;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == psi_xml_export_file_async,
                        FALSE);

  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (n_records != NULL)
    *n_records = ((TaskData *) g_task_get_task_data (task))->n_records;
  return TRUE;
}
