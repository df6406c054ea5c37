#pragma once
// Timing consecutive stages of a run for margin_stage_times: one clock read per stage boundary,
// nothing that could change a result.

#include <chrono>

#include "pmrisk/backend.hpp"

namespace pmrisk::capacity {

class lap_clock {
 public:
  lap_clock() : mark_(std::chrono::steady_clock::now()) {}

  /// Wall seconds since the previous lap (or since the clock was made).
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - mark_).count();
    mark_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point mark_;
};

/// A backend's stage times accrued between two readings of its cumulative stage_seconds(); the
/// peak device memory is the later reading's (a peak does not subtract).
inline backend_stage_seconds split_since(const backend_stage_seconds& now,
                                         const backend_stage_seconds& before) {
  return {now.reprice - before.reprice, now.aggregate - before.aggregate,
          now.transfer - before.transfer, now.peak_device_bytes};
}

}  // namespace pmrisk::capacity
