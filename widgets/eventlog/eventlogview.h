// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTreeView;

namespace jimini {

class EventLogFilter;
class EventLogModel;

// The event log with its filter bar (text, type, service, source: the console's own actions or the
// services' records). Follows new events while scrolled to the
// bottom, stays put when the operator has scrolled up to read.
class EventLogView : public QWidget {
    Q_OBJECT
public:
    explicit EventLogView(EventLogModel* model, QWidget* parent = nullptr);

    EventLogFilter* filter() const { return m_filter; }
    QTreeView* treeView() const { return m_tree; }
    QLineEdit* filterEdit() const { return m_text; }
    QComboBox* typeCombo() const { return m_type; }
    QComboBox* serviceCombo() const { return m_service; }
    QComboBox* sourceCombo() const { return m_source; }

signals:
    void instanceActivated(const QString& endpointId);

private:
    void updateServices(const QStringList& services);

    EventLogModel* m_model;
    EventLogFilter* m_filter;
    QTreeView* m_tree;
    QLineEdit* m_text;
    QComboBox* m_type;
    QComboBox* m_service;
    QComboBox* m_source;
    bool m_follow = true;
};

} // namespace jimini
