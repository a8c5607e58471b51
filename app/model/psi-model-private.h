/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers shared by the model sources; not part of the model API. */

#pragma once

#include "psi-text.h"

G_BEGIN_DECLS

/* Replace *dest by value (NULL means the empty text). Returns TRUE when the text changed. */
gboolean  _psi_text_set  (PsiText    **dest,
                          PsiText     *value);
/* Replace *dest by a copy of value ("" is stored as NULL). Returns TRUE when it changed. */
gboolean  _psi_str_set   (char       **dest,
                          const char  *value);

G_END_DECLS
