#include "cli/synth_command.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli/progress_line.hpp"
#include "pmrisk/io.hpp"
#include "pmrisk/synth.hpp"
#include "report/number_format.hpp"

namespace pmrisk::cli {

namespace {

constexpr std::int64_t max_accounts = 1'000'000'000;

struct synth_flags {
  std::int64_t accounts = 0;
  std::int32_t underlyings = 0;
  std::uint64_t seed = 0;
  std::string out_dir;
  std::string asof = "2026-11-20";
  double futures_share = synth::default_futures_share;
  bool quiet = false;
};

// A whole number in [lo, hi]; CLI11's Range would call "abc" out of range.
CLI::Validator whole_number_in(std::int64_t lo, std::int64_t hi) {
  return CLI::Validator(
      [lo, hi](const std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc() && stop == end && value >= lo && value <= hi) return {};
        return fmt::format("expected a whole number from {} to {}, got '{}'", lo, hi, text);
      },
      "");
}

// CLI11 would wrap "-1" around to 2^64 - 1.
CLI::Validator unsigned_seed() {
  return CLI::Validator(
      [](const std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error == std::errc() && stop == end) return {};
        return fmt::format("expected a whole number from 0 to {}, got '{}'",
                           std::numeric_limits<std::uint64_t>::max(), text);
      },
      "");
}

// The smallest row count n with at least `share` of the accounts holding n rows or fewer.
std::size_t rows_percentile(const synth::firm_summary& summary, double share) {
  const auto wanted =
      static_cast<std::int64_t>(std::ceil(share * static_cast<double>(summary.accounts)));
  std::int64_t seen = 0;
  for (std::size_t n = 0; n < summary.accounts_by_rows.size(); ++n) {
    seen += summary.accounts_by_rows[n];
    if (seen >= wanted) return n;
  }
  return summary.accounts_by_rows.size() - 1;
}

std::size_t largest_rows(const synth::firm_summary& summary) {
  std::size_t largest = 0;
  for (std::size_t n = 0; n < summary.accounts_by_rows.size(); ++n) {
    if (summary.accounts_by_rows[n] > 0) largest = n;
  }
  return largest;
}

void print_synth_summary(std::ostream& out, const synth_flags& flags,
                         const synth::firm_summary& summary, double seconds) {
  const std::filesystem::path dir(flags.out_dir);
  out << fmt::format("wrote {}: {} accounts, {} positions, {} underlyings, {} factors\n",
                     dir.string(), format_count(static_cast<std::size_t>(summary.accounts)),
                     format_count(static_cast<std::size_t>(summary.positions)),
                     format_count(static_cast<std::size_t>(summary.underlyings)), summary.factors);
  std::int64_t strategies = 0;
  for (std::int64_t count : summary.strategies) strategies += count;
  out << "strategies:";
  for (std::size_t k = 0; k < synth::strategy_kind_count; ++k) {
    out << fmt::format(" {} {} ({:.1f}%){}",
                       synth::strategy_name(static_cast<synth::strategy_kind>(k)),
                       format_count(static_cast<std::size_t>(summary.strategies[k])),
                       100.0 * static_cast<double>(summary.strategies[k]) /
                           static_cast<double>(std::max<std::int64_t>(strategies, 1)),
                       k + 1 < synth::strategy_kind_count ? "," : "\n");
  }
  out << fmt::format("positions per account: median {}, 99th percentile {}, largest {}\n",
                     rows_percentile(summary, 0.5), rows_percentile(summary, 0.99),
                     largest_rows(summary));
  out << fmt::format("seed {}, as-of {}; {:.3f} s\n", flags.seed, flags.asof, seconds);
  out << fmt::format("value it with: pmrisk margin --market {} --positions {} --asof {}\n",
                     (dir / synth::market_file_name).string(),
                     (dir / synth::positions_file_name).string(), flags.asof);
}

void run_synth(const synth_flags& flags) {
  synth::firm_spec spec;
  spec.accounts = flags.accounts;
  spec.underlyings = flags.underlyings;
  spec.seed = flags.seed;
  spec.futures_share = flags.futures_share;
  spec.asof_day = parse_date(flags.asof, source_location{"--asof", 0, 0});
  if (flags.out_dir.empty()) throw input_error({"--out"}, "expected a directory, got ''");

  const auto start = std::chrono::steady_clock::now();
  progress_line progress(!flags.quiet && stderr_is_terminal());
  const synth::firm_summary summary = synth::write_synthetic_firm(
      spec, flags.out_dir,
      [&progress](std::size_t done, std::size_t total) { progress.update(done, total); });
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!flags.quiet) print_synth_summary(std::cout, flags, summary, seconds);
  std::cout.flush();
  if (!std::cout) throw std::runtime_error("cannot write to standard output");
}

}  // namespace

void add_synth_command(CLI::App& app) {
  auto flags = std::make_shared<synth_flags>();
  CLI::App* command = app.add_subcommand(
      "synth", "Write a synthetic firm (market, positions, accounts, correlation) for benchmarks");
  command->add_option("--accounts", flags->accounts, "Accounts in the firm")
      ->required()
      ->check(whole_number_in(1, max_accounts))
      ->type_name("N");
  command->add_option("--underlyings", flags->underlyings, "Underlyings in the market")
      ->required()
      ->check(whole_number_in(synth::min_underlyings, synth::max_underlyings))
      ->type_name("U");
  command->add_option("--seed", flags->seed, "Random seed; the same seed writes the same files")
      ->required()
      ->check(unsigned_seed())
      ->type_name("S");
  command->add_option("--out", flags->out_dir, "Directory for the four files (created if missing)")
      ->required()
      ->type_name("DIR");
  command->add_option("--asof", flags->asof, "As-of date; every expiry falls after it")
      ->capture_default_str()
      ->type_name("YYYY-MM-DD");
  command
      ->add_option("--futures-share", flags->futures_share,
                   "Share of accounts that also trade index futures and options on them (0 to 1)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0))
      ->type_name("F");
  command->add_flag("--quiet,-q", flags->quiet, "Print no summary and draw no progress line");
  command->callback([flags] { run_synth(*flags); });
}

}  // namespace pmrisk::cli
