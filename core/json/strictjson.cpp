// SPDX-License-Identifier: GPL-3.0-or-later
#include "strictjson.h"

#include <QSet>

#include <string>
#include <vector>

namespace jimini {

namespace {

// One open object or array.
struct Frame {
    bool object = false;
    qsizetype index = -1; // arrays: the current element
    QString key;          // objects: the current member's key, as written in paths
    QSet<QString> keys;   // objects: every key so far, decoded
};

// The first thing wrong inside one string, if any.
struct StringFault {
    qsizetype offset = -1;
    QString message;
};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QString hex4(char16_t u) {
    return QStringLiteral("%1").arg(int(u), 4, 16, QLatin1Char('0'));
}

// A key as a path segment: what cannot be shown is written as its escape.
QString printable(const QString& key) {
    QString out;
    out.reserve(key.size());
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t u = key[i].unicode();
        const bool paired = QChar::isHighSurrogate(u) && i + 1 < key.size() && key[i + 1].isLowSurrogate();
        if (paired) {
            out += key[i];
            out += key[++i];
        } else if (u < 0x20 || QChar::isSurrogate(u)) {
            out += QStringLiteral("\\u") + hex4(u);
        } else {
            out += key[i];
        }
    }
    return out;
}

class Scanner {
public:
    explicit Scanner(const QByteArray& json)
        : m_json(json) {}

    std::optional<StrictJsonIssue> run();

private:
    enum class Expect { Value, KeyOrEnd, Key, CommaOrEnd };

    char peek() const { return m_pos < m_json.size() ? m_json[m_pos] : '\0'; }
    bool atEnd() const { return m_pos >= m_json.size(); }
    void skipSpace() {
        while (!atEnd() && isSpace(peek()))
            ++m_pos;
    }
    int hexAt(qsizetype at) const; // the \uXXXX escape starting at at, or -1
    // Reads the string that starts at m_pos; false where the text is not JSON. Decodes it into decoded
    // unless that is null (values are only checked; keys are compared).
    bool readString(QString* decoded, StringFault* fault);
    // The path through the first frames open containers ("a.b[2]").
    QString path(std::size_t frames) const;
    QString path() const { return path(m_stack.size()); }
    QString keyPath(const QString& key) const; // a key of the innermost object
    StrictJsonIssue issue(const QString& path, const QString& what, qsizetype offset) const {
        return {path, QStringLiteral("%1 at offset %2").arg(what).arg(offset), offset};
    }

