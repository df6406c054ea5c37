// The packing search on small integer programs whose optimum is known by inspection, including
// ones where the LP relaxation is fractional and where the greedy packing is not optimal.

#include <gtest/gtest.h>

#include "regt/packing_lp.hpp"
#include "regt/packing_search.hpp"

namespace pmrisk::regt {
namespace {

packing_column column(std::vector<std::pair<std::int32_t, double>> uses, double value) {
  return {std::move(uses), value};
}

TEST(RegtPacking, LinearRelaxationOfAnOddCycleIsHalfIntegral) {
  // Three items of capacity 1, three columns each taking two of them: the LP optimum puts 1/2
  // on each column (value 1.5); whole units fit only one column (value 1).
  packing_lp lp;
  lp.rows = 3;
  lp.cols = 3;
  lp.a = {1, 0, 1,  //
          1, 1, 0,  //
          0, 1, 1};
  lp.b = {1, 1, 1};
  lp.c = {1, 1, 1};
  const lp_solution relaxed = solve_packing_lp(lp);
  EXPECT_NEAR(relaxed.value, 1.5, 1e-12);
  for (const double x : relaxed.x) EXPECT_NEAR(x, 0.5, 1e-12);

  packing_problem problem;
  problem.capacity = {1, 1, 1};
  problem.columns = {column({{0, 1}, {1, 1}}, 1), column({{1, 1}, {2, 1}}, 1),
                     column({{2, 1}, {0, 1}}, 1)};
  const packing_result exact = maximise_packing(problem, {100, 100});
  EXPECT_EQ(exact.value, 1);
  EXPECT_TRUE(exact.proven_optimal);
  EXPECT_EQ(exact.units[0] + exact.units[1] + exact.units[2], 1);

  // Stopped at the root: the best packing found, with the root bound's gap.
  const packing_result root_only = maximise_packing(problem, {1, 100});
  EXPECT_EQ(root_only.value, 1);
  EXPECT_FALSE(root_only.proven_optimal);
  EXPECT_NEAR(root_only.gap, 0.5, 1e-9);
}

TEST(RegtPacking, SearchFindsWhatGreedyMisses) {
  // One column worth 3 takes items 0 and 1; two columns worth 2 take one each. Greedy takes
  // the 3; the optimum is 2 + 2.
  packing_problem problem;
  problem.capacity = {1, 1};
  problem.columns = {column({{0, 1}, {1, 1}}, 3), column({{0, 1}}, 2), column({{1, 1}}, 2)};
  const std::vector<double> greedy = greedy_packing(problem);
  EXPECT_EQ(greedy, (std::vector<double>{1, 0, 0}));
  const packing_result exact = maximise_packing(problem, {100, 100});
  EXPECT_EQ(exact.value, 4);
  EXPECT_EQ(exact.units, (std::vector<double>{0, 1, 1}));
  EXPECT_TRUE(exact.proven_optimal);
}

TEST(RegtPacking, UnitsAreWholeAndWithinCapacity) {
  // Capacity 250 of item 0 (shares), 3 of item 1 (contracts); column 0 takes 100 + 1.
  // At most two units (250 / 100), then column 1 takes the last contract.
  packing_problem problem;
  problem.capacity = {250, 3};
  problem.columns = {column({{0, 100}, {1, 1}}, 10), column({{1, 1}}, 4)};
  const packing_result exact = maximise_packing(problem, {100, 100});
  EXPECT_EQ(exact.units, (std::vector<double>{2, 1}));
  EXPECT_EQ(exact.value, 24);
}

TEST(RegtPacking, KnapsackNeedsBranching) {
  // One item of capacity 10; columns of size 6 (value 7), 5 (value 5), 5 (value 5). The LP
  // takes 10/6 of the first (11.67); whole units: the two fives (10) beat 7 + 0.
  packing_problem problem;
  problem.capacity = {10};
  problem.columns = {column({{0, 6}}, 7), column({{0, 5}}, 5), column({{0, 5}}, 5)};
  const packing_result exact = maximise_packing(problem, {1000, 100});
  EXPECT_EQ(exact.value, 10);
  EXPECT_EQ(exact.units[0], 0);
  EXPECT_TRUE(exact.proven_optimal);
}

TEST(RegtPacking, ColumnsLeftOutCountInTheBound) {
  // Searching only the most valuable column (items 0 and 1, value 10) finds 10; the optimum
  // is the two columns of 6. Whatever duals the root finds, pricing the columns left out
  // bounds the optimum: value + gap >= 12.
  packing_problem problem;
  problem.capacity = {1, 1};
  problem.columns = {column({{0, 1}, {1, 1}}, 10), column({{0, 1}}, 6), column({{1, 1}}, 6)};
  const packing_result limited = maximise_packing(problem, {100, 1});
  EXPECT_EQ(limited.units, (std::vector<double>{1, 0, 0}));
  EXPECT_FALSE(limited.proven_optimal);
  EXPECT_GE(limited.value + limited.gap, 12 - 1e-9);
  // With room for every column the search proves 12.
  const packing_result exact = maximise_packing(problem, {100, 3});
  EXPECT_EQ(exact.value, 12);
  EXPECT_TRUE(exact.proven_optimal);
}

TEST(RegtPacking, NothingToPack) {
  packing_problem problem;
  problem.capacity = {5};
  const packing_result exact = maximise_packing(problem, {1, 100});
  EXPECT_TRUE(exact.units.empty());
  EXPECT_EQ(exact.value, 0);
  EXPECT_TRUE(exact.proven_optimal);
}

}  // namespace
}  // namespace pmrisk::regt
