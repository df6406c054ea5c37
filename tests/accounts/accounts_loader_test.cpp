// load_accounts: the --accounts CSV (docs/inputs.md, "Accounts"), its values and every error
// pointing at file:line:column.

#include <gtest/gtest.h>

#include "io/io_test_support.hpp"
#include "pmrisk/account_view.hpp"

namespace pmrisk {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

TEST(AccountsLoader, ReadsEquityAndTypeInFileOrder) {
  scratch_dir dir;
  const std::string path = dir.write("accounts.csv",
                                     "# end-of-day net liquidation values\n"
                                     "Type,account,EQUITY\n"
                                     "regt,ACC-2,175000\n"
                                     ",ACC-1,-2500.50\n"
                                     "portfolio,\"ACC, 3\",1e6\n");
  const std::vector<account_equity> accounts = load_accounts(path);
  ASSERT_EQ(accounts.size(), 3u);
  EXPECT_EQ(accounts[0].account, "ACC-2");
  EXPECT_EQ(accounts[0].equity, 175000.0);
  EXPECT_FALSE(accounts[0].on_portfolio_margin);
  EXPECT_EQ(accounts[0].where.file, path);
  EXPECT_EQ(accounts[0].where.line, 3);
  EXPECT_EQ(accounts[1].account, "ACC-1");
  EXPECT_EQ(accounts[1].equity, -2500.50) << "a deficit is a negative equity, not an error";
  EXPECT_TRUE(accounts[1].on_portfolio_margin) << "an empty type is portfolio";
  EXPECT_EQ(accounts[2].account, "ACC, 3");
  EXPECT_EQ(accounts[2].equity, 1e6);
  EXPECT_TRUE(accounts[2].on_portfolio_margin);
}

TEST(AccountsLoader, TypeColumnIsOptional) {
  scratch_dir dir;
  const auto accounts = load_accounts(dir.write("a.csv", "account,equity\nA,100\n"));
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_TRUE(accounts[0].on_portfolio_margin);
}

TEST(AccountsLoader, MissingColumnsPointAtTheHeader) {
  scratch_dir dir;
  const std::string no_equity = dir.write("a.csv", "account,type\nA,regt\n");
  EXPECT_TRUE(throws_input_error_at([&] { load_accounts(no_equity); }, no_equity, 1, 1,
                                    "missing required column 'equity'"));
  const std::string no_account = dir.write("b.csv", "equity\n100\n");
  EXPECT_TRUE(throws_input_error_at([&] { load_accounts(no_account); }, no_account, 1, 1,
                                    "missing required column 'account'"));
  const std::string unknown = dir.write("c.csv", "account,equity,cash\nA,1,2\n");
  EXPECT_TRUE(throws_input_error_at([&] { load_accounts(unknown); }, unknown, 1, 16, "cash"));
}

TEST(AccountsLoader, EquityMustBeAFiniteNumber) {
  scratch_dir dir;
  const std::string text = dir.write("a.csv", "account,equity\nA,100\nB,12k\n");
  EXPECT_TRUE(throws_input_error_at([&] { load_accounts(text); }, text, 3, 3,
                                    "equity: expected a number, got '12k'"));
  const std::string nan = dir.write("b.csv", "account,equity\nA,nan\n");
  EXPECT_TRUE(
      throws_input_error_at([&] { load_accounts(nan); }, nan, 2, 3, "equity must be a finite"));
  const std::string inf = dir.write("c.csv", "account,equity\nA,-inf\n");
  EXPECT_TRUE(
      throws_input_error_at([&] { load_accounts(inf); }, inf, 2, 3, "equity must be a finite"));
  const std::string empty = dir.write("d.csv", "account,equity\nA,\n");
  EXPECT_TRUE(
      throws_input_error_at([&] { load_accounts(empty); }, empty, 2, 3, "equity is required"));
}

TEST(AccountsLoader, AccountIsRequiredAndUnique) {
  scratch_dir dir;
  const std::string blank = dir.write("a.csv", "account,equity\n,100\n");
  EXPECT_TRUE(
      throws_input_error_at([&] { load_accounts(blank); }, blank, 2, 1, "account is required"));
  const std::string twice = dir.write("b.csv", "account,equity\nA,1\nB,2\nA,3\n");
  EXPECT_TRUE(throws_input_error_at([&] { load_accounts(twice); }, twice, 4, 1,
                                    "duplicate account 'A' (first on line 2)"));
}

TEST(AccountsLoader, TypeIsPortfolioOrRegt) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv", "account,equity,type\nA,1,portfolio\nB,2,Reg-T\n");
  EXPECT_TRUE(throws_input_error_at([&] { load_accounts(path); }, path, 3, 5,
                                    "unknown type 'Reg-T' (expected portfolio or regt)"));
}

TEST(AccountsLoader, FileWithoutRowsIsAnError) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv", "account,equity\n# nobody\n");
  EXPECT_TRUE(throws_input_error_at([&] { load_accounts(path); }, path, 0, 0, "no accounts"));
  const std::string missing = dir.path("absent.csv");
  EXPECT_THROW(load_accounts(missing), input_error);
}

}  // namespace
}  // namespace pmrisk
