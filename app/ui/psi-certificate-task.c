/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-certificate-task"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-certificate-task.h"

#include "psi-certificate-xml.h"

typedef struct
{
  char                       *store_path;
  GArray                     *award_ids;
  gint64                      competition_id;
  GFile                      *file;
  GFile                      *public_key;
  GPtrArray                  *docs;
  PsiCertificatePdfLanguage   language;
  PsiCertificateProgressFunc  progress;
  gpointer                    progress_data;
  guint                       n_written;
} TaskData;

typedef struct
{
  GObject                    *source_object;
  PsiCertificateProgressFunc  progress;
  gpointer                    progress_data;
  guint                       n_done;
  guint                       n_pages;
} ProgressReport;

static void
task_data_free (gpointer data)
{
  TaskData *td = data;

  g_free (td->store_path);
  g_clear_pointer (&td->award_ids, g_array_unref);
  g_clear_object (&td->file);
  g_clear_object (&td->public_key);
  g_clear_pointer (&td->docs, g_ptr_array_unref);
  g_free (td);
}

void
psi_certificate_check_free (PsiCertificateCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->number);
  g_clear_pointer (&check->recipient, psi_text_unref);
  g_free (check->key_fingerprint);
  g_free (check);
}

static TaskData *
task_data_new (const char *store_path,
               GArray     *award_ids,
               gint64      competition_id)
{
  TaskData *td = g_new0 (TaskData, 1);

  td->store_path = g_strdup (store_path);
  if (award_ids != NULL)
    {
      td->award_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), award_ids->len);
      g_array_append_vals (td->award_ids, award_ids->data, award_ids->len);
    }
  td->competition_id = competition_id;
  return td;
}

/* In the worker: its own store and the awards to work on; NULL with an error. */
static GArray *
open_awards (TaskData  *td,
             PsiStore **store,
             GError   **error)
{
  GArray *awards;

  *store = psi_store_open (td->store_path, error);
  if (*store == NULL)
    return NULL;
  if (td->award_ids != NULL)
    awards = g_array_ref (td->award_ids);
  else
    awards = psi_store_certificate_list_awards (*store, td->competition_id, error);
  if (awards != NULL && awards->len == 0)
    {
      g_array_unref (awards);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           /* Translators: when certificates are exported or printed for a
                            * competition none of whose awards comes with a certificate */
                           _("None of these awards comes with a certificate."));
      return NULL;
    }
  return awards;
}

static GTask *
new_task (gpointer             source_object,
          GCancellable        *cancellable,
          gpointer             source_tag,
          TaskData            *td,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, td, task_data_free);
  return task;
}

/* XML export */

static void
export_xml_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GArray) awards = NULL;
  GError *error = NULL;
  gboolean ok;

  awards = open_awards (td, &store, &error);
  ok = awards != NULL &&
       !g_cancellable_set_error_if_cancelled (cancellable, &error) &&
       psi_certificate_xml_export_awards_dir (store, td->file, awards, NULL, &td->n_written,
                                              &error);
  g_clear_object (&store);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
psi_certificate_export_xml_async (gpointer              source_object,
                                  const char           *store_path,
                                  GArray               *award_ids,
                                  gint64                competition_id,
                                  GFile                *dir,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (G_IS_FILE (dir));

  td = task_data_new (store_path, award_ids, competition_id);
  td->file = g_object_ref (dir);
  task = new_task (source_object, cancellable, psi_certificate_export_xml_async, td, callback,
                   user_data);
  g_task_run_in_thread (task, export_xml_thread);
}

gboolean
psi_certificate_export_xml_finish (GAsyncResult  *result,
                                   guint         *n_written,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        psi_certificate_export_xml_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_written != NULL)
    *n_written = ((TaskData *) g_task_get_task_data (G_TASK (result)))->n_written;
  return TRUE;
}

/* Signed documents */

static void
load_docs_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(PsiStore) store = NULL;
  g_autoptr(GArray) awards = NULL;
  GPtrArray *docs = NULL;
  GError *error = NULL;

  awards = open_awards (td, &store, &error);
  if (awards != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    docs = psi_certificate_xml_dup_signed_docs (store, awards, NULL, &error);
  g_clear_object (&store);
  if (docs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, docs, (GDestroyNotify) g_ptr_array_unref);
}

void
psi_certificate_load_docs_async (gpointer              source_object,
                                 const char           *store_path,
                                 GArray               *award_ids,
                                 gint64                competition_id,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (store_path != NULL);

  task = new_task (source_object, cancellable, psi_certificate_load_docs_async,
                   task_data_new (store_path, award_ids, competition_id), callback, user_data);
  g_task_run_in_thread (task, load_docs_thread);
}

GPtrArray *
psi_certificate_load_docs_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        psi_certificate_load_docs_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* PDF */

