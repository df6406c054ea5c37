// load_positions: the --positions CSV, one row per holding, resolved against market and config.
// Large files are read as consecutive line ranges on all OpenMP threads, then joined in order.

#include <fmt/format.h>
#include <omp.h>

#include <array>
#include <cmath>
#include <exception>
#include <iterator>
#include <optional>

#include "io/ascii.hpp"
#include "io/calendar.hpp"
#include "io/cell_values.hpp"
#include "io/csv_reader.hpp"
#include "io/implied_vol_batch.hpp"
#include "io/occ_symbol.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

enum position_column : std::size_t {
  account,
  symbol,
  type,
  strike,
  expiry,
  quantity,
  multiplier,
  style,
  vol,
  price,
  occ_symbol
};

constexpr std::array<std::string_view, 11> position_columns = {
    "account",    "symbol", "type", "strike", "expiry",    "quantity",
    "multiplier", "style",  "vol",  "price",  "occ_symbol"};

constexpr double days_per_year = 365.0;  // ACT/365

// Below this a range is not worth a thread of its own.
constexpr std::size_t min_range_bytes = std::size_t{1} << 20;

std::string_view kind_name(instrument_kind kind) {
  switch (kind) {
    case instrument_kind::stock:
      return "stock";
    case instrument_kind::call:
      return "call";
    case instrument_kind::put:
      return "put";
    case instrument_kind::future:
      return "future";
    case instrument_kind::future_call:
      return "future_call";
    case instrument_kind::future_put:
      return "future_put";
  }
  return "?";
}

// What the row holds, from either the symbol/type/strike/expiry columns or an OCC symbol.
struct contract {
  std::string_view symbol;
  std::size_t symbol_column = position_column::symbol;  ///< blamed for an unknown symbol
  std::size_t kind_column = position_column::type;      ///< blamed for a kind its class cannot hold
  instrument_kind kind = instrument_kind::stock;
  double strike = 0;
  std::int32_t expiry_day = 0;
  std::size_t expiry_column = position_column::expiry;  ///< blamed for an expired contract
};

// A position whose vol is to be solved from its price once every range is read.
struct quoted_position {
  std::size_t index = 0;  ///< within its range
  double price = 0;
  source_location price_cell;
};

struct range_result {
  std::vector<position> positions;
  std::vector<quoted_position> quoted;
  std::exception_ptr failure;
};

class position_reader {
 public:
  position_reader(const std::string& path, const market_data& market, const engine_config& config,
                  std::int32_t asof_day)
      : file_(path, position_columns), market_(market), config_(config), asof_day_(asof_day) {
    file_.require_column(account);
    file_.require_column(quantity);
    if (!file_.has_column(occ_symbol)) {
      file_.require_column(symbol);
      file_.require_column(type);
    }
    class_of_underlying_.reserve(market.underlyings.size());
    for (const underlying& u : market.underlyings) {
      const auto cls = config.asset_classes.find(u.asset_class);
      PMRISK_EXPECTS(cls != config.asset_classes.end(), "load_market checks asset classes");
      class_of_underlying_.push_back(&cls->second);
    }
  }

  std::vector<position> read_all() {
    std::vector<io::csv_rows> ranges =
        file_.split_rows(static_cast<std::size_t>(omp_get_max_threads()), min_range_bytes);
    std::vector<range_result> results(ranges.size());
    // The first range's vector receives the others: room for every line up front.
    std::size_t lines = 0;
    for (const io::csv_rows& range : ranges) lines += range.range_lines();
    results.front().positions.reserve(lines);
    const auto range_count = static_cast<std::ptrdiff_t>(ranges.size());
#pragma omp parallel for schedule(static, 1) if (range_count > 1)
    for (std::ptrdiff_t r = 0; r < range_count; ++r) {
      try {
        read_range(ranges[r], results[r]);
      } catch (...) {
        results[r].failure = std::current_exception();
      }
    }
    // Ranges run in file order and each stops at its first error: the first failed range
    // holds the file's first error.
    for (const range_result& result : results) {
      if (result.failure) std::rethrow_exception(result.failure);
    }

    std::vector<position> positions = std::move(results.front().positions);
    io::implied_vol_batch solves;
    for (std::size_t r = 0; r < results.size(); ++r) {
      range_result& result = results[r];
      std::size_t offset = 0;
      if (r > 0) {
        offset = positions.size();
        positions.insert(positions.end(), std::make_move_iterator(result.positions.begin()),
                         std::make_move_iterator(result.positions.end()));
      }
      for (quoted_position& q : result.quoted) {
        solves.add(offset + q.index, positions[offset + q.index], q.price, std::move(q.price_cell));
      }
    }
    solves.solve(positions, market_, config_);
    return positions;
  }

