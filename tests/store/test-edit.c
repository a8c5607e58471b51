/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Deleting with what it implies and undoing it (PsiDeletion, psi-store-edit.c), and edits that
 * survive closing the file, on real temporary SQLite files holding the sample conference. A
 * deletion followed by its undo must give back exactly the same records: every kind is dumped in
 * full (every property, child collections, references written as the uuid they point to) before
 * and after, and again after the file is closed and opened. */

#define G_LOG_DOMAIN "test-edit"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "psi-record-list.h"
#include "psi-sample.h"
#include "psi-store-edit.h"

/* Records of the sample, by their uuid in data/sample/psi-year-end-conference-2020.xml */
#define EVENT_UUID           "59cfea74-fdd9-4341-8766-672828138003"
#define TEPLOKLUCHENKA_UUID  "b8aba15f-bd84-4789-9696-cb44c228843c"
#define BESHIK_JON_UUID      "0361e338-d416-4d49-9ce6-2bc294c626c4"
#define HELVETAS_UUID        "6a3e2523-0e86-42ae-85d0-b2e917995e34"
#define MANAGER_UUID         "c2afd92c-a67e-4ff6-9695-1f6e67312a99"
#define AGREEMENT_UUID       "134d82b5-fc0a-44ab-a399-1b7926db75e3"
#define JALAL_ABAD_UUID      "8f9062a2-a714-4bdf-8ebe-6f2465516f2e"

typedef struct
{
  char     *dir;
  char     *path;
  PsiStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  psi_language_set_current (PSI_LANGUAGE_EN);
  f->dir = g_dir_make_tmp ("psi-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "records.db", NULL);
  f->store = psi_sample_open_store (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (f->store);
  f->store = psi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static gint64
id_of (Fixture       *f,
       PsiRecordKind  kind,
       const char    *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) record = psi_store_load_by_uuid (f->store, kind, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return psi_record_get_id (record);
}

static char *
key_of (PsiRecordKind kind,
        gint64        id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT, (int) kind, id);
}

/* "kind:id" -> uuid of every record in the file */
static GHashTable *
uuid_map (PsiStore *store)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int kind = 0; kind < PSI_N_RECORD_KINDS; kind++)
    {
      g_autoptr(PsiRecordList) list = psi_record_list_new (store, kind);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        {
          g_autoptr(PsiRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);

          g_hash_table_insert (map, key_of (kind, psi_record_get_id (r)),
                               g_strdup (psi_record_get_uuid (r)));
        }
    }
  return map;
}

static const char *
ref_uuid (GHashTable    *uuids,
          PsiRecordKind  kind,
          gint64         id)
{
  g_autofree char *key = NULL;
  const char *uuid;

  if (id == 0)
    return "-";
  key = key_of (kind, id);
  uuid = g_hash_table_lookup (uuids, key);
  g_assert_nonnull (uuid);
  return uuid;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void dump_object (GString    *out,
                         GHashTable *uuids,
                         GObject    *object);

static void
dump_property (GString    *out,
               GHashTable *uuids,
               GObject    *object,
               GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *name = pspec->name;
  int ref_kind;

  if (g_str_equal (name, "id"))
    return;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, name, &value);
  g_string_append_printf (out, " %s=", name);

  if (pspec->value_type == G_TYPE_INT64 && g_str_has_suffix (name, "-id"))
    {
      g_autofree char *kind_nick = g_strndup (name, strlen (name) - 3);

      g_assert_true (psi_enum_from_nick (PSI_TYPE_RECORD_KIND, kind_nick, &ref_kind));
      g_string_append (out, ref_uuid (uuids, ref_kind, g_value_get_int64 (&value)));
    }
  else if (g_str_equal (name, "member-ids"))
    {
      GArray *ids = g_value_get_boxed (&value);

      for (guint i = 0; ids != NULL && i < ids->len; i++)
        g_string_append_printf (out, "%s,", ref_uuid (uuids, PSI_RECORD_KIND_MUNICIPALITY,
                                                      g_array_index (ids, gint64, i)));
    }
  else if (pspec->value_type == PSI_TYPE_TEXT)
    {
      PsiText *text = g_value_get_boxed (&value);

      for (int l = 0; l < PSI_N_LANGUAGES; l++)
        g_string_append_printf (out, "%s|",
                                text != NULL ? psi_text_get_exact (text, l) ?: "" : "");
    }
  else if (G_VALUE_HOLDS (&value, G_TYPE_LIST_MODEL))
    {
      GListModel *model = g_value_get_object (&value);

      g_string_append (out, "[");
      for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          g_string_append (out, "{");
          dump_object (out, uuids, item);
          g_string_append (out, "}");
        }
      g_string_append (out, "]");
    }
  else
    {
      g_autofree char *contents = g_strdup_value_contents (&value);

      g_string_append (out, contents);
    }
}

