/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "psi-store.h"

G_BEGIN_DECLS

/* The records file of the benchmarks: one region, n_awards / 200 municipalities (10 to 5000)
 * "Municipality 00042" / "Муниципалитет 00042", every other one also "Кеңеш" in Kyrgyz, one
 * event, n_awards / 10000 competitions (2 to 200) "Competition 7", and n_awards awards given
 * competition by competition, each to a municipality, all through the store API in one
 * transaction. Prints how long the awards took. */

guint     bench_n_municipalities  (gint64       n_awards);
guint     bench_n_competitions    (gint64       n_awards);
char     *bench_municipality_name (guint        i);
gboolean  bench_create_records    (const char  *path,
                                   gint64       n_awards,
                                   GError     **error);
/* Removes path and its -wal and -shm files. */
void      bench_remove_file       (const char  *path);

G_END_DECLS
