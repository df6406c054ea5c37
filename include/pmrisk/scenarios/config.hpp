#pragma once
// Monte Carlo scenario settings, read from configs/montecarlo.toml (docs/scenarios.md).

#include <cstddef>
#include <cstdint>
#include <string>

namespace pmrisk::scenarios {

/// The joint law of the standardised shocks z.
enum class return_distribution : std::uint8_t {
  normal,     ///< multivariate Gaussian
  student_t,  ///< multivariate Student-t (one chi-square mixing variable per scenario)
};

/// What to do with a correlation matrix that is not positive semi-definite.
enum class psd_repair : std::uint8_t {
  higham,  ///< replace it by the nearest correlation matrix (Higham 2002) and warn
  reject,  ///< stop with an input error
};

/// How a later Monte Carlo requirement combines with the TIMS requirement.
enum class requirement_rule : std::uint8_t {
  max_tims_es,  ///< the larger of TIMS and the Monte Carlo expected shortfall
  tims,         ///< TIMS alone (scenarios are reported, not charged)
  mc,           ///< the Monte Carlo expected shortfall alone
};

/// The seed used when neither the config nor the command line names one.
inline constexpr std::uint64_t default_seed = 4210;

struct montecarlo_config {
  double horizon_days = 2;  ///< trading days; h = horizon_days / 252 years
  std::uint64_t scenarios = 10000;
  std::uint64_t seed = default_seed;
  return_distribution distribution = return_distribution::student_t;
  int nu = 5;                          ///< Student-t degrees of freedom, an integer >= 3
  double vol_of_vol = 1.0;             ///< annualised vol of log implied vol
  double spot_vol_correlation = -0.7;  ///< between the return shock and the vol shock
  double default_correlation = 0.3;    ///< for pairs a correlation file does not give
  psd_repair repair = psd_repair::higham;
  bool antithetic = false;            ///< scenario 2k+1 uses the negated draws of 2k
  std::size_t tile_scenarios = 1000;  ///< scenarios generated (and held) at once
  double confidence = 0.99;           ///< expected-shortfall level for the requirement
  requirement_rule rule = requirement_rule::max_tims_es;
};

/// Reads a configs/montecarlo.toml-style file. Absent keys keep the defaults above; unknown
/// keys, wrong types and invalid values throw pmrisk::input_error at file:line:column.
montecarlo_config load_montecarlo_config(const std::string& path);

}  // namespace pmrisk::scenarios
