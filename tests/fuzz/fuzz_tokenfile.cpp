// SPDX-License-Identifier: GPL-3.0-or-later
// A bearer token file's bytes as the CLI, the console and the agent check them (TokenFile::check, after
// TokenFile::read's size bound). An accepted token can never add a header line: one line of printable
// ASCII without spaces, the file less one trailing \n or \r\n.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "auth/tokenfile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > std::size_t(TokenFile::maxSize) + 1)
        return -1; // read() refuses a larger file unread; one byte over still takes the refusal path
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const TokenFile token = TokenFile::check(bytes, QStringLiteral("the fuzzed token"));
    if (!token.ok()) {
        fuzz::require(token.token().isEmpty(), "a refused file gives no token");
        return 0;
    }
    fuzz::require(!token.token().isEmpty(), "an accepted token is not empty");
    for (const char c : token.token())
        fuzz::require(c >= 0x21 && c <= 0x7e, "a token is printable ASCII without spaces");
    fuzz::require(bytes == token.token() || bytes == token.token() + '\n' || bytes == token.token() + "\r\n",
                  "a token is the file less one trailing line end");
    return 0;
}
