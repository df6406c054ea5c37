#include "capacity/capacity_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pmrisk/error.hpp"
#include "report/text_escape.hpp"

namespace pmrisk::capacity {
namespace {

double per_second(double count, double seconds) {
  return seconds > 0 ? count / seconds : 0;
}

std::string seconds_text(double seconds) {
  return fmt::format("{:.6f}", seconds);
}

std::string rate_text(double rate) {
  return fmt::format("{:.1f}", rate);
}

}  // namespace

double stage_seconds::total() const {
  return load + scenario_model + book + grid + scenario_generation + reprice + aggregate +
         transfer + other + write;
}

stage_seconds margin_stages(const margin_stage_times& times, double compute_seconds) {
  const backend_stage_seconds& tims = times.valuation_split;
  const backend_stage_seconds& mc = times.scenario_valuation_split;
  stage_seconds stages;
  stages.book = times.book;
  stages.grid = times.grid;
  stages.scenario_generation = times.scenario_generation;
  stages.reprice = tims.reprice + mc.reprice;
  stages.aggregate = tims.aggregate + mc.aggregate + times.fold + times.tail_reduce;
  stages.transfer = tims.transfer + mc.transfer;
  const double named = stages.book + stages.grid + stages.scenario_generation + stages.reprice +
                       stages.aggregate + stages.transfer;
  // Clock reads a few nanoseconds apart can make the named stages overshoot the whole.
  stages.other = std::max(0.0, compute_seconds - named);
  return stages;
}

double capacity_measurement::repricings_per_second() const {
  return per_second(static_cast<double>(work.repricings + work.scenario_repricings),
                    stages.reprice);
}

double capacity_measurement::aggregations_per_second() const {
  return per_second(static_cast<double>(work.aggregations + work.scenario_aggregations),
                    backend_aggregate_seconds);
}

double capacity_measurement::accounts_per_second() const {
  return per_second(static_cast<double>(accounts), stages.total());
}

std::vector<stage_entry> stage_entries(const stage_seconds& stages) {
  return {{"load", "load and validate", stages.load},
          {"scenario_model", "scenario model", stages.scenario_model},
          {"book", "de-duplicate (book)", stages.book},
          {"grid", "grid and batch plan", stages.grid},
          {"scenario_generation", "scenario generation", stages.scenario_generation},
          {"reprice", "reprice", stages.reprice},
          {"aggregate", "aggregate and reduce", stages.aggregate},
          {"transfer", "host-device transfer", stages.transfer},
          {"other", "other (slicing, staging)", stages.other},
          {"write", "write", stages.write}};
}

void write_measurement_json(std::ostream& out, const capacity_measurement& run) {
  out << "{\"backend\": " << json_string(run.backend)
      << ", \"firm\": {\"source\": " << (run.synthetic ? "\"synthetic\"" : "\"files\"");
  if (run.synthetic) {
    out << fmt::format(", \"seed\": {}, \"strategy_scale\": {}, \"synth_seconds\": {}", run.seed,
                       run.strategy_scale, seconds_text(run.synth_seconds));
  } else {
    out << ", \"seed\": null, \"strategy_scale\": null, \"synth_seconds\": null";
  }
  out << fmt::format(
      ", \"accounts\": {}, \"underlyings\": {}, \"positions\": {}, \"series\": {}}}, "
      "\"scenarios\": {}, \"stages\": {{",
      run.accounts, run.underlyings, run.positions, run.series, run.scenarios);
  const std::vector<stage_entry> entries = stage_entries(run.stages);
  for (std::size_t i = 0; i < entries.size(); ++i)
    out << (i ? ", " : "") << '"' << entries[i].key << "\": " << seconds_text(entries[i].seconds);
  out << fmt::format(
      "}}, \"total_seconds\": {}, \"compute_seconds\": {}, \"throughput\": "
      "{{\"repricings_per_second\": {}, \"aggregations_per_second\": {}, "
      "\"accounts_per_second\": {}}}, ",
      seconds_text(run.stages.total()), seconds_text(run.compute_seconds),
      rate_text(run.repricings_per_second()), rate_text(run.aggregations_per_second()),
      rate_text(run.accounts_per_second()));
  out << fmt::format(
      "\"work\": {{\"repricings\": {}, \"aggregations\": {}, \"scenario_repricings\": {}, "
      "\"scenario_aggregations\": {}}}, ",
      run.work.repricings, run.work.aggregations, run.work.scenario_repricings,
      run.work.scenario_aggregations);
  out << fmt::format("\"memory\": {{\"peak_host_bytes\": {}, \"peak_device_bytes\": {}}}, ",
                     run.peak_host_bytes,
                     run.peak_device_bytes ? std::to_string(*run.peak_device_bytes) : "null");
  out << fmt::format(
      "\"batches\": {{\"tims\": {}, \"montecarlo\": {}, \"accounts_per_batch\": {}, "
      "\"budget_bytes\": {}}}}}",
      run.batches, run.scenarios ? std::to_string(run.montecarlo_batches) : "null",
      run.batches ? fmt::format("{:.1f}", static_cast<double>(run.accounts) /
                                              static_cast<double>(run.batches))
                  : "null",
      run.work.budget_bytes);
}

void write_sweep_json(std::ostream& out, const sweep_spec& sweep,
                      const std::vector<capacity_measurement>& runs) {
  PMRISK_EXPECTS(runs.size() == sweep.values.size(), "a run per value");
  out << "{\"sweep\": {\"dimension\": " << json_string(dimension_name(sweep.dimension))
      << ", \"values\": [";
  for (std::size_t i = 0; i < sweep.values.size(); ++i) out << (i ? ", " : "") << sweep.values[i];
  out << "]}, \"runs\": [";
  std::vector<double> seconds;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    out << (i ? ",\n  " : "\n  ");
    write_measurement_json(out, runs[i]);
    seconds.push_back(runs[i].stages.total());
  }
  out << "\n], \"growth_exponents\": [";
  const std::vector<double> exponents = growth_exponents(sweep.values, seconds);
  for (std::size_t i = 0; i < exponents.size(); ++i)
    out << (i ? ", " : "")
        << (std::isnan(exponents[i]) ? std::string("null") : fmt::format("{:.3f}", exponents[i]));
  out << "]}";
}

}  // namespace pmrisk::capacity
