/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-store"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-store-export.h"
#include "psi-store-private.h"

/* One constant statement per kind, in PsiRecordKind order: no SQL is composed at run time. */
static const char * const list_ids_sql[PSI_N_RECORD_KINDS] = {
  "SELECT id FROM organisation ORDER BY id",
  "SELECT id FROM region ORDER BY id",
  "SELECT id FROM district ORDER BY id",
  "SELECT id FROM municipality ORDER BY id",
  "SELECT id FROM official ORDER BY id",
  "SELECT id FROM cluster ORDER BY id",
  "SELECT id FROM event ORDER BY id",
  "SELECT id FROM competition ORDER BY id",
  "SELECT id FROM award ORDER BY id",
  "SELECT id FROM agreement ORDER BY id",
};

/**
 * psi_store_list_ids:
 * @self: a store
 * @kind: the kind of record
 * @error: return location for a #PSI_STORE_ERROR
 *
 * Returns: (transfer full): the ids (gint64) of every record of @kind in ascending order, or
 *   %NULL on error
 */
GArray *
psi_store_list_ids (PsiStore       *self,
                    PsiRecordKind   kind,
                    GError        **error)
{
  g_autoptr(PsiCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  g_return_val_if_fail (PSI_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < PSI_N_RECORD_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _psi_store_get_stmt (self, list_ids_sql[kind], error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _psi_store_set_error (error, _psi_store_get_db (self), rc,
                            _("Cannot read the records file"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}
