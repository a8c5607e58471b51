/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PSI_MODEL_ERROR (psi_model_error_quark ())

typedef enum
{
  PSI_MODEL_ERROR_INVALID,   /* a record breaks an invariant; the message says which */
} PsiModelError;

GQuark psi_model_error_quark (void);

G_END_DECLS