    const QByteArray& m_json;
    qsizetype m_pos = 0;
    std::vector<Frame> m_stack;
};

int Scanner::hexAt(qsizetype at) const {
    if (at + 6 > m_json.size() || m_json[at] != '\\' || m_json[at + 1] != 'u')
        return -1;
    int value = 0;
    for (qsizetype i = at + 2; i < at + 6; ++i) {
        const int d = hexDigit(m_json[i]);
        if (d < 0)
            return -1;
        value = value * 16 + d;
    }
    return value;
}

bool Scanner::readString(QString* decoded, StringFault* fault) {
    ++m_pos;                     // the opening quote
    qsizetype plainFrom = m_pos; // start of the bytes since the last escape, decoded as UTF-8 in one go
    // Only the first fault is reported: later ones are not even described (no allocation per byte
    // of a string made of hundreds of bad escapes).
    const auto firstFault = [&](qsizetype at) {
        if (fault->offset >= 0)
            return false;
        fault->offset = at;
        return true;
    };
    const auto flushPlain = [&](qsizetype end) {
        if (decoded && end > plainFrom)
            *decoded += QString::fromUtf8(m_json.constData() + plainFrom, end - plainFrom);
    };
    const auto append = [&](QChar ch) {
        if (decoded)
            *decoded += ch;
    };
    while (!atEnd()) {
        const char c = m_json[m_pos];
        if (c == '"') {
            flushPlain(m_pos);
            ++m_pos;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            if (firstFault(m_pos))
                fault->message = QStringLiteral("unescaped control character U+%1").arg(hex4(char16_t(c)));
            ++m_pos;
            continue;
        }
        if (c != '\\') {
            ++m_pos;
            continue;
        }
        flushPlain(m_pos);
        if (m_pos + 1 >= m_json.size())
            return false;
        const char e = m_json[m_pos + 1];
        if (e != 'u') {
            static constexpr char from[] = "\"\\/bfnrt";
            static constexpr char to[] = "\"\\/\b\f\n\r\t";
            const char* hit = std::char_traits<char>::find(from, 8, e);
            if (!hit) {
                // QJsonDocument takes any other character as itself ("\q" is "q"), so this is not a
                // syntax error to leave to it, and what follows must still be scanned.
                const auto byte = static_cast<unsigned char>(e);
                if (firstFault(m_pos))
                    fault->message = byte > 0x20 && byte < 0x7f
                                         ? QStringLiteral("invalid escape \\%1").arg(QLatin1Char(e))
                                         : QStringLiteral("invalid escape: \\ then byte 0x%1")
                                               .arg(int(byte), 2, 16, QLatin1Char('0'));
                m_pos += 1; // the escaped byte is kept as plain text, as QJsonDocument keeps it
                plainFrom = m_pos;
                ++m_pos;
                continue;
            }
            append(QLatin1Char(to[hit - from]));
            m_pos += 2;
            plainFrom = m_pos;
            continue;
        }
        const int u = hexAt(m_pos);
        if (u < 0)
            return false;
        if (u == 0 && firstFault(m_pos))
            fault->message = QStringLiteral("NUL character (\\u0000)");
        if (QChar::isHighSurrogate(char32_t(u))) {
            const int low = hexAt(m_pos + 6);
            if (low >= 0 && QChar::isLowSurrogate(char32_t(low))) {
                append(QChar(char16_t(u)));
                append(QChar(char16_t(low)));
                m_pos += 12;
                plainFrom = m_pos;
                continue;
            }
        }
        if (QChar::isSurrogate(char32_t(u)) && firstFault(m_pos))
            fault->message = QStringLiteral("lone surrogate \\u%1").arg(hex4(char16_t(u)));
        append(QChar(char16_t(u)));
        m_pos += 6;
        plainFrom = m_pos;
    }
    return false;
}

QString Scanner::path(std::size_t frames) const {
    QString out;
    for (std::size_t i = 0; i < frames; ++i) {
        const Frame& f = m_stack[i];
        if (f.object) {
            if (!out.isEmpty())
                out += QLatin1Char('.');
            out += f.key;
        } else {
            out += QStringLiteral("[%1]").arg(f.index);
        }
    }
    return out;
}

QString Scanner::keyPath(const QString& key) const {
    const QString parent = path(m_stack.size() - 1);
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

std::optional<StrictJsonIssue> Scanner::run() {
    Expect expect = Expect::Value;
    for (;;) {
        skipSpace();
        if (atEnd())
            return std::nullopt;
        const char c = peek();
        switch (expect) {
        case Expect::Value:
            if (c == '{' || c == '[') {
                if (m_stack.size() >= std::size_t(StrictJson::maxDepth))
                    return issue(path(),
                                 QStringLiteral("nested deeper than %1 levels").arg(StrictJson::maxDepth),
                                 m_pos);
                m_stack.push_back(Frame{c == '{', c == '[' ? 0 : -1, {}, {}});
                ++m_pos;
                expect = c == '{' ? Expect::KeyOrEnd : Expect::Value;
                if (c == '[') {
                    skipSpace();
                    if (peek() == ']') {
                        ++m_pos;
                        m_stack.pop_back();
                        expect = Expect::CommaOrEnd;
                    }
                }
            } else if (c == '"') {
                StringFault fault;
                if (!readString(nullptr, &fault))
                    return std::nullopt;
                if (fault.offset >= 0)
                    return issue(path(), fault.message, fault.offset);
                expect = Expect::CommaOrEnd;
            } else {
                const qsizetype start = m_pos;
                while (!atEnd() && !isSpace(peek()) && peek() != ',' && peek() != ']' && peek() != '}')
                    ++m_pos;
                if (m_pos == start)
                    return std::nullopt;
                expect = Expect::CommaOrEnd;
            }
            break;
        case Expect::KeyOrEnd:
            if (c == '}') {
                ++m_pos;
                m_stack.pop_back();
                expect = Expect::CommaOrEnd;
                break;
            }
            [[fallthrough]];
        case Expect::Key: {
            if (c != '"')
                return std::nullopt;
            const qsizetype at = m_pos;
            QString key;
            StringFault fault;
            if (!readString(&key, &fault))
                return std::nullopt;
            Frame& frame = m_stack.back();
            const QString shown = printable(key);
            if (fault.offset >= 0)
                return issue(keyPath(shown), fault.message + QStringLiteral(" in a key"), fault.offset);
            if (frame.keys.contains(key))
                return issue(keyPath(shown), QStringLiteral("duplicate key"), at);
            frame.keys.insert(key);
            frame.key = shown;
            skipSpace();
            if (peek() != ':')
                return std::nullopt;
            ++m_pos;
            expect = Expect::Value;
            break;
        }
        case Expect::CommaOrEnd:
            if (m_stack.empty())
                return std::nullopt; // one value is the whole document; anything after is the parser's
            if (c == ',') {
                ++m_pos;
                if (m_stack.back().object) {
                    expect = Expect::Key;
                } else {
                    ++m_stack.back().index;
                    expect = Expect::Value;
                }
            } else if (c == (m_stack.back().object ? '}' : ']')) {
                ++m_pos;
                m_stack.pop_back();
            } else {
                return std::nullopt;
            }
            break;
        }
    }
}

} // namespace

std::optional<StrictJsonIssue> StrictJson::check(const QByteArray& json) {
    return Scanner(json).run();
}

} // namespace jimini
