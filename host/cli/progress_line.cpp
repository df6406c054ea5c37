#include "cli/progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <utility>

#include "report/number_format.hpp"

namespace pmrisk::cli {

namespace {

constexpr auto redraw_interval = std::chrono::milliseconds(100);

std::string format_eta(double seconds) {
  const auto whole = static_cast<long long>(seconds + 0.5);
  if (whole >= 3600)
    return fmt::format("{}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60);
  return fmt::format("{}:{:02}", whole / 60, whole % 60);
}

}  // namespace

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

progress_line::progress_line(bool enabled, std::string unit)
    : enabled_(enabled),
      unit_(std::move(unit)),
      start_(clock::now()),
      last_draw_(start_ - redraw_interval) {}

progress_line::~progress_line() {
  finish();
}

void progress_line::update(std::size_t done, std::size_t total) {
  if (!enabled_ || total == 0) return;
  const std::lock_guard lock(mutex_);
  const auto now = clock::now();
  if (done < total && now - last_draw_ < redraw_interval) return;
  last_draw_ = now;

  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  // done * 100 would overflow near 2^64 / 100 account-scenarios; the ratio does not.
  const auto percent =
      static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * 100);
  std::string line = fmt::format("\r\033[K{:3}%  {}/{} {}", percent, format_count(done),
                                 format_count(total), unit_);
  if (rate > 0) {
    line += fmt::format("  {} {}/s  ETA {}", format_count(static_cast<std::size_t>(rate)), unit_,
                        format_eta(static_cast<double>(total - done) / rate));
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void progress_line::finish() {
  const std::lock_guard lock(mutex_);
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace pmrisk::cli
