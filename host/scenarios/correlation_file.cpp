// load_correlation_file: the long-form pairwise and the factor-loading correlation CSVs.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/cell_values.hpp"
#include "io/csv_reader.hpp"
#include "pmrisk/scenarios/correlation_file.hpp"

namespace pmrisk::scenarios {
namespace {

enum pair_column : std::size_t { symbol_a, symbol_b, rho };
constexpr std::array<std::string_view, 3> pair_columns = {"symbol_a", "symbol_b", "rho"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

struct header_row {
  int line = 0;
  std::vector<std::string> names;  ///< as written, trimmed and unquoted
  bool has(std::string_view name) const {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& given) { return lower(given) == name; });
  }
};

// The header's column names: enough to tell the two forms apart. The CSV reader then validates
// the header properly.
header_row read_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error({path}, "cannot open the correlation file");
  std::string line;
  bool first = true;
  header_row header;
  while (std::getline(in, line)) {
    ++header.line;
    if (first && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    first = false;
    const std::string_view content = trimmed(line);
    if (content.empty() || content.front() == '#') continue;
    std::size_t begin = 0;
    for (;;) {
      const std::size_t comma = line.find(',', begin);
      header.names.emplace_back(trimmed(std::string_view(line).substr(
          begin, comma == std::string::npos ? std::string::npos : comma - begin)));
      if (comma == std::string::npos) break;
      begin = comma + 1;
    }
    return header;
  }
  throw input_error({path}, "file is empty: expected a header row naming the columns");
}

std::int32_t symbol_cell(const io::csv_rows& rows, std::size_t column, const market_data& market) {
  const std::string_view symbol = io::required_text_cell(rows, column);
  const std::optional<std::int32_t> index = market.find(symbol);
  if (!index) {
    rows.fail(column, fmt::format("unknown symbol '{}': not in the market data", symbol));
  }
  return *index;
}

pairwise_correlations load_pairs(const std::string& path, const market_data& market) {
  io::csv_file file(path, pair_columns);
  for (std::size_t c = 0; c < pair_columns.size(); ++c) file.require_column(c);

  struct first_seen {
    double rho = 0;
    int line = 0;
  };
  std::unordered_map<std::uint64_t, first_seen> seen;
  pairwise_correlations result{path, {}};
  io::csv_rows rows = file.rows();
  while (rows.next_row()) {
    const std::int32_t a = symbol_cell(rows, symbol_a, market);
    const std::int32_t b = symbol_cell(rows, symbol_b, market);
    const double value = io::number_cell(rows, rho);
    if (!(value >= -1 && value <= 1)) {
      rows.fail(rho, fmt::format("rho must be in [-1, 1], got {}", rows.cell(rho)));
    }
    if (a == b) {
      if (value != 1) {
        rows.fail(rho, fmt::format("the correlation of '{}' with itself is 1, got {}",
                                   rows.cell(symbol_a), rows.cell(rho)));
      }
      continue;
    }
    const auto low = static_cast<std::uint64_t>(std::min(a, b));
    const auto high = static_cast<std::uint64_t>(std::max(a, b));
    const int line = rows.row_location().line;
    const auto [it, inserted] = seen.try_emplace(low << 32 | high, first_seen{value, line});
    if (!inserted) {
      if (it->second.rho != value) {
        rows.fail(
            rho, fmt::format("pair {},{} has rho {} here but {} on line {}", rows.cell(symbol_a),
                             rows.cell(symbol_b), rows.cell(rho), it->second.rho, it->second.line));
      }
      continue;
    }
    result.pairs.push_back(
        {static_cast<std::int32_t>(low), static_cast<std::int32_t>(high), value});
  }
  return result;
}

factor_loadings load_factors(const std::string& path, const header_row& header,
                             const market_data& market) {
  // The header's own names are the columns; "symbol" and "idio" are fixed, the rest factors.
  std::vector<std::string_view> columns(header.names.begin(), header.names.end());
  io::csv_file file(path, columns);
  const auto column_of = [&](std::string_view name) {
    return static_cast<std::size_t>(
        std::find_if(columns.begin(), columns.end(),
                     [&](std::string_view given) { return lower(given) == name; }) -
        columns.begin());
  };
  const std::size_t symbol = column_of("symbol");
  const std::size_t idio = column_of("idio");
  if (idio == columns.size()) {
    throw input_error({path, header.line, 1},
                      "factor file has no 'idio' column (symbol,<factors...>,idio)");
  }
  std::vector<std::size_t> factor_columns;
  factor_loadings result{path, {}, {}, {}};
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c == symbol || c == idio) continue;
    factor_columns.push_back(c);
    result.factors.emplace_back(columns[c]);
  }
  if (factor_columns.empty()) {
    throw input_error({path, header.line, 1},
                      "factor file names no factor column between symbol and idio");
  }

  const std::size_t k = factor_columns.size();
  const std::size_t n = market.underlyings.size();
  result.beta.assign(n * k, 0.0);
  result.idio.assign(n, 0.0);
  std::vector<int> line_of(n, 0);
  io::csv_rows rows = file.rows();
  while (rows.next_row()) {
    const auto u = static_cast<std::size_t>(symbol_cell(rows, symbol, market));
    const int line = rows.row_location().line;
    if (line_of[u] != 0) {
      rows.fail(symbol,
                fmt::format("'{}' has a row already, on line {}", rows.cell(symbol), line_of[u]));
    }
    line_of[u] = line;
    double loading_variance = 0;
    for (std::size_t f = 0; f < k; ++f) {
      const double beta = io::number_cell(rows, factor_columns[f]);
      result.beta[u * k + f] = beta;
      loading_variance += beta * beta;
    }
    const double weight = io::number_cell(rows, idio);
    if (weight < 0) rows.fail(idio, fmt::format("idio must be >= 0, got {}", rows.cell(idio)));
    if (loading_variance > 1 + factor_variance_tolerance) {
      rows.fail(factor_columns.front(),
                fmt::format("the loadings of '{}' exceed unit variance: sum of squares {:.6g}",
                            rows.cell(symbol), loading_variance));
    }
    const double variance = loading_variance + weight * weight;
    if (std::abs(variance - 1) > factor_variance_tolerance) {
      rows.fail(idio, fmt::format("sum of squared loadings {:.6g} plus idio^2 {:.6g} is {:.6g}, "
                                  "expected 1 (within {})",
                                  loading_variance, weight * weight, variance,
                                  factor_variance_tolerance));
    }
    // Scale the row to unit variance exactly, so rounding in the file cannot change var(z).
    const double scale = 1 / std::sqrt(variance);
    for (std::size_t f = 0; f < k; ++f) result.beta[u * k + f] *= scale;
    result.idio[u] = weight * scale;
  }

  std::vector<std::string_view> missing;
  for (std::size_t u = 0; u < n; ++u) {
    if (line_of[u] == 0) missing.push_back(market.underlyings[u].symbol);
  }
  if (!missing.empty()) {
    const std::size_t shown = std::min<std::size_t>(missing.size(), 5);
    throw input_error(
        {path, 0, 0},
        fmt::format("factor file has no row for {} of the market's underlyings: {}{}",
                    missing.size(), fmt::join(missing.begin(), missing.begin() + shown, ", "),
                    missing.size() > shown ? ", ..." : ""));
  }
  return result;
}

}  // namespace

correlation_input load_correlation_file(const std::string& path, const market_data& market) {
  const header_row header = read_header(path);
  if (header.has("symbol_a") || header.has("symbol_b") || header.has("rho")) {
    return load_pairs(path, market);
  }
  if (header.has("symbol")) return load_factors(path, header, market);
  throw input_error({path, header.line, 1},
                    "unrecognised correlation file header: expected symbol_a,symbol_b,rho "
                    "(pairs) or symbol,<factor names...>,idio (factor loadings)");
}

}  // namespace pmrisk::scenarios
