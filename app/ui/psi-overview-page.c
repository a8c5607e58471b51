/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "psi-overview-page.h"

#include "psi-format.h"
#include "psi-record-list.h"

struct _PsiOverviewPage
{
  GtkWidget       parent_instance;

  PsiStore       *store;
  PsiRecordList  *events;
  PsiEventStats  *stats;
  GArray         *findings;
  guint           refresh_id;

  GtkDropDown    *event_dropdown;
  GtkWidget      *empty_label;
  GtkWidget      *content;
  GtkLabel       *municipalities_value;
  GtkLabel       *competitions_value;
  GtkLabel       *recipients_value;
  GtkLabel       *winners_value;
  GtkLabel       *conditional_value;
  GtkLabel       *incentive_value;
  GtkLabel       *grants_value;
  GtkLabel       *laptops_value;
  GtkLabel       *printers_value;
  GtkLabel       *other_value;
  GtkGrid        *place_chart;
  GtkGrid        *region_chart;
  GtkGrid        *competition_chart;
  GtkWidget      *findings_heading;
  GtkWidget      *no_findings_label;
  GtkListBox     *findings_list;
};

G_DEFINE_FINAL_TYPE (PsiOverviewPage, psi_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The title of a record in the interface language; "" when it cannot be read. */
static char *
dup_record_title (PsiOverviewPage *self,
                  PsiRecordKind    kind,
                  gint64           id)
{
  g_autoptr(PsiRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (self->store != NULL);

  record = psi_store_load (self->store, kind, id, &error);
  if (record == NULL)
    {
      g_warning ("Cannot read record %" G_GINT64_FORMAT ": %s", id, error->message);
      return g_strdup ("");
    }
  return psi_record_dup_title (record, psi_language_get_current ());
}

static char *
dup_bar_title (PsiOverviewPage   *self,
               const PsiStatsBar *bar)
{
  if (bar->kind == PSI_RECORD_KIND_AWARD)
    return psi_format_place ((guint) bar->id);
  if (bar->id == 0)
    /* Translators: overview bar chart: awards whose recipients are not named (e.g. "20 other
     * municipalities"), so that their region is not known */
    return g_strdup (C_("overview chart", "Not named"));
  return dup_record_title (self, bar->kind, bar->id);
}

static void
draw_bar_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  double fraction = *(double *) data;
  double bar_width = MAX (fraction * width, fraction > 0 ? 2.0 : 0.0);
  double x = 0;
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (gtk_widget_get_direction (GTK_WIDGET (area)) == GTK_TEXT_DIR_RTL)
    x = width - bar_width;

  gdk_cairo_set_source_rgba (cr, &color);
  cairo_rectangle (cr, x, 2, bar_width, MAX (height - 4, 1));
  cairo_fill (cr);
}

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
    }
}

static void
fill_chart (PsiOverviewPage *self,
            GtkGrid         *chart,
            GArray          *bars)
{
  gint64 max = 0;

  clear_container (GTK_WIDGET (chart));

  for (guint i = 0; i < bars->len; i++)
    max = MAX (max, g_array_index (bars, PsiStatsBar, i).value);

  for (guint i = 0; i < bars->len; i++)
    {
      const PsiStatsBar *bar = &g_array_index (bars, PsiStatsBar, i);
      g_autofree char *title = dup_bar_title (self, bar);
      g_autofree char *value = psi_format_number (bar->value);
      GtkWidget *name = gtk_label_new (title);
      GtkWidget *area = gtk_drawing_area_new ();
      GtkWidget *number = gtk_label_new (value);
      double *fraction = g_new (double, 1);

      *fraction = max > 0 ? (double) bar->value / (double) max : 0.0;

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 48);
      gtk_widget_set_tooltip_text (name, title);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 200);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 18);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_bar_cb, fraction, g_free);
      gtk_widget_set_hexpand (area, TRUE);
      gtk_widget_add_css_class (area, "overview-bar");

      gtk_label_set_xalign (GTK_LABEL (number), 1);
      gtk_widget_add_css_class (number, "numeric");

      gtk_grid_attach (chart, name, 0, (int) i, 1, 1);
      gtk_grid_attach (chart, area, 1, (int) i, 1, 1);
      gtk_grid_attach (chart, number, 2, (int) i, 1, 1);
    }
}

