/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "psi-test-ui.h"

gboolean
psi_test_wait_for (gboolean (*condition) (gpointer data),
                   gpointer  data)
{
  /* Generous: a sanitizer build on a loaded machine draws a frame slowly. */
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return condition (data);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
psi_test_settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (150, set_true_cb, &done);
  g_assert_true (psi_test_wait_for (is_true, &done));
}

gboolean
psi_test_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

gboolean
psi_test_find_label (GtkWidget  *widget,
                     const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (psi_test_find_label (child, text))
      return TRUE;
  return FALSE;
}

void
psi_test_save_screenshot (GtkWidget  *widget,
                          const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "ui", file_name, NULL);
  int width, height;

  psi_test_settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The paintable may need one more frame after a change. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint retry = 0; node == NULL && retry < 20; retry++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (retry > 0)
        psi_test_settle ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_test_message ("screenshot: %s", path);
}