static void
dump_object (GString    *out,
             GHashTable *uuids,
             GObject    *object)
{
  guint n = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object),
                                                                    &n);

  for (guint i = 0; i < n; i++)
    if (pspecs[i]->flags & G_PARAM_READABLE)
      dump_property (out, uuids, object, pspecs[i]);
}

/* Every record of the file in full, one a line, sorted; ids written as uuids. */
static char *
dump_store (PsiStore *store)
{
  g_autoptr(GHashTable) uuids = uuid_map (store);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;
  GString *out = g_string_new (NULL);

  g_hash_table_iter_init (&iter, uuids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsiRecord) record = NULL;
      GString *line = g_string_new (NULL);
      int kind = g_ascii_strtoll (key, NULL, 10);
      gint64 id = g_ascii_strtoll (strchr (key, ':') + 1, NULL, 10);

      record = psi_store_load (store, kind, id, &error);
      g_assert_no_error (error);
      dump_object (line, uuids, G_OBJECT (record));
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_assert_cmpuint (lines->len, >, 40);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* Compares two dumps line by line, naming the first line that differs. */
static void
assert_same_dump (const char *got,
                  const char *expected)
{
  g_auto(GStrv) a = g_strsplit (got, "\n", -1);
  g_auto(GStrv) b = g_strsplit (expected, "\n", -1);

  for (guint i = 0; a[i] != NULL || b[i] != NULL; i++)
    {
      if (a[i] == NULL || b[i] == NULL || strcmp (a[i], b[i]) != 0)
        g_error ("Records differ at line %u:\n  got:      %.600s\n  expected: %.600s", i,
                 a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
      if (a[i] == NULL || b[i] == NULL)
        break;
    }
}

static guint
count_dependents (PsiDeletion       *deletion,
                  PsiRecordKind      kind,
                  PsiDeletionAction  action)
{
  guint n = 0;

  for (guint i = 0; i < psi_deletion_get_n_dependents (deletion); i++)
    {
      PsiDeletionAction a;
      PsiRecord *r = psi_deletion_get_dependent (deletion, i, &a);

      if (psi_record_get_kind (r) == kind && a == action)
        n++;
    }
  return n;
}

static gint64
count (Fixture       *f,
       PsiRecordKind  kind)
{
  g_autoptr(GError) error = NULL;
  gint64 n = psi_store_count (f->store, kind, &error);

  g_assert_no_error (error);
  return n;
}

/* Applies, checks that the record is gone, undoes, checks the whole file is as before, also
 * after closing and opening it. Takes the deletion. */
static void
apply_and_undo (Fixture     *f,
                PsiDeletion *deletion,
                const char  *before)
{
  g_autoptr(GError) error = NULL;
  PsiRecord *record = psi_deletion_get_record (deletion);
  PsiRecordKind kind = psi_record_get_kind (record);
  g_autofree char *uuid = g_strdup (psi_record_get_uuid (record));
  g_autoptr(PsiRecord) gone = NULL;
  g_autoptr(PsiRecord) back = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_reopen = NULL;

  g_assert_true (psi_deletion_apply (deletion, &error));
  g_assert_no_error (error);
  g_assert_true (psi_deletion_get_applied (deletion));
  gone = psi_store_load_by_uuid (f->store, kind, uuid, &error);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);

  g_assert_true (psi_deletion_undo (deletion, &error));
  g_assert_no_error (error);
  g_assert_false (psi_deletion_get_applied (deletion));
  back = psi_store_load_by_uuid (f->store, kind, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (psi_record_get_id (back), ==, psi_deletion_get_restored_id (deletion));

  after_undo = dump_store (f->store);
  assert_same_dump (after_undo, before);

  g_assert_finalize_object (deletion);
  reopen (f);
  after_reopen = dump_store (f->store);
  assert_same_dump (after_reopen, before);
  g_assert_true (psi_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
}

static void
test_delete_municipality (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_store (f->store);
  gint64 id = id_of (f, PSI_RECORD_KIND_MUNICIPALITY, TEPLOKLUCHENKA_UUID);
  gint64 awards = count (f, PSI_RECORD_KIND_AWARD);
  gint64 municipalities = count (f, PSI_RECORD_KIND_MUNICIPALITY);
  g_autoptr(PsiDeletion) deletion = NULL;
  g_autofree char *title = NULL;
  guint n_award_deps;

  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_MUNICIPALITY, id, &error);
  g_assert_no_error (error);
  title = psi_deletion_dup_title (deletion);
  g_assert_cmpstr (title, ==, "Teplokluchenka");

  /* 1st place in the campaign competition; a member of the Teplokluchenka and Oktyabr
   * clusters. */
  n_award_deps = count_dependents (deletion, PSI_RECORD_KIND_AWARD, PSI_DELETION_DELETE);
  g_assert_cmpuint (n_award_deps, >=, 1);
  g_assert_cmpuint (count_dependents (deletion, PSI_RECORD_KIND_CLUSTER, PSI_DELETION_UPDATE),
                    ==, 2);

  /* Plain psi_store_delete () refuses: others refer to it. */
  g_assert_false (psi_store_delete (f->store, PSI_RECORD_KIND_MUNICIPALITY, id, &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (psi_deletion_apply (deletion, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, PSI_RECORD_KIND_AWARD), ==, awards - n_award_deps);
  g_assert_cmpint (count (f, PSI_RECORD_KIND_MUNICIPALITY), ==, municipalities - 1);
  for (guint i = 0; i < psi_deletion_get_n_dependents (deletion); i++)
    {
      PsiDeletionAction action;
      PsiRecord *dep = psi_deletion_get_dependent (deletion, i, &action);
      g_autoptr(PsiRecord) now = NULL;

      if (psi_record_get_kind (dep) != PSI_RECORD_KIND_CLUSTER)
        continue;
      now = psi_store_load (f->store, PSI_RECORD_KIND_CLUSTER, psi_record_get_id (dep), &error);
      g_assert_no_error (error);
      g_assert_false (psi_cluster_has_member (PSI_CLUSTER (now), id));
      g_assert_cmpuint (psi_cluster_get_member_ids (PSI_CLUSTER (now))->len, ==,
                        psi_cluster_get_member_ids (PSI_CLUSTER (dep))->len - 1);
    }
  g_assert_true (psi_deletion_undo (deletion, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, PSI_RECORD_KIND_AWARD), ==, awards);
  g_clear_object (&deletion);

  /* Once more through the common path, which compares every record. */
  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_MUNICIPALITY,
                               id_of (f, PSI_RECORD_KIND_MUNICIPALITY, TEPLOKLUCHENKA_UUID),
                               &error);
  g_assert_no_error (error);
  apply_and_undo (f, g_steal_pointer (&deletion), before);
}

static void
test_delete_event (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_store (f->store);
  g_autoptr(PsiDeletion) deletion = NULL;
  gint64 awards = count (f, PSI_RECORD_KIND_AWARD);

  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_EVENT,
                               id_of (f, PSI_RECORD_KIND_EVENT, EVENT_UUID), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_dependents (deletion, PSI_RECORD_KIND_COMPETITION,
                                      PSI_DELETION_DELETE), ==, 2);
  g_assert_cmpint (count_dependents (deletion, PSI_RECORD_KIND_AWARD, PSI_DELETION_DELETE), ==,
                   awards);
  g_assert_cmpuint (count_dependents (deletion, PSI_RECORD_KIND_AGREEMENT,
                                      PSI_DELETION_UPDATE), ==, 1);
  apply_and_undo (f, g_steal_pointer (&deletion), before);
}

static void
test_delete_official (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_store (f->store);
  g_autoptr(PsiDeletion) deletion = NULL;
  g_autoptr(PsiRecord) agreement = NULL;

  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_OFFICIAL,
                               id_of (f, PSI_RECORD_KIND_OFFICIAL, MANAGER_UUID), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_dependents (deletion, PSI_RECORD_KIND_EVENT, PSI_DELETION_UPDATE), ==,
                    1);
  g_assert_cmpuint (count_dependents (deletion, PSI_RECORD_KIND_AGREEMENT,
                                      PSI_DELETION_UPDATE), ==, 1);

  g_assert_true (psi_deletion_apply (deletion, &error));
  g_assert_no_error (error);
  agreement = psi_store_load_by_uuid (f->store, PSI_RECORD_KIND_AGREEMENT, AGREEMENT_UUID,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (psi_agreement_get_signatories (
                      PSI_AGREEMENT (agreement)))), ==, 2);
  g_assert_true (psi_deletion_undo (deletion, &error));
  g_assert_no_error (error);
  g_clear_object (&deletion);

  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_OFFICIAL,
                               id_of (f, PSI_RECORD_KIND_OFFICIAL, MANAGER_UUID), &error);
  g_assert_no_error (error);
  apply_and_undo (f, g_steal_pointer (&deletion), before);
}

