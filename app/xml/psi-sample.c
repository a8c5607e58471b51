/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-sample"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "psi-sample.h"
#include "psi-sample-resources.h"
#include "psi-xml-import.h"

#define SAMPLE_DISPLAY_NAME "psi-year-end-conference-2020.xml"

/**
 * psi_sample_load_into:
 * @store: the store to write to
 * @error: return location for a #PSI_XML_ERROR
 *
 * Imports the embedded sample conference. Its records carry fixed uuids, so loading it into a
 * store that holds it already updates them instead of adding copies.
 *
 * Returns: %TRUE on success
 */
gboolean
psi_sample_load_into (PsiStore  *store,
                      GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (PSI_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Looking it up in our own GResource also makes sure the linker keeps the resource object
   * of the static library (it registers itself with g_resources_register as well). */
  bytes = g_resource_lookup_data (psi_sample_get_resource (), PSI_SAMPLE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  return psi_xml_import_bytes (store, bytes, SAMPLE_DISPLAY_NAME, error);
}

/**
 * psi_sample_open_store:
 * @path: the records file; created with its folder when missing
 * @error: return location for a #GError
 *
 * Opens the records file as the app does: the store migrates the schema, then a file that
 * holds no records at all gets the sample conference.
 *
 * Returns: (transfer full): the store, or %NULL
 */
PsiStore *
psi_sample_open_store (const char  *path,
                       GError     **error)
{
  g_autoptr(PsiStore) store = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_dir = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: a folder name, then the system's reason */
                   _("Cannot create the folder “%s”: %s"),
                   display_dir, g_strerror (saved_errno));
      return NULL;
    }

  store = psi_store_open (path, error);
  if (store == NULL)
    return NULL;

  if (psi_store_is_empty (store) && !psi_sample_load_into (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

/**
 * psi_sample_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/psi-records/records.db
 */
char *
psi_sample_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "psi-records", "records.db", NULL);
}
