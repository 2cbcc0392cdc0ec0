// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace jimini {

// One problem with one field, the shape every layer uses: config validation (ConfigError), the
// workspace file (WorkspaceError) and a service's 422 answer (ControlResult::errors), so that an editor
// can show a local error and a service's on the same field. path names the field as a JSON path
// ("policies.payments.retry.max_attempts", "services[2].interval_ms", "policies.default.order[2]"), or a
// line of an imported text ("line 3"); it is empty for problems with the document as a whole.
struct FieldError {
    QString path;
    QString message;

    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

} // namespace jimini
