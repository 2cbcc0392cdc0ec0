// SPDX-License-Identifier: GPL-3.0-or-later
// The strict JSON scan the agent runs before reading config, fault and breaker-state bodies
// (StrictJson::check, next to QJsonDocument), within the agent's body limit. An issue has a message and an
// offset inside the document; a document that passes both, written out again by QJsonDocument, passes
// again (the scan and the parser agree on what the document is).
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "json/strictjson.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > 1024 * 1024)
        return -1; // HttpLimits::maxBodyBytes: the agent answers 413 unread
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const std::optional<StrictJsonIssue> issue = StrictJson::check(bytes);
    if (issue) {
        fuzz::require(!issue->message.isEmpty(), "an issue says what is wrong");
        fuzz::require(issue->offset >= 0 && issue->offset <= bytes.size(),
                      "an issue's offset is in the document");
        return 0;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    fuzz::require(!StrictJson::check(document.toJson(QJsonDocument::Compact)).has_value(),
                  "a document that passes, written out again, passes");
    return 0;
}
