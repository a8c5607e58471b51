/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "psi-store.h"

G_BEGIN_DECLS

/* Writing records to XML in the urn:psi-records:conference:1 format (data/README.md), with
 * libxml2's streaming xmlTextWriter, into a temporary file next to the target that is synced
 * and then renamed over it: a failed export never leaves a partial file. The output is
 * deterministic (records by kind in dependency order, then in the order they were added;
 * attributes and texts in a fixed order; defaults left out), so export → import into an empty
 * records file → export gives the same bytes. */

/* event_ids: NULL for every record; else the ids (gint64) of the events to write, with every
 * record linked to them (competitions, awards, agreements, and what those refer to). */
gboolean  psi_xml_export_file         (PsiStore      *store,
                                       GFile         *file,
                                       GArray        *event_ids,
                                       GCancellable  *cancellable,
                                       GError       **error);

G_END_DECLS
