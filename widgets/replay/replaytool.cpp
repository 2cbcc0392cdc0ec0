// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/replay/replaytool.h"

#include "widgets/replay/replayconfigcolumns.h"
#include "widgets/replay/replayview.h"
#include "widgets/tools/consolecontext.h"
#include "widgets/tools/toolhost.h"

#include "store/fleethub.h"

namespace jimini {

QWidget* ReplayTool::createWidget(ConsoleContext& context) {
    m_view = new ReplayView(context.hub().clock());
    connect(m_view, &ReplayView::statusMessage, this,
            [&context](const QString& message) { context.host().showStatus(message, 10000); });
    // The editor's draft is a column's config; the winner goes back to the editor. Neither names the
    // config tool: the context carries both.
    m_view->configs().setDraftProvider([&context] { return context.editorDraft(); });
    connect(&context, &ConsoleContext::editorDraftChanged, m_view,
            [this] { m_view->configs().draftChanged(); });
    connect(m_view, &ReplayView::openInEditorRequested, &context, &ConsoleContext::openInConfigEditor);
    return m_view;
}

} // namespace jimini
