#pragma once
// The single updating progress line a long run draws on a terminal's stderr.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace pmrisk::cli {

/// Whether stderr is an interactive terminal (progress is drawn only there).
bool stderr_is_terminal();

/// " 42%  4,200/10,000 accounts  12,345 accounts/s  ETA 0:05", redrawn in place at most ten
/// times a second, counting `unit` ("accounts", or "account-scenarios" for Monte Carlo).
/// Draws nothing when disabled; erases itself when the run ends.
class progress_line {
 public:
  explicit progress_line(bool enabled, std::string unit = "accounts");
  ~progress_line();
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;

  /// Units done so far and in all; the signature of margin_options::progress.
  void update(std::size_t done, std::size_t total);

  /// Erases the line so the summary starts on a clean one.
  void finish();

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  std::string unit_;
  bool drawn_ = false;
  clock::time_point start_;
  clock::time_point last_draw_;
  std::mutex mutex_;
};

}  // namespace pmrisk::cli
