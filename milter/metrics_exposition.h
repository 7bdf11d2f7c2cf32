#pragma once

#include <string>

#include "milter/metrics_gauges.h"
#include "milter/milter_metrics.h"

namespace rapport {

// The Prometheus text exposition (format 0.0.4, served as "text/plain;
// version=0.0.4") of `counters` and `gauges`: every metric named rapport_…
// with its HELP and TYPE lines, every label value the daemon can produce
// present even at 0 (so that rate() and alerts see a series from the
// start). The store's metrics are left out while the store is not open;
// rapport_store_up says which.
std::string RenderMetrics(const MetricsSnapshot& counters, const MetricsGauges& gauges);

// The Content-Type of RenderMetrics()'s text.
inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace rapport