 private:
  void read_range(io::csv_rows& rows, range_result& result) const {
    if (result.positions.capacity() == 0) result.positions.reserve(rows.range_lines());
    while (rows.next_row()) {
      std::optional<double> quoted_price;
      result.positions.push_back(read_row(rows, quoted_price));
      if (quoted_price) {
        result.quoted.push_back(
            {result.positions.size() - 1, *quoted_price, rows.cell_location(price)});
      }
    }
  }

  // `quoted_price` is set when the position's vol is to be solved from its price.
  position read_row(const io::csv_rows& rows, std::optional<double>& quoted_price) const {
    position p;
    p.account = io::required_text_cell(rows, account);
    const contract held = read_contract(rows);

    const std::optional<std::int32_t> index = market_.find(held.symbol);
    if (!index) {
      rows.fail(held.symbol_column, fmt::format("unknown symbol '{}': not in the market file {}",
                                                held.symbol, market_file()));
    }
    const underlying& u = market_.underlyings[static_cast<std::size_t>(*index)];
    const asset_class_config& cls = *class_of_underlying_[static_cast<std::size_t>(*index)];

    check_class_holds(rows, held, u);

    p.underlying = *index;
    p.kind = held.kind;
    p.strike = held.strike;
    p.expiry_day = held.expiry_day;
    const bool option = is_option(held.kind);
    const bool dated = option || held.kind == instrument_kind::future;
    if (dated && held.expiry_day < asof_day_) {
      rows.fail(held.expiry_column,
                fmt::format("the {} expired on {}, before the as-of date {}",
                            option ? "option" : "future", io::format_date(held.expiry_day),
                            io::format_date(asof_day_)));
    }
    // A future is linear: its value is the market row's price whatever its expiry.
    p.years = option ? (held.expiry_day - asof_day_) / days_per_year : 0.0;

    p.quantity = io::number_cell(rows, quantity);
    if (held.kind != instrument_kind::stock && p.quantity != std::trunc(p.quantity)) {
      rows.fail(quantity, fmt::format("{} quantity is a whole number of contracts, got {}",
                                      option ? "an option" : "a future", rows.cell(quantity)));
    }
    p.multiplier = io::optional_positive_cell(rows, multiplier)
                       .value_or(option ? cls.option_multiplier : cls.stock_multiplier);
    // Stock has no exercise style: the row's value is checked but not used.
    const std::optional<exercise_style> row_style = read_style(rows);
    p.style = option ? row_style.value_or(cls.default_style) : cls.default_style;

    const std::optional<double> row_vol = io::optional_positive_cell(rows, vol);
    const std::optional<double> row_price = io::optional_positive_cell(rows, price);
    if (!option) {
      for (const std::size_t column : {vol, price}) {
        if (!rows.cell(column).empty()) {
          rows.fail(column,
                    fmt::format("{} applies to options only; {} is valued at the "
                                "market price",
                                file_.column_name(column),
                                held.kind == instrument_kind::future ? "a future" : "stock"));
        }
      }
    } else if (row_vol) {
      p.vol = *row_vol;
    } else if (row_price && p.years > 0) {
      quoted_price = row_price;
    } else if (std::isfinite(u.vol)) {
      p.vol = u.vol;
    } else if (row_price) {
      rows.fail(price, fmt::format("the option expires on the as-of date, so its price implies "
                                   "no vol: give vol in this row or for {} in {}",
                                   u.symbol, market_file()));
    } else {
      rows.fail(vol, fmt::format("no vol for this {}: give vol or price in this row, or vol for "
                                 "{} in {}",
                                 kind_name(p.kind), u.symbol, market_file()));
    }
    p.where = rows.row_location();
    return p;
  }

  contract read_contract(const io::csv_rows& rows) const {
    const std::string_view occ_text = rows.cell(occ_symbol);
    if (!occ_text.empty()) return read_occ_contract(rows, occ_text);

    contract held;
    const char* const or_occ = file_.has_column(occ_symbol) ? " when occ_symbol is empty" : "";
    held.symbol = rows.cell(symbol);
    if (held.symbol.empty()) rows.fail(symbol, fmt::format("symbol is required{}", or_occ));
    if (rows.cell(type).empty()) rows.fail(type, fmt::format("type is required{}", or_occ));
    held.kind = read_kind(rows);
    const bool option = is_option(held.kind);
    if (option) {
      if (rows.cell(strike).empty()) {
        rows.fail(strike, fmt::format("strike is required for a {}", kind_name(held.kind)));
      }
      held.strike = io::positive_cell(rows, strike);
    } else if (!rows.cell(strike).empty()) {
      rows.fail(strike, fmt::format("strike applies to options only, but this row holds {}",
                                    held.kind == instrument_kind::future ? "a future" : "stock"));
    }
    if (option || held.kind == instrument_kind::future) {
      if (rows.cell(expiry).empty()) {
        rows.fail(expiry, fmt::format("expiry is required for a {}", kind_name(held.kind)));
      }
      held.expiry_day = io::date_cell(rows, expiry);
    } else if (!rows.cell(expiry).empty()) {
      rows.fail(expiry, "expiry applies to options and futures only, but this row holds stock");
    }
    return held;
  }

