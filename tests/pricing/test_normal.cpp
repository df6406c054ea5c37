// The normal distribution functions: norm_cdf against long-double erfc, the bivariate CDF
// against closed forms and QuantLib's Genz implementation, and the fixed-correlation
// bivariate kernel of the Bjerksund-Stensland formula against the general one.

#include <gtest/gtest.h>

#include <ql/math/distributions/bivariatenormaldistribution.hpp>

#include <cmath>
#include <numbers>

#include "pmrisk/math/normal.hpp"
#include "pmrisk/pricing/bjerksund_stensland.hpp"

namespace pmrisk {
namespace {

long double reference_cdf(double x) {
  return 0.5L * std::erfc(-static_cast<long double>(x) / std::sqrt(2.0L));
}

TEST(NormCdf, MatchesLongDoubleErfcToRelative1e15DownToTheDoubleRangeEnd) {
  // Down to Phi(-37.5) ~ 4.6e-308, the smallest normal double of the tail.
  double worst = 0;
  for (double x = -37.5; x <= 9; x += 1.0 / 512) {
    const long double ref = reference_cdf(x);
    const double relative = static_cast<double>(std::fabs((norm_cdf(x) - ref) / ref));
    worst = std::fmax(worst, relative);
  }
  EXPECT_LT(worst, 1e-15);
}

TEST(NormCdf, ExactPointsSymmetryAndLimits) {
  EXPECT_EQ(norm_cdf(0), 0.5);
  for (double x = 0; x < 9; x += 0.01) {
    EXPECT_NEAR(norm_cdf(x) + norm_cdf(-x), 1.0, 2.3e-16) << x;
  }
  EXPECT_EQ(norm_cdf(40), 1.0);
  EXPECT_EQ(norm_cdf(-40), 0.0);
  EXPECT_EQ(norm_cdf(INFINITY), 1.0);
  EXPECT_EQ(norm_cdf(-INFINITY), 0.0);
  EXPECT_TRUE(std::isnan(norm_cdf(NAN)));
  // Textbook table values (Abramowitz and Stegun, table 26.1), to their 10 digits.
  EXPECT_NEAR(norm_cdf(1.0), 0.8413447461, 5e-11);
  EXPECT_NEAR(norm_cdf(-1.96), 0.0249978951, 5e-11);
}

TEST(NormPdf, IsTheGaussianDensity) {
  EXPECT_DOUBLE_EQ(norm_pdf(0), 1 / std::sqrt(2 * std::numbers::pi));
  EXPECT_DOUBLE_EQ(norm_pdf(1.5), std::exp(-1.125) / std::sqrt(2 * std::numbers::pi));
  EXPECT_DOUBLE_EQ(norm_pdf(-2.0), norm_pdf(2.0));
}

TEST(BivariateNormCdf, ClosedFormCases) {
  // rho = 0: independence. a = b = 0: 1/4 + asin(rho) / (2 pi) (Sheppard).
  // rho = 1: Phi(min(a, b)). rho = -1: max(0, Phi(a) - Phi(-b)). To rounding (one ulp of 1).
  for (double a = -4; a <= 4; a += 0.5) {
    for (double b = -4; b <= 4; b += 0.5) {
      EXPECT_NEAR(bivariate_norm_cdf(a, b, 0), norm_cdf(a) * norm_cdf(b), 2.3e-16);
      EXPECT_NEAR(bivariate_norm_cdf(a, b, 1), norm_cdf(std::fmin(a, b)), 2.3e-16);
      EXPECT_NEAR(bivariate_norm_cdf(a, b, -1), std::fmax(0.0, norm_cdf(a) - norm_cdf(-b)),
                  2.3e-16);
    }
  }
  for (double rho = -0.999; rho < 1; rho += 0.037) {
    EXPECT_NEAR(bivariate_norm_cdf(0, 0, rho), 0.25 + std::asin(rho) / (2 * std::numbers::pi),
                2e-16)
        << rho;
  }
}

TEST(BivariateNormCdf, MatchesQuantLibGenzWe04DPToAbsolute2e15) {
  // QuantLib's BivariateCumulativeNormalDistributionWe04DP is the same algorithm (Genz 2004),
  // with its own univariate CDF; the two agree to the accuracy of either.
  const double correlations[] = {-0.99999, -0.999, -0.95, -0.925, -0.9,  -0.786, -0.75,
                                 -0.5,     -0.3,   -0.1,  0.1,    0.3,   0.5,    0.75,
                                 0.786,    0.9,    0.925, 0.95,   0.999, 0.99999};
  for (const double rho : correlations) {
    const QuantLib::BivariateCumulativeNormalDistributionWe04DP quantlib(rho);
    for (double a = -6; a <= 6; a += 0.25) {
      for (double b = -6; b <= 6; b += 0.25) {
        ASSERT_NEAR(bivariate_norm_cdf(a, b, rho), quantlib(a, b), 2e-15)
            << "a=" << a << " b=" << b << " rho=" << rho;
      }
    }
  }
}

TEST(BivariateNormCdf, SymmetricAndMonotone) {
  for (double rho = -0.95; rho < 1; rho += 0.15) {
    for (double a = -3; a <= 3; a += 0.5) {
      double previous = 0;
      for (double b = -3; b <= 3; b += 0.5) {
        const double m = bivariate_norm_cdf(a, b, rho);
        EXPECT_NEAR(m, bivariate_norm_cdf(b, a, rho), 2.3e-16);
        EXPECT_GE(m, previous);
        previous = m;
      }
    }
  }
}

TEST(Bs2002BivariateKernel, MatchesTheGeneralGenzIntegralAtPlusAndMinusRho0) {
  // The kernel hard-codes the 12-point nodes for rho0 = sqrt((sqrt 5 - 1) / 2); against the
  // general 20-point rule its error is the 12-point rule's, measured <= 1.3e-15.
  const double rho0 = std::sqrt(0.5 * (std::sqrt(5.0) - 1));
  for (const double sign : {1.0, -1.0}) {
    for (double h = -8; h <= 8; h += 0.125) {
      for (double k = -8; k <= 8; k += 0.125) {
        const double kernel =
            norm_cdf(-h) * norm_cdf(-k) + detail::bs2002_bivariate_excess(h, k, sign);
        ASSERT_NEAR(kernel, detail::genz_bvnd(h, k, sign * rho0), 2e-15)
            << "h=" << h << " k=" << k << " sign=" << sign;
      }
    }
  }
}

}  // namespace
}  // namespace pmrisk
