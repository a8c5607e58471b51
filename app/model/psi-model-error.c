/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "psi-model-error"

#include "config.h"

#include "psi-model-error.h"

G_DEFINE_QUARK (psi-model-error-quark, psi_model_error)
