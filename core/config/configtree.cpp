// SPDX-License-Identifier: GPL-3.0-or-later
#include "configtree.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace jimini {

ConfigTree ConfigTree::object() {
    ConfigTree tree;
    tree.m_isObject = true;
    return tree;
}

const ConfigTree* ConfigTree::member(const QString& key) const {
    for (const auto& [k, v] : m_members)
        if (k == key)
            return &v;
    return nullptr;
}

void ConfigTree::insert(const QString& key, ConfigTree value) {
    for (auto& [k, v] : m_members) {
        if (k == key) {
            v = std::move(value);
            return;
        }
    }
    m_members.emplace_back(key, std::move(value));
}

QJsonValue ConfigTree::toJson() const {
    if (!m_isObject)
        return m_leaf;
    QJsonObject object;
    for (const auto& [k, v] : m_members)
        object.insert(k, v.toJson());
    return object;
}

QByteArray ConfigTree::toText() const {
    QByteArray out;
    write(out, 0);
    out += '\n';
    return out;
}

void ConfigTree::write(QByteArray& out, int depth) const {
    if (!m_isObject) {
        writeLeaf(out, m_leaf);
        return;
    }
    if (m_members.empty()) {
        out += "{}";
        return;
    }
    const QByteArray inner((depth + 1) * 4, ' ');
    out += "{\n";
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        out += inner;
        writeString(out, m_members[i].first);
        out += ": ";
        m_members[i].second.write(out, depth + 1);
        out += i + 1 < m_members.size() ? ",\n" : "\n";
    }
    out += QByteArray(depth * 4, ' ');
    out += '}';
}

void ConfigTree::writeLeaf(QByteArray& out, const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (!std::isfinite(d)) // JSON has no spelling for these; a built config may still hold them
            out += "null";
        else if (d == std::trunc(d) && std::fabs(d) < 9007199254740992.0)
            out += QByteArray::number(static_cast<qint64>(d));
        else
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        return;
    }
    case QJsonValue::String:
        writeString(out, value.toString());
        return;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ", ";
            writeLeaf(out, array[i]);
        }
        out += ']';
        return;
    }
    case QJsonValue::Object:
        out += QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    out += "null";
}

void ConfigTree::writeString(QByteArray& out, const QString& text) {
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += QLatin1Char('"');
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            escaped += QLatin1Char('\\');
            escaped += c;
        } else if (u == u'\n')
            escaped += QLatin1String("\\n");
        else if (u == u'\t')
            escaped += QLatin1String("\\t");
        else if (u == u'\r')
            escaped += QLatin1String("\\r");
        else if (u < 0x20)
            escaped += QStringLiteral("\\u%1").arg(static_cast<int>(u), 4, 16, QLatin1Char('0'));
        else
            escaped += c;
    }
    escaped += QLatin1Char('"');
    out += escaped.toUtf8();
}

} // namespace jimini