/* "Kyrgyz, Russian": the languages of the mask, in a list. */
static char *
dup_language_list (guint missing)
{
  GString *list = g_string_new (NULL);
  const char *names[PSI_N_LANGUAGES];

  /* Translators: a language in the list of languages a record has no name in, as in
   * "“Kenesh”: no name in Kyrgyz, Russian" */
  names[PSI_LANGUAGE_EN] = C_("language in a list", "English");
  /* Translators: see "English" */
  names[PSI_LANGUAGE_RU] = C_("language in a list", "Russian");
  /* Translators: see "English" */
  names[PSI_LANGUAGE_KY] = C_("language in a list", "Kyrgyz");

  /* Kyrgyz first, as the detail pane shows the names. */
  for (int l = PSI_N_LANGUAGES - 1; l >= 0; l--)
    {
      if ((missing & (1u << l)) == 0)
        continue;
      if (list->len > 0)
        /* Translators: separator in a list of languages */
        g_string_append (list, C_("language list separator", ", "));
      g_string_append (list, names[l]);
    }
  return g_string_free (list, FALSE);
}

static char *
dup_finding_text (PsiOverviewPage  *self,
                  const PsiFinding *finding)
{
  g_autofree char *title = dup_record_title (self, finding->record_kind, finding->record_id);
  g_autofree char *other = NULL;
  g_autofree char *count = psi_format_number (finding->count);
  g_autofree char *limit = psi_format_number (finding->limit);
  gulong n = (gulong) CLAMP (finding->count, 0, G_MAXLONG);

  switch (finding->kind)
    {
    case PSI_FINDING_MORE_RECIPIENTS_THAN_ENTRANTS:
      return g_strdup_printf (
        /* Translators: consistency panel. %1$s: a competition; %2$s, %3$s: numbers */
        g_dngettext (GETTEXT_PACKAGE,
                     "“%1$s”: %2$s award recipient, more than the %3$s entrants recorded",
                     "“%1$s”: %2$s award recipients, more than the %3$s entrants recorded", n),
        title, count, limit);

    case PSI_FINDING_MORE_RECIPIENTS_THAN_PARTICIPANTS:
      return g_strdup_printf (
        /* Translators: consistency panel. %1$s: a competition; %2$s, %3$s: numbers */
        g_dngettext (GETTEXT_PACKAGE,
                     "“%1$s”: %2$s award recipient, more than the %3$s municipalities taking "
                     "part in the event",
                     "“%1$s”: %2$s award recipients, more than the %3$s municipalities taking "
                     "part in the event", n),
        title, count, limit);

    case PSI_FINDING_MEMBER_NOT_PILOT:
      other = dup_record_title (self, finding->other_kind, finding->other_id);
      return g_strdup_printf (
        /* Translators: consistency panel. %1$s: a municipality; %2$s: a cluster */
        _("“%1$s” is a member of “%2$s” but not a pilot municipality"),
        other, title);

    case PSI_FINDING_CONDITION_WITHOUT_DEADLINE:
      other = dup_record_title (self, finding->other_kind, finding->other_id);
      return g_strdup_printf (
        /* Translators: consistency panel. %1$s: a competition; %2$s: a number */
        g_dngettext (GETTEXT_PACKAGE,
                     "“%1$s”: %2$s conditional winner whose condition has no deadline",
                     "“%1$s”: %2$s conditional winners whose condition has no deadline", n),
        other, count);

    case PSI_FINDING_NAME_MISSING:
      {
        g_autofree char *languages = dup_language_list (finding->missing);

        return g_strdup_printf (
          /* Translators: consistency panel. %1$s: a record; %2$s: a list of languages,
           * "Kyrgyz, Russian" */
          _("“%1$s”: no name in %2$s"),
          title, languages);
      }

    default:
      g_assert_not_reached ();
    }
}

/* The record a finding row opens: the one to correct. */
static void
finding_target (const PsiFinding *finding,
                PsiRecordKind    *kind,
                gint64           *id)
{
  if (finding->kind == PSI_FINDING_MEMBER_NOT_PILOT)
    {
      *kind = finding->other_kind;
      *id = finding->other_id;
    }
  else
    {
      *kind = finding->record_kind;
      *id = finding->record_id;
    }
}

