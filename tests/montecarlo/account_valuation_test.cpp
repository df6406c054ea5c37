// valuation_backend::value_accounts on the CPU: the account sums are the class groups' risk
// arrays added in class-group order, bit for bit, for any thread count; preconditions hold.

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "engine/batch_slice.hpp"
#include "engine/engine_fixtures.hpp"
#include "engine/synthetic_book.hpp"
#include "pmrisk/backend.hpp"
#include "pmrisk/book.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk {
namespace {

/// A synthetic book's every account as one batch over a grid of `points` random scenarios.
class AccountValuation : public ::testing::Test {
 protected:
  AccountValuation() {
    engine::synthetic_book_spec spec;
    spec.accounts = 60;
    spec.underlyings = 7;
    spec.style = exercise_style::american;
    firm_ = engine::make_synthetic_firm(spec);
    book_ = build_book(firm_.market, firm_.positions, firm_.config);
    slicer_ = std::make_unique<engine::batch_slicer>(book_);
    slice_ = slicer_->slice({0, book_.account_count()});
    const std::size_t n = firm_.market.underlyings.size();
    for (const underlying& u : firm_.market.underlyings) spot_.push_back(u.price);
    point_count_.assign(n, points_);
    horizon_.assign(n, 2.0 / 252.0);
    for (std::size_t i = 0; i < n * points_; ++i) {
      spot_move_.push_back(0.2 * std::sin(1.7 * static_cast<double>(i)));
      vol_shift_.push_back(0.3 * std::cos(0.9 * static_cast<double>(i)));
    }
    inputs_.rate = firm_.config.rate;
    inputs_.model = firm_.config.model;
    inputs_.grid = {n,
                    points_,
                    spot_.data(),
                    point_count_.data(),
                    spot_move_.data(),
                    vol_shift_.data(),
                    horizon_.data()};
  }

  std::vector<double> account_pnl(valuation_backend& backend) const {
    std::vector<double> pnl(book_.account_count() * points_, -1.0);
    backend.value_accounts(inputs_, slice_.view_series(), slice_.view_class_groups(),
                           slice_.view_accounts(), pnl.data());
    return pnl;
  }

  static constexpr int points_ = 37;
  engine::synthetic_firm firm_;
  portfolio_book book_;
  std::unique_ptr<engine::batch_slicer> slicer_;
  engine::batch_slice slice_;
  std::vector<double> spot_, spot_move_, vol_shift_, horizon_;
  std::vector<int> point_count_;
  valuation_inputs inputs_;
};

TEST_F(AccountValuation, SumsTheClassGroupRiskArraysInClassGroupOrder) {
  const auto backend = make_cpu_backend(2);
  const std::size_t groups = book_.class_group_count();
  std::vector<double> risk(groups * points_), worst(groups);
  std::vector<std::int32_t> point(groups);
  backend->value_batch(inputs_, slice_.view_series(), slice_.view_class_groups(),
                       {risk.data(), worst.data(), point.data()});
  const std::vector<double> pnl = account_pnl(*backend);
  for (std::size_t a = 0; a < book_.account_count(); ++a)
    for (int j = 0; j < points_; ++j) {
      double expected = 0.0;
      for (auto g = book_.account_class_group_begin[a]; g < book_.account_class_group_begin[a + 1];
           ++g)
        expected += risk[static_cast<std::size_t>(g) * points_ + j];
      const double got = pnl[a * points_ + j];
      EXPECT_EQ(std::memcmp(&got, &expected, sizeof(double)), 0)
          << "account " << a << " point " << j;
    }
}

TEST_F(AccountValuation, ByteIdenticalForAnyThreadCount) {
  const std::vector<double> one = account_pnl(*make_cpu_backend(1));
  for (int threads : {2, 5}) {
    const std::vector<double> many = account_pnl(*make_cpu_backend(threads));
    EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(double)), 0) << threads;
  }
}

TEST_F(AccountValuation, RefusesAnUnderlyingWithFewerScenariosThanTheTile) {
  point_count_[3] = points_ - 1;  // a TIMS-style grid: the account sums would mix points
  const auto backend = make_cpu_backend(1);
  EXPECT_THROW(account_pnl(*backend), logic_error);
}

TEST_F(AccountValuation, RefusesAccountsThatDoNotCoverTheClassGroups) {
  std::vector<std::int64_t> offsets = slice_.account_class_group_begin;
  offsets.back() -= 1;
  const account_view accounts{offsets.size() - 1, offsets.data()};
  std::vector<double> pnl(accounts.count * points_);
  const auto backend = make_cpu_backend(1);
  EXPECT_THROW(backend->value_accounts(inputs_, slice_.view_series(), slice_.view_class_groups(),
                                       accounts, pnl.data()),
               logic_error);
}

}  // namespace
}  // namespace pmrisk