  // The OCC symbol names the contract; a symbol cell, when given, names the underlying (SPXW
  // options are on SPX), and type, strike and expiry cells, when given, must agree.
  contract read_occ_contract(const io::csv_rows& rows, std::string_view occ_text) const {
    std::string problem;
    const std::optional<io::occ_contract> parsed = io::parse_occ_symbol(occ_text, problem);
    if (!parsed) rows.fail(occ_symbol, problem);
    const io::occ_contract& occ = *parsed;
    contract held;
    held.kind = occ.kind;
    held.strike = occ.strike;
    held.expiry_day = occ.expiry_day;
    held.expiry_column = occ_symbol;
    held.kind_column = rows.cell(type).empty() ? occ_symbol : type;
    if (rows.cell(symbol).empty()) {
      held.symbol = occ.root;
      held.symbol_column = occ_symbol;
    } else {
      held.symbol = rows.cell(symbol);
    }
    const auto disagree = [&](std::size_t column, const std::string& occ_value) {
      rows.fail(column,
                fmt::format("{} '{}' disagrees with occ_symbol '{}' ({})",
                            file_.column_name(column), rows.cell(column), occ_text, occ_value));
    };
    if (!rows.cell(type).empty() && read_kind(rows) != occ.kind) {
      disagree(type, std::string(kind_name(occ.kind)));
    }
    if (const auto row_strike = io::optional_positive_cell(rows, strike);
        row_strike && *row_strike != occ.strike) {
      disagree(strike, fmt::format("strike {}", occ.strike));
    }
    if (!rows.cell(expiry).empty() && io::date_cell(rows, expiry) != occ.expiry_day) {
      disagree(expiry, fmt::format("expiry {}", io::format_date(occ.expiry_day)));
    }
    return held;
  }

  static instrument_kind read_kind(const io::csv_rows& rows) {
    const std::string_view text = rows.cell(type);
    if (io::equals_ignoring_case(text, "stock")) return instrument_kind::stock;
    if (io::equals_ignoring_case(text, "call")) return instrument_kind::call;
    if (io::equals_ignoring_case(text, "put")) return instrument_kind::put;
    if (io::equals_ignoring_case(text, "future")) return instrument_kind::future;
    if (io::equals_ignoring_case(text, "future_call")) return instrument_kind::future_call;
    if (io::equals_ignoring_case(text, "future_put")) return instrument_kind::future_put;
    rows.fail(type, fmt::format("unknown type '{}' (expected stock, call, put, future, "
                                "future_call or future_put)",
                                text));
  }

  // SPAN margins the futures classes and TIMS the securities: each holds only its own kinds.
  void check_class_holds(const io::csv_rows& rows, const contract& held,
                         const underlying& u) const {
    const bool span_class = config_.span.classes.contains(u.asset_class);
    if (is_futures_instrument(held.kind) && !span_class) {
      rows.fail(held.kind_column,
                fmt::format("a {} needs a futures asset class, but {} is in '{}', which the "
                            "SPAN configuration does not list",
                            kind_name(held.kind), u.symbol, u.asset_class));
    }
    if (!is_futures_instrument(held.kind) && span_class) {
      rows.fail(held.kind_column,
                fmt::format("{} is in the futures asset class '{}' (margined by SPAN): hold it "
                            "as future, future_call or future_put, not {}",
                            u.symbol, u.asset_class, kind_name(held.kind)));
    }
  }

  static std::optional<exercise_style> read_style(const io::csv_rows& rows) {
    const std::string_view text = rows.cell(style);
    if (text.empty()) return std::nullopt;
    if (io::equals_ignoring_case(text, "american")) return exercise_style::american;
    if (io::equals_ignoring_case(text, "european")) return exercise_style::european;
    rows.fail(style, fmt::format("unknown style '{}' (expected american or european)", text));
  }

  std::string_view market_file() const {
    if (market_.underlyings.empty()) return "the market data";
    return market_.underlyings.front().where.file;
  }

  io::csv_file file_;
  const market_data& market_;
  const engine_config& config_;
  std::int32_t asof_day_;
  std::vector<const asset_class_config*> class_of_underlying_;
};

}  // namespace

std::vector<position> load_positions(const std::string& path, const market_data& market,
                                     const engine_config& config, std::int32_t asof_day) {
  return position_reader(path, market, config, asof_day).read_all();
}

}  // namespace pmrisk
