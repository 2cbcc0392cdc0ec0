// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/consoletools.h"

#include "widgets/alerts/alertstool.h"
#include "widgets/breakers/breakertool.h"
#include "widgets/config/configtool.h"
#include "widgets/detail/detailtool.h"
#include "widgets/eventlog/eventlogtool.h"
#include "widgets/fleet/fleettool.h"
#include "widgets/livereplay/livereplaytool.h"
#include "widgets/probe/probetool.h"
#include "widgets/replay/replaytool.h"
#include "widgets/rollout/rollouttool.h"
#include "widgets/workspace/workspacetool.h"

namespace jimini {

ToolRegistry consoleTools() {
    ToolRegistry tools;
    tools.add<WorkspaceTool>();
    tools.add<FleetTool>();
    tools.add<DetailTool>();
    tools.add<AlertsTool>();
    tools.add<EventLogTool>();
    tools.add<BreakerTool>();
    tools.add<RolloutTool>();
    tools.add<ConfigTool>();
    tools.add<ProbeTool>();
    tools.add<ReplayTool>();
    tools.add<LiveReplayTool>();
    return tools;
}

} // namespace jimini
