// write_synthetic_firm: the market, correlation, positions and accounts files of a synthetic
// firm. Accounts are generated in blocks, each block split over the OpenMP threads into
// contiguous ranges whose text is then written in account order, so the files do not depend on
// the thread count and memory does not grow with the number of accounts.

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

#include "io/atomic_file.hpp"
#include "io/calendar.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/synth.hpp"
#include "synth/account_book.hpp"
#include "synth/csv_text.hpp"
#include "synth/firm_model.hpp"

namespace pmrisk::synth {
namespace {

constexpr std::int64_t accounts_per_block = 8192;
// Text is handed to the file in pieces of about this size.
constexpr std::size_t flush_bytes = std::size_t{1} << 20;

void prepare_directory(const std::filesystem::path& directory) {
  std::error_code error;
  if (std::filesystem::exists(directory, error) &&
      !std::filesystem::is_directory(directory, error)) {
    throw input_error({directory.string()}, "cannot write the firm here: not a directory");
  }
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw input_error({directory.string()},
                      "cannot create the output directory: " + error.message());
  }
}

// The first line of every file, a comment the loaders skip: what made it.
std::string provenance(const firm_spec& spec) {
  // Knobs are named only when not at their defaults, so default firms keep their first line.
  std::string knobs;
  if (spec.strategy_scale != default_strategy_scale)
    knobs += fmt::format(", strategy scale {}", spec.strategy_scale);
  if (spec.futures_share != default_futures_share)
    knobs += fmt::format(", futures share {}", spec.futures_share);
  return fmt::format("# pmrisk synth: seed {}, {} accounts, {} underlyings, as-of {}{}\n",
                     spec.seed, spec.accounts, spec.underlyings, io::format_date(spec.asof_day),
                     knobs);
}

void write_text(std::ostream& out, std::string& text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  text.clear();
}

void write_market(const firm_model& model, const std::string& header, std::ostream& out) {
  std::string text = header + "symbol,price,vol,div_yield,asset_class,product_group\n";
  for (const universe_member& member : model.underlyings.members) {
    text += member.symbol;
    text += ',';
    append_rounded(text, member.price, 2);
    text += ',';
    append_rounded(text, member.atm_vol, 4);
    text += ',';
    append_rounded(text, member.div_yield, 4);
    text += ',';
    text += member.asset_class;
    text += ',';
    text += member.product_group;
    text += '\n';
    if (text.size() >= flush_bytes) write_text(out, text);
  }
  write_text(out, text);
}

void write_correlation(const firm_model& model, const std::string& header, std::ostream& out) {
  const universe& u = model.underlyings;
  std::string text = header + "symbol";
  for (const std::string& factor : u.factor_names) text += ',' + factor;
  text += ",idio\n";
  const std::size_t factors = u.factor_count();
  for (std::size_t m = 0; m < u.size(); ++m) {
    text += u.members[m].symbol;
    for (std::size_t f = 0; f < factors; ++f) {
      text += ',';
      append_rounded(text, u.loadings[m * factors + f], 6);
    }
    text += ',';
    append_rounded(text, u.idio[m], 6);
    text += '\n';
    if (text.size() >= flush_bytes) write_text(out, text);
  }
  write_text(out, text);
}

// ",call," and the like: the positions file's type of an option row.
const char* type_cell(instrument_kind kind) {
  switch (kind) {
    case instrument_kind::call:
      return ",call,";
    case instrument_kind::put:
      return ",put,";
    case instrument_kind::future_call:
      return ",future_call,";
    default:
      return ",future_put,";
  }
}

// What one thread produces for its range of a block.
struct range_output {
  std::string positions;
  std::string accounts;
  account_book book;
  firm_summary summary;
  std::exception_ptr failure;  ///< an exception may not leave an OpenMP region
};

class account_writer {
 public:
  explicit account_writer(const firm_model& model)
      : model_(model), id_digits_(account_id_digits(model.spec.accounts)) {
    for (const universe_member& member : model.underlyings.members) {
      strike_tenths_.push_back(std::llround(member.strike_increment * 10));
    }
  }

  void write(std::int64_t account, range_output& out) const {
    generate_account(model_, account, out.book);
    const std::string id = account_id(account, id_digits_);
    for (const leg& position : out.book.legs) append_position(id, position, out.positions);
    out.accounts += id;
    out.accounts += ',';
    append_rounded(out.accounts, out.book.equity, 2);
    out.accounts += '\n';

    firm_summary& summary = out.summary;
    ++summary.accounts;
    summary.positions += static_cast<std::int64_t>(out.book.legs.size());
    for (const strategy_span& strategy : out.book.strategies) {
      ++summary.strategies[static_cast<std::size_t>(strategy.kind)];
    }
    PMRISK_EXPECTS(out.book.legs.size() < summary.accounts_by_rows.size(),
                   "max_positions_per_account bounds every account");
    ++summary.accounts_by_rows[out.book.legs.size()];
  }