static void
test_delete_organisation (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_store (f->store);
  g_autoptr(PsiDeletion) deletion = NULL;

  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_ORGANISATION,
                               id_of (f, PSI_RECORD_KIND_ORGANISATION, HELVETAS_UUID), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_dependents (deletion, PSI_RECORD_KIND_OFFICIAL, PSI_DELETION_UPDATE),
                    ==, 1);
  apply_and_undo (f, g_steal_pointer (&deletion), before);
}

static void
test_delete_plain (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_store (f->store);
  g_autoptr(PsiDeletion) deletion = NULL;

  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_AGREEMENT,
                               id_of (f, PSI_RECORD_KIND_AGREEMENT, AGREEMENT_UUID), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psi_deletion_get_n_dependents (deletion), ==, 0);
  apply_and_undo (f, g_steal_pointer (&deletion), before);
}

static void
test_delete_region_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiDeletion) deletion = NULL;

  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_REGION,
                               id_of (f, PSI_RECORD_KIND_REGION, JALAL_ABAD_UUID), &error);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_assert_null (deletion);

  g_clear_error (&error);
  deletion = psi_deletion_new (f->store, PSI_RECORD_KIND_MUNICIPALITY, 999999, &error);
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_NOT_FOUND);
  g_assert_null (deletion);
}

