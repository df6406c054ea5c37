#pragma once
// The human summary of `pmrisk bench` on stdout: the firm, a table of stages with their share
// and throughput, memory and batches; or for a sweep, time against the swept dimension.

#include <ostream>
#include <vector>

#include "capacity/capacity_report.hpp"
#include "capacity/sweep.hpp"

namespace pmrisk::cli {

void print_bench_summary(std::ostream& out, const capacity::capacity_measurement& run);

/// One line per run: the value, the firm's size, the total and per-unit time and the growth
/// exponent against the run before, marked when above capacity::superlinear_exponent.
void print_sweep_summary(std::ostream& out, const capacity::sweep_spec& sweep,
                         const std::vector<capacity::capacity_measurement>& runs);

}  // namespace pmrisk::cli
