#pragma once
// What one capacity run measured, per pipeline stage, and its JSON form (docs/cli.md,
// "pmrisk bench").

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "capacity/sweep.hpp"
#include "pmrisk/margin.hpp"

namespace pmrisk::capacity {

/// Wall seconds per stage of the pipeline, load to write. They add up to total(); the synthetic
/// firm's generation is not a stage (a desk receives its files).
struct stage_seconds {
  double load = 0;            ///< config, market and positions read and validated
  double scenario_model = 0;  ///< Monte Carlo config and correlations read, factored, compiled
  double book = 0;            ///< build_book: series de-duplicated
  double grid = 0;            ///< the valuation grid, the backend, the batch plan
  double scenario_generation = 0;
  double reprice = 0;    ///< the backend's repricing, TIMS and Monte Carlo
  double aggregate = 0;  ///< the backend's sums, the TIMS fold and the tail reduction
  double transfer = 0;   ///< host <-> device copies
  double other = 0;      ///< the rest of compute_margin: batch slicing, staging, checks, allocation
  double write = 0;      ///< the margin CSV written to a temporary file, committed, discarded

  double total() const;
};

/// The stages of a margin run, from its report and the wall time of compute_margin.
stage_seconds margin_stages(const margin_stage_times& times, double compute_seconds);

struct capacity_measurement {
  std::string backend;
  bool synthetic = false;
  std::uint64_t seed = 0;     ///< synthetic only
  double strategy_scale = 0;  ///< synthetic only
  double synth_seconds = 0;   ///< synthetic only: writing the firm's files
  std::size_t accounts = 0;
  std::size_t underlyings = 0;
  std::size_t positions = 0;
  std::size_t series = 0;       ///< unique
  std::uint64_t scenarios = 0;  ///< 0: the TIMS grid only
  stage_seconds stages;
  double backend_aggregate_seconds = 0;  ///< the backend's sums: stages.aggregate less the folds
  double compute_seconds = 0;            ///< compute_margin's wall time (book to tail reduce)
  margin_work work;
  std::size_t batches = 0;             ///< TIMS
  std::size_t montecarlo_batches = 0;  ///< 0 without scenarios
  std::size_t peak_host_bytes = 0;
  std::optional<std::size_t> peak_device_bytes;  ///< CUDA only

  /// Series x points and series x scenarios per second of the reprice stage (0 without time).
  double repricings_per_second() const;
  /// Positions x points and positions x scenarios per second of the backend's sums.
  double aggregations_per_second() const;
  /// Accounts per second of the whole pipeline, load to write.
  double accounts_per_second() const;
};

/// The key of each stage in JSON and in the table, in pipeline order.
struct stage_entry {
  const char* key;
  const char* label;
  double seconds;
};
std::vector<stage_entry> stage_entries(const stage_seconds& stages);

/// {"backend", "firm": {...}, "scenarios", "stages": {...}, "total_seconds", "throughput",
/// "work", "memory", "batches"}: every key always present, null where it does not apply.
void write_measurement_json(std::ostream& out, const capacity_measurement& run);

/// {"sweep": {"dimension", "values"}, "runs": [...], "growth_exponents": [...]}, an exponent
/// null where there is no slope.
void write_sweep_json(std::ostream& out, const sweep_spec& sweep,
                      const std::vector<capacity_measurement>& runs);

}  // namespace pmrisk::capacity