 private:
  void append_position(const std::string& id, const leg& position, std::string& text) const {
    const auto u = static_cast<std::size_t>(position.underlying);
    text += id;
    text += ',';
    text += model_.underlyings.members[u].symbol;
    if (position.kind == instrument_kind::stock) {
      text += ",stock,,,";
      append_integer(text, position.quantity);
      text += ",\n";
      return;
    }
    if (position.kind == instrument_kind::future) {
      text += ",future,,";
      text += model_.expiries[static_cast<std::size_t>(position.expiry)].text;
      text += ',';
      append_integer(text, position.quantity);
      text += ",\n";
      return;
    }
    text += type_cell(position.kind);
    append_decimal(text, position.strike_steps * strike_tenths_[u], 1, true);
    text += ',';
    text += model_.expiries[static_cast<std::size_t>(position.expiry)].text;
    text += ',';
    append_integer(text, position.quantity);
    text += ',';
    append_rounded(text, position.vol, 4);
    text += '\n';
  }

  const firm_model& model_;
  int id_digits_;
  std::vector<std::int64_t> strike_tenths_;  ///< per underlying: its strike step x 10
};

void add_into(firm_summary& total, firm_summary& part) {
  total.accounts += part.accounts;
  total.positions += part.positions;
  for (std::size_t k = 0; k < strategy_kind_count; ++k) total.strategies[k] += part.strategies[k];
  for (std::size_t n = 0; n < part.accounts_by_rows.size(); ++n) {
    total.accounts_by_rows[n] += part.accounts_by_rows[n];
  }
  part.accounts = part.positions = 0;
  part.strategies = {};
  std::fill(part.accounts_by_rows.begin(), part.accounts_by_rows.end(), 0);
}

}  // namespace

firm_summary write_synthetic_firm(const firm_spec& spec, const std::filesystem::path& directory,
                                  const std::function<void(std::size_t, std::size_t)>& progress) {
  PMRISK_EXPECTS(spec.accounts >= 1, "at least one account");
  PMRISK_EXPECTS(spec.underlyings >= min_underlyings && spec.underlyings <= max_underlyings,
                 "an underlying count within the documented bounds");
  prepare_directory(directory);
  const firm_model model = make_firm_model(spec);

  // Opened before any work, so an unwritable directory fails at once.
  io::atomic_file market(directory / market_file_name);
  io::atomic_file correlation(directory / correlation_file_name);
  io::atomic_file positions(directory / positions_file_name);
  io::atomic_file accounts(directory / accounts_file_name);

  const std::string header = provenance(spec);
  write_market(model, header, market.stream());
  write_correlation(model, header, correlation.stream());
  positions.stream() << header << "account,symbol,type,strike,expiry,quantity,vol\n";
  accounts.stream() << header << "account,equity\n";

  firm_summary summary;
  summary.underlyings = spec.underlyings;
  summary.futures_contracts =
      static_cast<std::int32_t>(model.underlyings.size()) - spec.underlyings;
  summary.factors = static_cast<std::int32_t>(model.underlyings.factor_count());
  summary.accounts_by_rows.assign(static_cast<std::size_t>(max_positions_per_account) + 1, 0);

  const account_writer writer(model);
  const int thread_count = std::max(1, omp_get_max_threads());
  std::vector<range_output> ranges(static_cast<std::size_t>(thread_count));
  for (range_output& range : ranges) range.summary.accounts_by_rows = summary.accounts_by_rows;

  for (std::int64_t begin = 0; begin < spec.accounts; begin += accounts_per_block) {
    const std::int64_t end = std::min(spec.accounts, begin + accounts_per_block);
    int used = 1;
#pragma omp parallel num_threads(thread_count)
    {
      const auto threads = static_cast<std::int64_t>(omp_get_num_threads());
      const auto t = static_cast<std::int64_t>(omp_get_thread_num());
#pragma omp single
      used = static_cast<int>(threads);
      range_output& out = ranges[static_cast<std::size_t>(t)];
      const std::int64_t first = begin + (end - begin) * t / threads;
      const std::int64_t last = begin + (end - begin) * (t + 1) / threads;
      try {
        for (std::int64_t account = first; account < last; ++account) writer.write(account, out);
      } catch (...) {
        out.failure = std::current_exception();
      }
    }
    for (int t = 0; t < used; ++t) {
      range_output& out = ranges[static_cast<std::size_t>(t)];
      if (out.failure) std::rethrow_exception(out.failure);
      write_text(positions.stream(), out.positions);
      write_text(accounts.stream(), out.accounts);
      add_into(summary, out.summary);
    }
    if (progress) progress(static_cast<std::size_t>(end), static_cast<std::size_t>(spec.accounts));
  }

  for (io::atomic_file* file : {&market, &correlation, &accounts, &positions}) file->commit();
  return summary;
}

}  // namespace pmrisk::synth
