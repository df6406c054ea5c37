#pragma once
// The one interface both backends implement: value a batch of class groups on the grid.
// Views are plain host pointers; a backend copies what it needs to its own memory.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "pmrisk/instrument.hpp"

namespace pmrisk {

struct series_view {
  std::size_t count = 0;
  const instrument_kind* kind = nullptr;
  const exercise_style* style = nullptr;
  const double* strike = nullptr;
  const double* years = nullptr;
  const double* vol = nullptr;
  const double* div_yield = nullptr;
  const std::int32_t* underlying = nullptr;
};

struct grid_view {
  std::size_t underlyings = 0;
  int stride = 0;
  const double* spot = nullptr;           ///< per underlying
  const int* point_count = nullptr;       ///< per underlying
  const double* spot_move = nullptr;      ///< underlyings x stride
  const double* vol_shift = nullptr;      ///< underlyings x stride
  const double* horizon_years = nullptr;  ///< per underlying
  /// value_batch only; value_accounts (Monte Carlo tiles) ignores both. A class group's P&L at
  /// a point is weight x the sum over its positions, and its worst point is searched over
  /// [0, scan_point_count[u]). Null: every weight 1 and every point scanned. Declared last so
  /// positional initialisers of the fields above keep their meaning.
  const double* point_weight = nullptr;   ///< underlyings x stride
  const int* scan_point_count = nullptr;  ///< per underlying, 1 <= count <= point_count
};

/// Class groups of one batch; position_series indexes the batch's series_view.
struct class_group_view {
  std::size_t count = 0;
  const std::int32_t* underlying = nullptr;
  const std::int64_t* position_begin = nullptr;  ///< count + 1 offsets, first is 0
  const std::int32_t* position_series = nullptr;
  const double* position_units = nullptr;
};

/// Accounts of one batch: account a holds the batch's class groups
/// [class_group_begin[a], class_group_begin[a + 1]).
struct account_view {
  std::size_t count = 0;
  const std::int64_t* class_group_begin = nullptr;  ///< count + 1 offsets, first is 0
};

struct class_group_outputs {
  double* risk_array = nullptr;         ///< count x stride P&L; unused slots set to 0
  double* worst_pnl = nullptr;          ///< per class group: lowest P&L over its scanned points
  std::int32_t* worst_point = nullptr;  ///< per class group: first point attaining it
};

struct valuation_inputs {
  double rate = 0;
  pricing_model model;
  grid_view grid;
};

/// Time a backend spent inside value_batch and value_accounts since it was made, by stage, for
/// capacity measurements (docs/performance.md, "Capacity"). A backend that cannot tell its
/// stages apart reports zeros.
struct backend_stage_seconds {
  double reprice = 0;    ///< series x points (or scenarios) to P&L per unit
  double aggregate = 0;  ///< positions into class groups and worst points, or into accounts
  double transfer = 0;   ///< host <-> device copies; 0 on the CPU
  std::size_t peak_device_bytes = 0;  ///< device memory in use after a batch, at most; 0 on the CPU
};

class valuation_backend {
 public:
  virtual ~valuation_backend() = default;
  virtual std::string name() const = 0;

  /// Working memory this backend can offer a batch; the engine plans batches within
  /// min(this, the configured budget).
  virtual std::size_t available_memory_bytes() const = 0;

  /// Reprices every series at each point of its underlying's grid, as P&L per unit against
  /// its theoretical value at the unmoved point; sums units x P&L per class group in position
  /// order, times the point's weight; and finds each class group's worst scanned point.
  virtual void value_batch(const valuation_inputs& inputs, const series_view& series,
                           const class_group_view& groups, const class_group_outputs& out) = 0;

  /// Monte Carlo: the grid is a tile of scenarios, every underlying with stride points. Reprices
  /// as value_batch does, then sums per account and scenario its class groups' P&L (each summed
  /// over its positions in position order) in class-group order, from 0.0. account_pnl is
  /// accounts x stride. Only these sums leave the backend, not the class groups' risk arrays.
  virtual void value_accounts(const valuation_inputs& inputs, const series_view& series,
                              const class_group_view& groups, const account_view& accounts,
                              double* account_pnl) = 0;

  /// The stage split of every call so far; timing does not change any result.
  virtual backend_stage_seconds stage_seconds() const { return {}; }
};

/// OpenMP over all cores (threads = 0) or the given count.
std::unique_ptr<valuation_backend> make_cpu_backend(int threads = 0);

/// Whether a CUDA device is usable, and if not, why (no driver, no device, ...).
struct cuda_device_status {
  bool usable = false;
  std::string description;  ///< device name and memory, or the reason it is unusable
};
cuda_device_status probe_cuda_device();

/// Throws std::runtime_error, naming the reason, when no device is usable.
std::unique_ptr<valuation_backend> make_cuda_backend();

}  // namespace pmrisk
