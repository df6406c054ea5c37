// The generator's random numbers: std::mt19937_64 underneath, and transforms of our own whose
// moments and frequencies match their laws.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "synth/random_stream.hpp"

namespace pmrisk::synth {
namespace {

TEST(RandomStream, UniformIsTheTop53BitsOfMt19937_64) {
  // The C++ standard fixes mt19937_64's output ([rand.predef]: the 10000th draw of a
  // default-constructed engine is 9981545732273789042), so these values hold everywhere.
  std::mt19937_64 reference(20261120);
  random_stream stream(20261120);
  for (int i = 0; i < 1000; ++i) {
    const double expected = static_cast<double>(reference() >> 11) * 0x1.0p-53;
    ASSERT_EQ(stream.uniform(), expected) << "draw " << i;
  }
  std::mt19937_64 standard;
  standard.discard(9999);
  EXPECT_EQ(standard(), 9981545732273789042ULL);
}

TEST(RandomStream, OpenUniformExcludesZero) {
  random_stream stream(1);
  for (int i = 0; i < 100000; ++i) {
    const double u = stream.open_uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LE(u, 1.0);
  }
}

TEST(RandomStream, NormalHasUnitMomentsAndSymmetricTails) {
  // 400,000 draws: the standard error of the mean is 0.0016 and of the variance 0.0022; the
  // tolerances are about five of them (the third moment's, 0.0061, likewise). P(|z| > 3) = 0.0027
  // (normal table).
  random_stream stream(42);
  const int n = 400000;
  double sum = 0, sum_sq = 0, sum_cube = 0;
  int beyond_three = 0;
  for (int i = 0; i < n; ++i) {
    const double z = stream.normal();
    sum += z;
    sum_sq += z * z;
    sum_cube += z * z * z;
    if (std::abs(z) > 3) ++beyond_three;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.0, 0.008);
  EXPECT_NEAR(sum_sq / n - mean * mean, 1.0, 0.011);
  EXPECT_NEAR(sum_cube / n, 0.0, 0.03);
  EXPECT_NEAR(static_cast<double>(beyond_three) / n, 0.0027, 0.0005);
}

TEST(RandomStream, LognormalHasTheGivenMedian) {
  random_stream stream(7);
  const int n = 100001;
  std::vector<double> draws(n);
  for (double& d : draws) d = stream.lognormal(25000, 0.9);
  std::nth_element(draws.begin(), draws.begin() + n / 2, draws.end());
  // The sample median's standard error is about 1.2533 sigma median / sqrt(n) = 89.
  EXPECT_NEAR(draws[n / 2], 25000, 450);
}

TEST(RandomStream, BelowIsUniformOverItsRange) {
  // Chi-square over 7 cells with 6 degrees of freedom: 22.46 is its 0.999 quantile.
  random_stream stream(3);
  const int n = 70000;
  std::vector<int> counts(7, 0);
  for (int i = 0; i < n; ++i) {
    const std::uint64_t k = stream.below(7);
    ASSERT_LT(k, 7u);
    ++counts[k];
  }
  double chi_square = 0;
  for (int c : counts) chi_square += (c - n / 7.0) * (c - n / 7.0) / (n / 7.0);
  EXPECT_LT(chi_square, 22.46);
}

TEST(WeightedChoice, DrawsInProportionAndNeverAZeroWeight) {
  const weighted_choice choice({0.5, 0.0, 0.3, 0.2});
  random_stream stream(11);
  const int n = 100000;
  std::vector<int> counts(4, 0);
  for (int i = 0; i < n; ++i) ++counts[choice.pick(stream)];
  EXPECT_EQ(counts[1], 0);
  // Binomial standard errors are at most 0.0016; tolerance 0.008.
  EXPECT_NEAR(counts[0] / double(n), 0.5, 0.008);
  EXPECT_NEAR(counts[2] / double(n), 0.3, 0.008);
  EXPECT_NEAR(counts[3] / double(n), 0.2, 0.008);
}

TEST(DeriveSeed, SeparatesStreamsAndIndices) {
  EXPECT_EQ(derive_seed(1, 2, 3), derive_seed(1, 2, 3));
  EXPECT_NE(derive_seed(1, 2, 3), derive_seed(1, 2, 4));
  EXPECT_NE(derive_seed(1, 2, 3), derive_seed(1, 3, 3));
  EXPECT_NE(derive_seed(1, 2, 3), derive_seed(2, 2, 3));
}

}  // namespace
}  // namespace pmrisk::synth
