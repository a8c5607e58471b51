/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-xml"

#include "config.h"

#include <gio/gio.h>
#include <libxml/parser.h>

#include "psi-xml-schema.h"
#include "psi-sample-resources.h"

static void
schema_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  g_critical ("The schema of the records format does not compile: line %d: %s",
              error->line, error->message != NULL ? error->message : "");
}

/**
 * psi_xml_schema_dup_bytes:
 *
 * Returns: (transfer full): the text of data/psi-records-1.xsd
 */
GBytes *
psi_xml_schema_dup_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resource_lookup_data (psi_sample_get_resource (), PSI_XML_SCHEMA_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_critical ("The schema of the records format is missing: %s", error->message);

  return bytes;
}

static gpointer
parse_schema (gpointer data)
{
  g_autoptr(GBytes) bytes = psi_xml_schema_dup_bytes ();
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  gsize size;
  const char *text;

  if (bytes == NULL)
    return NULL;

  xmlInitParser ();
  text = g_bytes_get_data (bytes, &size);
  /* The schema imports and includes nothing: nothing is loaded from elsewhere. */
  parser = xmlSchemaNewMemParserCtxt (text, (int) size);
  xmlSchemaSetParserStructuredErrors (parser, schema_error_cb, NULL);
  schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);

  return schema;
}

/**
 * psi_xml_schema_get:
 *
 * Returns: (transfer none): the compiled schema of the records format, shared by every thread
 *   (libxml2 only reads it while validating)
 */
xmlSchemaPtr
psi_xml_schema_get (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, parse_schema, NULL);
  return once.retval;
}
