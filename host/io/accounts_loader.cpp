// load_accounts: the --accounts CSV, one row per account with its equity.

#include <fmt/format.h>

#include <array>
#include <map>

#include "io/cell_values.hpp"
#include "io/csv_reader.hpp"
#include "pmrisk/account_view.hpp"

namespace pmrisk {
namespace {

enum accounts_column : std::size_t { account, equity, type };

constexpr std::array<std::string_view, 3> accounts_columns = {"account", "equity", "type"};

// `portfolio`: on portfolio margin already (the default); `regt`: applying from Reg-T.
bool on_portfolio_margin(const io::csv_rows& rows) {
  const std::string_view text = rows.cell(type);
  if (text.empty() || text == "portfolio") return true;
  if (text == "regt") return false;
  rows.fail(type, fmt::format("unknown type '{}' (expected portfolio or regt)", text));
}

}  // namespace

std::vector<account_equity> load_accounts(const std::string& path) {
  io::csv_file file(path, accounts_columns);
  file.require_column(account);
  file.require_column(equity);
  io::csv_rows rows = file.rows();

  std::vector<account_equity> accounts;
  std::map<std::string, int> line_of;
  while (rows.next_row()) {
    account_equity row;
    row.account = io::required_text_cell(rows, account);
    row.equity = io::number_cell(rows, equity);
    row.on_portfolio_margin = on_portfolio_margin(rows);
    row.where = rows.row_location();
    const auto [first, inserted] = line_of.try_emplace(row.account, row.where.line);
    if (!inserted) {
      rows.fail(account, fmt::format("duplicate account '{}' (first on line {})", row.account,
                                     first->second));
    }
    accounts.push_back(std::move(row));
  }
  if (accounts.empty()) {
    throw input_error({path}, "no accounts: the file has a header but no data rows");
  }
  return accounts;
}

}  // namespace pmrisk
