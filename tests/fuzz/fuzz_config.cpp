// SPDX-License-Identifier: GPL-3.0-or-later
// The resilience config as the agent reads it (a file at start-up, a PUT of /config): ConfigCodec::parse,
// which reads and validates. What it accepts must pass validation on its own, write back to JSON that
// parses to the same config, and build its pipelines, as the agent does next.
#include "fuzzbudget.h"
#include "fuzzrequire.h"

#include "config/configcodec.h"
#include "config/pipelinefactory.h"
#include "policy/simulatedscheduler.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jimini;
    const fuzz::FuzzBudget budget;
    if (size > std::size_t(ConfigCodec::maxDocumentSize) + 1)
        return -1; // refused unread; one byte over still takes the refusal path
    const ConfigParseResult parsed =
        ConfigCodec::parse(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    fuzz::require(parsed.ok() == parsed.errors.isEmpty(), "a result has either a config or errors");
    for (const ConfigError& e : parsed.errors)
        fuzz::require(!e.message.isEmpty(), "every error says what is wrong");
    if (!parsed.ok())
        return 0;
    fuzz::require(ConfigCodec::validate(*parsed.config).isEmpty(), "an accepted config validates");
    const QByteArray written = ConfigCodec::serialize(*parsed.config);
    const ConfigParseResult again = ConfigCodec::parse(written);
    fuzz::require(again.ok(), "an accepted config, written back, is accepted");
    fuzz::require(ConfigCodec::serialize(*again.config) == written, "parse(serialize(c)) gives c back");
    SimulatedScheduler scheduler;
    const PipelineSet built = PipelineFactory::buildAll(*parsed.config, scheduler);
    fuzz::require(built.ok() && built.pipelines.size() == std::size_t(parsed.config->policies.size()),
                  "an accepted config builds one pipeline per policy");
    return 0;
}
