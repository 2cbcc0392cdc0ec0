// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace jimini {

// `jimini config get URL [--json] [--token-file F] [--timeout S]`: the live config on stdout (its ETag on
// stderr), or with --json one document {url, etag, config}. 0 read, 1 not read, 2 usage.
int runConfigGetCommand(const QStringList& arguments);

// `jimini config push URL... FILE [--dry-run] [--json] [--token-file F] [--reason R] [--audit-db F]`:
// FILE is validated as the agent would (nothing is sent when it fails: 2); each target's live config is
// read and the field-level diff printed; then, unless --dry-run, FILE is pushed with If-Match the ETag
// just read (core/control's ConfigSession, recorded in the audit store). 0 every target applied (or
// unchanged), 1 a target unreadable or refused the push, 2 usage or input error, 3 a 412 (the config
// changed between read and push) and no other failure.
int runConfigPushCommand(const QStringList& arguments);

} // namespace jimini
