// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace file as the console and `jimini` open it (Workspace::load reads at most maxFileSize
// bytes, then fromJson), and the plain URL list of the console's import (importText). What fromJson
// accepts must save to JSON that opens to the same endpoints.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "net/workspace.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > std::size_t(Workspace::maxFileSize))
        return -1; // load() refuses a larger file unread
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const WorkspaceParseResult parsed = Workspace::fromJson(bytes);
    fuzz::require(parsed.ok() == parsed.errors.isEmpty(), "a result has either endpoints or errors");
    for (const WorkspaceError& e : parsed.errors)
        fuzz::require(!e.toString().isEmpty(), "every error says what is wrong");
    if (parsed.ok()) {
        const QByteArray written = Workspace(*parsed.endpoints).toJson();
        const WorkspaceParseResult again = Workspace::fromJson(written);
        fuzz::require(again.ok(), "a workspace, saved, opens again");
        fuzz::require(*again.endpoints == *parsed.endpoints, "a workspace opens to the endpoints it saved");
    }
    const WorkspaceParseResult imported = Workspace::importText(QString::fromUtf8(bytes));
    fuzz::require(imported.ok() == imported.errors.isEmpty(), "an import has either endpoints or errors");
    return 0;
}
