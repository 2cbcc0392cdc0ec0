// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <utility>
#include <vector>

namespace jimini {

// A JSON value whose objects keep their keys in insertion order, so that a saved config reads in the
// guide's order (QJsonObject would sort the keys). Arrays and scalars are plain QJsonValue leaves.
class ConfigTree {
public:
    ConfigTree(QJsonValue leaf = QJsonValue())
        : m_leaf(std::move(leaf)) {}
    static ConfigTree object();

    bool isObject() const { return m_isObject; }
    const QJsonValue& leaf() const { return m_leaf; }
    const std::vector<std::pair<QString, ConfigTree>>& members() const { return m_members; }
    const ConfigTree* member(const QString& key) const;
    void insert(const QString& key, ConfigTree value);

    QJsonValue toJson() const;
    // Four-space indentation, arrays of scalars on one line, a final newline.
    QByteArray toText() const;

private:
    void write(QByteArray& out, int depth) const;
    static void writeLeaf(QByteArray& out, const QJsonValue& value);
    static void writeString(QByteArray& out, const QString& text);

    QJsonValue m_leaf;
    bool m_isObject = false;
    std::vector<std::pair<QString, ConfigTree>> m_members;
};

} // namespace jimini
