/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* File helpers every suite shares (GLib only, so headless tests can link them). */

/* Removes a folder a test made, with what is in it; folders are made writable first (tests
 * take write permission away), symbolic links are removed, not followed. */
void   psi_test_remove_tree   (const char  *path);
/* The contents of a file as text; the test fails when it cannot be read. */
char  *psi_test_read_text     (const char  *path);
/* Writes text to a file; the test fails when it cannot be written. */
void   psi_test_write_text    (const char  *path,
                               const char  *text);

G_END_DECLS
