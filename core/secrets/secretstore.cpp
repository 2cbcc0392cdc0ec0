// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/secretstore.h"

namespace jimini {

SecretStore::~SecretStore() = default;

} // namespace jimini
