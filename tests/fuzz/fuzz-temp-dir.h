/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

/* The harnesses' temp folder: in /dev/shm when there is one, XDG_DATA_HOME pointed into it (so
 * backups and keys stay there), removed with everything in it when the process exits. */

static char *fuzz_temp_dir;

static void
fuzz_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        fuzz_remove_tree (child);
      else
        g_unlink (child);
      g_free (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
fuzz_remove_temp_dir (void)
{
  if (fuzz_temp_dir != NULL)
    fuzz_remove_tree (fuzz_temp_dir);
  g_clear_pointer (&fuzz_temp_dir, g_free);
}

static inline const char *
fuzz_make_temp_dir (void)
{
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  char *tmpl = g_build_filename (base, "psi-fuzz-XXXXXX", NULL);

  fuzz_temp_dir = g_mkdtemp (tmpl);   /* tmpl itself */
  g_assert_nonnull (fuzz_temp_dir);
  g_setenv ("XDG_DATA_HOME", fuzz_temp_dir, TRUE);
  atexit (fuzz_remove_temp_dir);
  return fuzz_temp_dir;
}