static void
fill_findings (PsiOverviewPage *self)
{
  clear_container (GTK_WIDGET (self->findings_list));

  gtk_widget_set_visible (self->no_findings_label,
                          self->findings != NULL && self->findings->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list),
                          self->findings != NULL && self->findings->len > 0);
  if (self->findings == NULL)
    return;

  for (guint i = 0; i < self->findings->len; i++)
    {
      const PsiFinding *finding = &g_array_index (self->findings, PsiFinding, i);
      g_autofree char *text = dup_finding_text (self, finding);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (text);
      PsiRecordKind kind;
      gint64 id;

      finding_target (finding, &kind, &id);

      gtk_widget_add_css_class (icon, "warning");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

      /* Regions and districts have no section of their own. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row),
                                        kind != PSI_RECORD_KIND_REGION &&
                                        kind != PSI_RECORD_KIND_DISTRICT);
      g_object_set_data (G_OBJECT (row), "psi-finding-index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
set_figure (GtkLabel *label,
            gint64    value)
{
  g_autofree char *text = psi_format_number (value);

  gtk_label_set_text (label, text);
}

static void
refresh (PsiOverviewPage *self)
{
  g_autoptr(PsiRecord) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grants = NULL;
  gint64 event_id = 0;

  g_clear_pointer (&self->stats, psi_event_stats_free);
  g_clear_pointer (&self->findings, g_array_unref);

  if (self->events != NULL)
    {
      guint selected = gtk_drop_down_get_selected (self->event_dropdown);

      if (selected != GTK_INVALID_LIST_POSITION)
        event = g_list_model_get_item (G_LIST_MODEL (self->events), selected);
    }
  if (event != NULL)
    event_id = psi_record_get_id (event);

  gtk_widget_set_visible (self->empty_label, self->store != NULL && event == NULL);

  if (event_id > 0)
    {
      self->stats = psi_store_stats_event (self->store, event_id, &error);
      if (self->stats == NULL)
        g_warning ("Cannot compute the overview of event %" G_GINT64_FORMAT ": %s",
                   event_id, error->message);
      g_clear_error (&error);
    }
  /* The findings of the whole file are shown even without an event. */
  if (self->store != NULL)
    {
      self->findings = psi_store_stats_findings (self->store, self->stats ? event_id : 0, &error);
      if (self->findings == NULL)
        g_warning ("Cannot check the records: %s", error->message);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->event_dropdown), event != NULL);
  gtk_widget_set_visible (self->content, self->store != NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (self->content);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Figures and charts need an event; the consistency panel does not. */
      if (child == self->findings_heading || child == self->no_findings_label ||
          child == GTK_WIDGET (self->findings_list))
        continue;
      gtk_widget_set_visible (child, self->stats != NULL);
    }

  fill_findings (self);

  if (self->stats == NULL)
    return;

  set_figure (self->municipalities_value, self->stats->municipalities);
  set_figure (self->competitions_value, self->stats->competitions);
  set_figure (self->recipients_value, self->stats->recipients);
  set_figure (self->winners_value, self->stats->winners);
  set_figure (self->conditional_value, self->stats->conditional_winners);
  set_figure (self->incentive_value, self->stats->incentive_prizes);
  set_figure (self->laptops_value, self->stats->laptops);
  set_figure (self->printers_value, self->stats->printers);
  set_figure (self->other_value, self->stats->other_items);
  grants = self->stats->grants_kgs > 0 ? psi_format_grant (self->stats->grants_kgs)
                                       : psi_format_number (0);
  gtk_label_set_text (self->grants_value, grants);

  fill_chart (self, self->place_chart, self->stats->by_place);
  fill_chart (self, self->region_chart, self->stats->by_region);
  fill_chart (self, self->competition_chart, self->stats->by_competition);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  PsiOverviewPage *self = PSI_OVERVIEW_PAGE (data);

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
record_changed_cb (PsiOverviewPage *self,
                   PsiRecordKind    kind,
                   gint64           id,
                   PsiStoreChange   change,
                   PsiStore        *store)
{
  g_assert (PSI_IS_OVERVIEW_PAGE (self));

  /* Grouped changes arrive in a burst: compute once, after them. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
event_selected_cb (PsiOverviewPage *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  g_assert (PSI_IS_OVERVIEW_PAGE (self));

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

static void
finding_activated_cb (PsiOverviewPage *self,
                      GtkListBoxRow   *row,
                      GtkListBox      *list)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "psi-finding-index"));
  PsiRecordKind kind;
  gint64 id;

  g_assert (PSI_IS_OVERVIEW_PAGE (self));

  if (self->findings == NULL || index >= self->findings->len)
    return;

  finding_target (&g_array_index (self->findings, PsiFinding, index), &kind, &id);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(ix)", (int) kind, id);
}

static void
psi_overview_page_dispose (GObject *object)
{
  PsiOverviewPage *self = PSI_OVERVIEW_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PSI_TYPE_OVERVIEW_PAGE);
  /* The scrolled window at the top has no id, so the template does not remove it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->events);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (psi_overview_page_parent_class)->dispose (object);
}

static void
psi_overview_page_finalize (GObject *object)
{
  PsiOverviewPage *self = PSI_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->stats, psi_event_stats_free);
  g_clear_pointer (&self->findings, g_array_unref);

  G_OBJECT_CLASS (psi_overview_page_parent_class)->finalize (object);
}

static void
psi_overview_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PsiOverviewPage *self = PSI_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, psi_overview_page_get_store (self));
      break;
    case PROP_EVENT_ID:
      g_value_set_int64 (value, psi_overview_page_get_event_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_overview_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PsiOverviewPage *self = PSI_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      psi_overview_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_EVENT_ID:
      psi_overview_page_set_event_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psi_overview_page_class_init (PsiOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psi_overview_page_dispose;
  object_class->finalize = psi_overview_page_finalize;
  object_class->get_property = psi_overview_page_get_property;
  object_class->set_property = psi_overview_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PSI_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PSI_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/psi-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, event_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, content);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, municipalities_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, competitions_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, recipients_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, winners_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, conditional_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, incentive_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, grants_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, laptops_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, printers_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, other_value);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, place_chart);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, region_chart);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, competition_chart);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, findings_heading);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, no_findings_label);
  gtk_widget_class_bind_template_child (widget_class, PsiOverviewPage, findings_list);
  gtk_widget_class_bind_template_callback (widget_class, event_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "psi-overview-page");
}

static void
psi_overview_page_init (PsiOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_visible (self->content, FALSE);
}

PsiStore *
psi_overview_page_get_store (PsiOverviewPage *self)
{
  g_return_val_if_fail (PSI_IS_OVERVIEW_PAGE (self), NULL);

  return self->store;
}

void
psi_overview_page_set_store (PsiOverviewPage *self,
                             PsiStore        *store)
{
  g_return_if_fail (PSI_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || PSI_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, record_changed_cb, self);
  g_set_object (&self->store, store);
  g_clear_object (&self->events);

  if (store != NULL)
    {
      self->events = psi_record_list_new (store, PSI_RECORD_KIND_EVENT);
      g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* Selects the first event, which refreshes. */
  gtk_drop_down_set_model (self->event_dropdown, G_LIST_MODEL (self->events));
  refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
psi_overview_page_get_event_id (PsiOverviewPage *self)
{
  g_return_val_if_fail (PSI_IS_OVERVIEW_PAGE (self), 0);

  return self->stats != NULL ? self->stats->event_id : 0;
}

gboolean
psi_overview_page_set_event_id (PsiOverviewPage *self,
                                gint64           event_id)
{
  guint position;

  g_return_val_if_fail (PSI_IS_OVERVIEW_PAGE (self), FALSE);

  if (self->events == NULL || event_id <= 0)
    return FALSE;

  position = psi_record_list_find (self->events, event_id);
  if (position == G_MAXUINT)
    return FALSE;

  gtk_drop_down_set_selected (self->event_dropdown, position);
  return TRUE;
}

const PsiEventStats *
psi_overview_page_get_stats (PsiOverviewPage *self)
{
  g_return_val_if_fail (PSI_IS_OVERVIEW_PAGE (self), NULL);

  return self->stats;
}

GArray *
psi_overview_page_get_findings (PsiOverviewPage *self)
{
  g_return_val_if_fail (PSI_IS_OVERVIEW_PAGE (self), NULL);

  return self->findings;
}