/* An edit is one transaction and is in the file after it is closed and opened again; a failing
 * edit leaves nothing behind. */
static void
test_edit_survives_reopen (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsiRecord) mun = NULL;
  g_autoptr(PsiRecord) again = NULL;
  g_autoptr(PsiText) name = NULL;
  g_autoptr(PsiAward) bad = psi_award_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = id_of (f, PSI_RECORD_KIND_MUNICIPALITY, BESHIK_JON_UUID);

  mun = psi_store_load (f->store, PSI_RECORD_KIND_MUNICIPALITY, id, &error);
  g_assert_no_error (error);
  name = psi_text_with (psi_record_get_name (mun), PSI_LANGUAGE_KY, "Бешик-Жон айыл аймагы");
  psi_record_set_name (mun, name);
  g_assert_true (psi_store_save (f->store, mun, &error));
  g_assert_no_error (error);

  /* A conditional winner without its condition is refused, and changes nothing. */
  before = dump_store (f->store);
  psi_award_set_competition_id (bad, 1);
  psi_award_set_award_kind (bad, PSI_AWARD_KIND_CONDITIONAL_WINNER);
  g_assert_false (psi_store_save (f->store, PSI_RECORD (bad), &error));
  g_assert_error (error, PSI_STORE_ERROR, PSI_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  after = dump_store (f->store);
  assert_same_dump (after, before);

  reopen (f);
  again = psi_store_load (f->store, PSI_RECORD_KIND_MUNICIPALITY, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (psi_text_get_exact (psi_record_get_name (again), PSI_LANGUAGE_KY), ==,
                   "Бешик-Жон айыл аймагы");
  g_assert_cmpstr (psi_text_get_exact (psi_record_get_name (again), PSI_LANGUAGE_EN), ==,
                   "Beshik-Jon");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/edit/delete/municipality", test_delete_municipality);
  ADD ("/edit/delete/event", test_delete_event);
  ADD ("/edit/delete/official", test_delete_official);
  ADD ("/edit/delete/organisation", test_delete_organisation);
  ADD ("/edit/delete/plain", test_delete_plain);
  ADD ("/edit/delete/refused", test_delete_region_refused);
  ADD ("/edit/save/reopen", test_edit_survives_reopen);

#undef ADD

  return g_test_run ();
}
