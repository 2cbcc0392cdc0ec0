// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/httpexecution.h"
#include "probe/probeoptions.h"

#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QPlainTextEdit;
class QSpinBox;

namespace jimini {

// Where a probe run's policy comes from.
struct ProbeProfileChoice {
    enum class Kind : quint8 { BuiltIn, Live, Draft };
    Kind kind = Kind::BuiltIn;
    QString name;   // BuiltIn: the profile; Live: the endpoint id
    QString policy; // Live: the policy of that service's config
    QString label;  // what the runs and reports call it
    friend bool operator==(const ProbeProfileChoice&, const ProbeProfileChoice&) = default;
};

// What the operator asked for: every target with every profile (at most maxRuns runs at once).
struct ProbeFormInput {
    QList<QUrl> targets;
    HttpRequestSpec request;
    QList<ProbeProfileChoice> profiles;
    ProbeLoad load;
};

struct ProbeFormResult {
    std::optional<ProbeFormInput> input;
    QStringList errors; // each names the field (and line) and what is wrong
};

// The probe's request and load: targets (one URL a line; the fleet's agents' targets offered), method,
// headers, body, up to three profiles to compare, open or closed loop, duration and request count.
// read() checks it all before anything is sent.
class ProbeForm final : public QWidget {
    Q_OBJECT
public:
    static constexpr int maxRuns = 3;
    static constexpr qsizetype maxBodyBytes = 1024 * 1024;

    explicit ProbeForm(QWidget* parent = nullptr);

    // Targets offered in the "add a target" list: (label, URL).
    void setOfferedTargets(const QList<QPair<QString, QUrl>>& targets);
    // The profiles offered in each of the three selectors; the current choices stay when still offered.
    void setProfileChoices(const QList<ProbeProfileChoice>& choices);
    ProbeFormResult read() const;

private:
    QPlainTextEdit* m_targets = nullptr;
    QComboBox* m_offered = nullptr;
    QComboBox* m_method = nullptr;
    QPlainTextEdit* m_headers = nullptr;
    QPlainTextEdit* m_body = nullptr;
    QList<QComboBox*> m_profiles;
    QList<ProbeProfileChoice> m_choices;
    QComboBox* m_mode = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
    QSpinBox* m_workers = nullptr;
    QDoubleSpinBox* m_duration = nullptr;
    QSpinBox* m_requests = nullptr;
};

} // namespace jimini
