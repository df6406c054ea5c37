#include "cli/bench_summary.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "cli/text_table.hpp"
#include "report/number_format.hpp"

namespace pmrisk::cli {

namespace {

std::string count(std::uint64_t n) {
  return format_count(static_cast<std::size_t>(n));
}

std::string seconds(double s) {
  return fmt::format("{:.3f}", s);
}

/// "12.3 M/s": a rate with an SI prefix.
std::string rate(double per_second, const char* unit) {
  if (per_second <= 0) return "";
  if (per_second >= 1e9) return fmt::format("{:.2f} G {}/s", per_second / 1e9, unit);
  if (per_second >= 1e6) return fmt::format("{:.2f} M {}/s", per_second / 1e6, unit);
  if (per_second >= 1e3) return fmt::format("{:.2f} k {}/s", per_second / 1e3, unit);
  return fmt::format("{:.1f} {}/s", per_second, unit);
}

std::string bytes(std::size_t n) {
  const double value = static_cast<double>(n);
  if (value >= 1024.0 * 1024 * 1024)
    return fmt::format("{:.2f} GiB", value / (1024.0 * 1024 * 1024));
  return fmt::format("{:.1f} MiB", value / (1024.0 * 1024));
}

std::string firm_line(const capacity::capacity_measurement& run) {
  const std::string source =
      run.synthetic ? fmt::format("synthetic firm (seed {}, generated in {} s, not timed below)",
                                  run.seed, seconds(run.synth_seconds))
                    : std::string("given firm");
  return fmt::format("{}: {} accounts, {} positions, {} underlyings, {} unique series", source,
                     count(run.accounts), count(run.positions), count(run.underlyings),
                     count(run.series));
}

}  // namespace

void print_bench_summary(std::ostream& out, const capacity::capacity_measurement& run) {
  out << firm_line(run) << '\n';
  out << fmt::format(
      "backend {}; {}\n\n", run.backend,
      run.scenarios ? fmt::format("TIMS grid and {} Monte Carlo scenarios", count(run.scenarios))
                    : std::string("TIMS grid only"));
  const double total = run.stages.total();
  text_table table;
  table.set_header({"stage", "seconds", "share", "throughput"}, {false, true, true, false});
  for (const capacity::stage_entry& entry : capacity::stage_entries(run.stages)) {
    std::string throughput;
    if (std::string_view(entry.key) == "reprice")
      throughput = rate(run.repricings_per_second(), "repricings");
    if (std::string_view(entry.key) == "aggregate")
      throughput = rate(run.aggregations_per_second(), "aggregations");
    table.add_row({entry.label, seconds(entry.seconds),
                   total > 0 ? fmt::format("{:.1f}%", 100 * entry.seconds / total) : "",
                   throughput});
  }
  table.set_footer(
      {"total", seconds(total), "100.0%", rate(run.accounts_per_second(), "accounts")});
  table.print(out);

  out << '\n'
      << fmt::format("work: {} repricings and {} aggregations on the grid",
                     count(run.work.repricings), count(run.work.aggregations));
  if (run.scenarios)
    out << fmt::format(", {} and {} under the scenarios", count(run.work.scenario_repricings),
                       count(run.work.scenario_aggregations));
  out << '\n'
      << fmt::format("memory: peak host {} (ru_maxrss), peak device {}\n",
                     bytes(run.peak_host_bytes),
                     run.peak_device_bytes ? bytes(*run.peak_device_bytes) : "n.a.");
  out << fmt::format(
      "batches: {} on the grid, {:.1f} accounts each", count(run.batches),
      run.batches ? static_cast<double>(run.accounts) / static_cast<double>(run.batches) : 0.0);
  if (run.scenarios) out << fmt::format(", {} under the scenarios", count(run.montecarlo_batches));
  out << fmt::format("; budget {}\n", bytes(run.work.budget_bytes));
}

void print_sweep_summary(std::ostream& out, const capacity::sweep_spec& sweep,
                         const std::vector<capacity::capacity_measurement>& runs) {
  const std::string dimension(capacity::dimension_name(sweep.dimension));
  std::vector<double> totals;
  for (const auto& run : runs) totals.push_back(run.stages.total());
  const std::vector<double> exponents = capacity::growth_exponents(sweep.values, totals);

  out << fmt::format("Sweep over {} on {}\n", dimension, runs.front().backend);
  text_table table;
  table.set_header({dimension, "accounts", "positions", "series", "load s", "reprice s",
                    "aggregate s", "total s", "us per unit", "exponent", "peak host"},
                   {true, true, true, true, true, true, true, true, true, true, true});
  bool marked = false;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    std::string exponent;
    if (!std::isnan(exponents[i])) {
      const bool superlinear = exponents[i] > capacity::superlinear_exponent;
      marked = marked || superlinear;
      exponent = fmt::format("{:.2f}{}", exponents[i], superlinear ? " *" : "");
    }
    table.add_row({count(sweep.values[i]), count(run.accounts), count(run.positions),
                   count(run.series), seconds(run.stages.load), seconds(run.stages.reprice),
                   seconds(run.stages.aggregate), seconds(totals[i]),
                   fmt::format("{:.2f}", 1e6 * totals[i] / static_cast<double>(sweep.values[i])),
                   exponent, bytes(run.peak_host_bytes)});
  }
  table.print(out);
  out << fmt::format("exponent: log-log slope of the total against the {} before; 1 is linear",
                     dimension);
  if (marked)
    out << fmt::format("; * above {} (worse than linear, see docs/performance.md)",
                       capacity::superlinear_exponent);
  out << '\n';
}

}  // namespace pmrisk::cli
