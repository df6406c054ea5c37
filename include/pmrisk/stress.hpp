#pragma once
// Stress under correlation breaks: named stress sets (configs/stress/*.toml) that change the
// base Monte Carlo scenario model, and a run of the base and every set on the same random draws
// (docs/montecarlo.md, "Stress sets").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/error.hpp"
#include "pmrisk/margin.hpp"
#include "pmrisk/market.hpp"
#include "pmrisk/montecarlo.hpp"
#include "pmrisk/positions.hpp"
#include "pmrisk/scenarios/config.hpp"
#include "pmrisk/scenarios/correlation_file.hpp"
#include "pmrisk/scenarios/scenario_model.hpp"

namespace pmrisk::stress {

/// Two distinct underlyings, as market indices.
struct underlying_pair {
  std::int32_t a = 0;
  std::int32_t b = 0;
};

/// Multiplies some correlations by `factor` (results clamped to [-1, 1]): every pair inside
/// one group, every pair with one member in each of two groups, or listed pairs.
struct correlation_scale {
  enum class scope : std::uint8_t { within, between, pairs };
  scope applies_to = scope::within;
  std::vector<std::int32_t> first;     ///< within: the group; between: the first group
  std::vector<std::int32_t> second;    ///< between: the second group
  std::vector<underlying_pair> pairs;  ///< pairs
  double factor = 1;
};

/// One stress set, resolved against the market: what it changes in the base scenario model.
/// The correlation edits apply in this order: set_all, the scales in file order, the flips.
struct stress_set {
  std::string name;
  std::string description;
  std::string file;
  std::optional<double> set_all;  ///< every correlation between distinct underlyings
  std::vector<correlation_scale> scales;
  std::vector<underlying_pair> flips;  ///< pairs whose correlation changes sign
  std::vector<double> vol_multiplier;  ///< per underlying (return vol x m); empty: none
  std::vector<double> gap;             ///< per underlying, relative spot move; empty: none

  /// Whether the set edits single correlations (scales or flips), which a factor model cannot
  /// express: the run then factors every model from its dense correlation matrix.
  bool edits_pairs() const { return !scales.empty() || !flips.empty(); }
};

/// The stress files of a directory: its *.toml files, sorted by name. Throws input_error naming
/// the directory when it cannot be read or holds none.
std::vector<std::string> stress_files_in(const std::string& directory);

/// Reads one stress file. Symbols and product groups must be the market's, asset classes the
/// config's; unknown keys, wrong types, values out of range and unknown names throw input_error
/// at file:line:column.
stress_set load_stress_file(const std::string& path, const market_data& market,
                            const engine_config& config);

/// Reads every file; two sets of one name are an error at the second.
std::vector<stress_set> load_stress_files(const std::vector<std::string>& paths,
                                          const market_data& market, const engine_config& config);

/// The name the base model is reported under; no stress set may take it.
inline constexpr const char* base_set_name = "base";

/// The base scenario model and every set's stressed model. All of them read the same block of
/// draws per scenario, so scenario s of every set starts from the same random numbers and the
/// differences come from the stress alone. Models are built when asked for, so a large market
/// holds one stressed correlation factor at a time.
class stress_models {
 public:
  /// Throws input_error (from the correlation factoring) when the base matrix is not PSD and
  /// psd_repair is "reject".
  stress_models(const market_data& market, const scenarios::montecarlo_config& config,
                const std::optional<scenarios::correlation_input>& correlation,
                std::vector<stress_set> sets);

  /// The base, then the sets in the order given.
  std::size_t size() const { return sets_.size() + 1; }
  std::string name(std::size_t i) const;
  std::string description(std::size_t i) const;

  /// Whether every model is factored from its dense correlation matrix (see edits_pairs).
  bool dense() const { return dense_; }

  /// Model i; a warning (a Higham repair of the stressed matrix) is appended to `warnings`.
  /// Throws input_error at the set's file when its matrix is not PSD and psd_repair is
  /// "reject".
  scenarios::scenario_model model(std::size_t i, std::vector<std::string>& warnings) const;

  /// The base model's draws per scenario, the same for every model.
  std::int64_t draws_per_scenario() const { return draws_per_scenario_; }

 private:
  scenarios::correlation_factor factor_of(std::size_t i, std::vector<std::string>& warnings) const;

  const market_data& market_;
  scenarios::montecarlo_config config_;
  std::vector<stress_set> sets_;
  bool dense_ = false;
  scenarios::correlation_factor base_factor_;  ///< factor mode: the base's factor
  std::vector<double> base_matrix_;            ///< dense mode: the base correlation matrix
  std::string base_source_;                    ///< where the base correlations come from
  std::size_t common_draws_ = 0;               ///< factor columns every model is padded to
  std::int64_t draws_per_scenario_ = 0;
};

struct stress_options {
  backend_choice backend = backend_choice::automatic;
  std::size_t max_memory_bytes = 0;  ///< 0: engine_config::max_memory_bytes
  int threads = 0;                   ///< CPU threads; 0: all cores
  std::uint64_t scenarios = 10000;
  std::size_t tile_scenarios = 1000;
  double confidence = 0.99;
  /// Called after each tile with account-scenarios valued and in all (every set counted).
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct stress_report {
  std::vector<std::string> accounts;  ///< sorted by id
  std::vector<std::string> sets;      ///< "base", then the stress sets
  std::vector<std::string> descriptions;
  std::vector<account_tail_risk> risk;  ///< accounts x sets: account a, set s at [a * sets + s]
  std::vector<std::string> warnings;    ///< the correlation repairs the models needed
  std::string backend;
  std::string backend_notice;
  std::string generator;
  std::uint64_t scenarios = 0;
  std::uint64_t seed = 0;
  double confidence = 0;
  std::uint64_t tail_count = 0;
  std::size_t batch_count = 0;
  bool dense = false;  ///< every model was factored from its dense matrix

  const account_tail_risk& at(std::size_t account, std::size_t set) const {
    return risk[account * sets.size() + set];
  }
};

/// Values every account under the base and every stressed model: the same scenarios (seed and
/// indices), batches and tails, one model after the other.
stress_report compute_stress(const market_data& market, const std::vector<position>& positions,
                             const engine_config& config, const stress_models& models,
                             const stress_options& options);

}  // namespace pmrisk::stress
