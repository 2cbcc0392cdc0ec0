// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

// QCOMPARE prints what it compares; enums of the policy core print through their toString().
template <class Enum> QByteArray enumName(Enum value) {
    const auto text = toString(value);
    return QByteArray(text.data(), qsizetype(text.size()));
}
