/* PSI Records
 * Copyright 2026 The PSI Records authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Everything of the model layer (GLib only). */

#pragma once

#include "psi-agreement.h"
#include "psi-award.h"
#include "psi-cluster.h"
#include "psi-competition.h"
#include "psi-district.h"
#include "psi-enum-types.h"
#include "psi-enums.h"
#include "psi-event.h"
#include "psi-language.h"
#include "psi-model-error.h"
#include "psi-municipality.h"
#include "psi-official.h"
#include "psi-organisation.h"
#include "psi-participant.h"
#include "psi-prize-item.h"
#include "psi-record.h"
#include "psi-region.h"
#include "psi-text.h"
#include "psi-types.h"