static gboolean
progress_report_cb (gpointer data)
{
  ProgressReport *report = data;

  report->progress (report->source_object, report->n_done, report->n_pages,
                    report->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_clear_object (&report->source_object);
  g_free (report);
}

static void
page_done_cb (guint    n_done,
              guint    n_pages,
              gpointer user_data)
{
  GTask *task = user_data;
  TaskData *td = g_task_get_task_data (task);
  GObject *source = g_task_get_source_object (task);
  ProgressReport *report;

  if (td->progress == NULL)
    return;
  report = g_new0 (ProgressReport, 1);
  report->source_object = source != NULL ? g_object_ref (source) : NULL;
  report->progress = td->progress;
  report->progress_data = td->progress_data;
  report->n_done = n_done;
  report->n_pages = n_pages;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              progress_report_cb, report, progress_report_free);
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;

  if (!psi_certificate_pdf_render_docs_full (td->docs, td->language, td->file, cancellable,
                                             page_done_cb, task, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
psi_certificate_write_pdf_async (gpointer                    source_object,
                                 GPtrArray                  *docs,
                                 PsiCertificatePdfLanguage   language,
                                 GFile                      *file,
                                 GCancellable               *cancellable,
                                 PsiCertificateProgressFunc  progress,
                                 gpointer                    progress_data,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (docs != NULL);
  g_return_if_fail (G_IS_FILE (file));

  td = g_new0 (TaskData, 1);
  td->docs = g_ptr_array_ref (docs);
  td->language = language;
  td->file = g_object_ref (file);
  td->progress = progress;
  td->progress_data = progress_data;
  task = new_task (source_object, cancellable, psi_certificate_write_pdf_async, td, callback,
                   user_data);
  /* A cancel that comes after the file was written must not say it was not. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, write_pdf_thread);
}

gboolean
psi_certificate_write_pdf_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        psi_certificate_write_pdf_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Public key */

static void
export_key_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;

  if (!psi_certificate_sign_ensure_key (NULL, &error) ||
      (pem = psi_certificate_sign_dup_public_pem (NULL, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_file_replace_contents (td->file, g_bytes_get_data (pem, NULL), g_bytes_get_size (pem),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable,
                                &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (td->file);

      g_task_return_new_error (task, G_IO_ERROR, local_error->code,
                               /* Translators: %s is a file name, then the reason */
                               _("Cannot write %s: %s"), name, local_error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
psi_certificate_export_key_async (gpointer              source_object,
                                  GFile                *file,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (G_IS_FILE (file));

  td = g_new0 (TaskData, 1);
  td->file = g_object_ref (file);
  task = new_task (source_object, cancellable, psi_certificate_export_key_async, td, callback,
                   user_data);
  g_task_run_in_thread (task, export_key_thread);
}

gboolean
psi_certificate_export_key_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        psi_certificate_export_key_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Verification */

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(PsiCertificateCheck) check = g_new0 (PsiCertificateCheck, 1);
  g_autoptr(GBytes) pem = NULL;
  GError *error = NULL;
  xmlDocPtr doc = NULL;

  if (td->public_key != NULL)
    {
      char *contents = NULL;
      gsize size = 0;

      if (!g_file_load_contents (td->public_key, cancellable, &contents, &size, NULL, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      pem = g_bytes_new_take (contents, size);
    }
  else
    {
      g_autofree char *key_path = psi_certificate_sign_dup_default_key_path ();

      /* A fresh installation checks against the key it would sign with. */
      if (!psi_certificate_sign_ensure_key (key_path, &error) ||
          (pem = psi_certificate_sign_dup_public_pem (key_path, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  check->key_fingerprint = psi_certificate_sign_dup_fingerprint (pem, &error);
  if (check->key_fingerprint == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!psi_certificate_verify_file_full (td->file, pem, &check->verdict, &doc, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  psi_certificate_xml_read_summary (doc, &check->number, &check->recipient,
                                    &check->n_certificates);
  xmlFreeDoc (doc);
  g_task_return_pointer (task, g_steal_pointer (&check),
                         (GDestroyNotify) psi_certificate_check_free);
}

void
psi_certificate_verify_async (gpointer              source_object,
                              GFile                *file,
                              GFile                *public_key,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (public_key == NULL || G_IS_FILE (public_key));

  td = g_new0 (TaskData, 1);
  td->file = g_object_ref (file);
  td->public_key = public_key != NULL ? g_object_ref (public_key) : NULL;
  task = new_task (source_object, cancellable, psi_certificate_verify_async, td, callback,
                   user_data);
  g_task_run_in_thread (task, verify_thread);
}

PsiCertificateCheck *
psi_certificate_verify_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        psi_certificate_verify_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
