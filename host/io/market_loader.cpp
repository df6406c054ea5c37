// load_market: the --market CSV, one row per underlying.

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>

#include "io/cell_values.hpp"
#include "io/csv_reader.hpp"
#include "pmrisk/io.hpp"

namespace pmrisk {
namespace {

enum market_column : std::size_t { symbol, price, vol, div_yield, asset_class, product_group, adv };

constexpr std::array<std::string_view, 7> market_columns = {
    "symbol", "price", "vol", "div_yield", "asset_class", "product_group", "adv"};

underlying read_underlying(const io::csv_rows& rows, const engine_config& config) {
  underlying u;
  u.symbol = io::required_text_cell(rows, symbol);
  u.price = io::positive_cell(rows, price);
  // Absent when every series of this underlying carries its own vol or price.
  u.vol = io::optional_positive_cell(rows, vol).value_or(std::numeric_limits<double>::quiet_NaN());
  u.div_yield = io::optional_number_cell(rows, div_yield).value_or(0.0);
  if (u.div_yield < 0) {
    rows.fail(div_yield, fmt::format("div_yield must be >= 0, got {}", rows.cell(div_yield)));
  }
  const std::string_view cls = rows.cell(asset_class);
  u.asset_class = cls.empty() ? "equity" : std::string(cls);
  if (!config.asset_classes.contains(u.asset_class)) {
    std::vector<std::string_view> known;
    for (const auto& entry : config.asset_classes) known.push_back(entry.first);
    rows.fail(asset_class,
              fmt::format("unknown asset class '{}'{} (the config has {})", u.asset_class,
                          cls.empty() ? ", the default" : "", fmt::join(known, ", ")));
  }
  const std::string_view group = rows.cell(product_group);
  u.product_group = group.empty() ? u.symbol : std::string(group);
  // Empty means unknown, as 0 does: the liquidity add-on then leaves the underlying alone.
  u.adv = io::optional_number_cell(rows, adv).value_or(0.0);
  if (u.adv < 0) rows.fail(adv, fmt::format("adv must be >= 0, got {}", rows.cell(adv)));
  u.where = rows.row_location();
  return u;
}

}  // namespace

market_data load_market(const std::string& path, const engine_config& config) {
  io::csv_file file(path, market_columns);
  file.require_column(symbol);
  file.require_column(price);
  io::csv_rows rows = file.rows();

  market_data market;
  while (rows.next_row()) {
    underlying u = read_underlying(rows, config);
    const auto index = static_cast<std::int32_t>(market.underlyings.size());
    const auto [existing, inserted] = market.index_by_symbol.try_emplace(u.symbol, index);
    if (!inserted) {
      const auto& first = market.underlyings[static_cast<std::size_t>(existing->second)];
      rows.fail(symbol, fmt::format("duplicate symbol '{}' (first on line {})", u.symbol,
                                    first.where.line));
    }
    market.underlyings.push_back(std::move(u));
  }
  if (market.underlyings.empty()) {
    throw input_error({path}, "no underlyings: the file has a header but no data rows");
  }
  return market;
}

}  // namespace pmrisk
