// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/config/configjsonview.h"

#include "control/configdraftmodel.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

namespace jimini {

ConfigJsonView::ConfigJsonView(ConfigDraftModel& draft, QWidget* parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_edit(new QPlainTextEdit(this))
    , m_status(new QLabel(this)) {
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &ConfigJsonView::onTextChanged);
    connect(&m_draft, &ConfigDraftModel::changed, this, &ConfigJsonView::onDraftChanged);
    onDraftChanged();
}

QString ConfigJsonView::statusText() const {
    return m_status->text();
}

void ConfigJsonView::onTextChanged() {
    if (m_updating)
        return;
    m_updating = true;
    m_draft.setText(m_edit->toPlainText().toUtf8());
    m_updating = false;
    onDraftChanged();
}

void ConfigJsonView::onDraftChanged() {
    if (!m_updating && m_edit->toPlainText().toUtf8() != m_draft.text()) {
        m_updating = true;
        const int position = m_edit->textCursor().position();
        m_edit->setPlainText(QString::fromUtf8(m_draft.text()));
        QTextCursor cursor = m_edit->textCursor();
        cursor.setPosition(std::min(position, int(m_edit->document()->characterCount() - 1)));
        m_edit->setTextCursor(cursor);
        m_updating = false;
    }
    QList<QTextEdit::ExtraSelection> marks;
    if (const auto& syntax = m_draft.syntaxError()) {
        m_status->setText(tr("Not JSON: %1").arg(syntax->toString()));
        m_status->setStyleSheet(QStringLiteral("color: #c0392b"));
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(QColor(0xc0, 0x39, 0x2b, 60));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(m_edit->document()->findBlockByNumber(syntax->line - 1));
        marks.append(mark);
    } else if (!m_draft.errors().isEmpty()) {
        QStringList lines;
        for (const FieldError& e : m_draft.errors())
            lines.append(e.toString());
        m_status->setText(
            tr("%n error(s): %1", nullptr, int(lines.size())).arg(lines.join(QStringLiteral("; "))));
        m_status->setStyleSheet(QStringLiteral("color: #c0392b"));
    } else {
        m_status->setText(tr("Valid config."));
        m_status->setStyleSheet(QString());
    }
    m_edit->setExtraSelections(marks);
}

} // namespace jimini
