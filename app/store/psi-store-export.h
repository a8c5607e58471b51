/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* Reading every record of a kind in a stable order (by id, i.e. the order they were added), for
 * the XML exporter. */

/* The ids of every record of kind, ascending. */
GArray   *psi_store_list_ids        (PsiStore       *self,
                                     PsiRecordKind   kind,
                                     GError        **error);

G_END_DECLS
