// The base and stressed scenario models of a stress run, all reading the same draws.
//
// Factor mode (no set edits single correlations, and the base is a factor model): the base keeps
// its factor; a set_all of rho >= 0 is the one-factor model sqrt(rho) f + sqrt(1 - rho) eps.
// Every factor is padded with zero loadings to the widest, so all read the same draws (and the
// base reads exactly what a margin run reads unless a set is wider than it).
//
// Dense mode (some set scales or flips correlations, sets them all negative, or the base is a
// pairs matrix): every model, the base included, is the factor of its dense correlation matrix
// (Cholesky, or the eigen-factor after a Higham repair), padded to one column per underlying, so
// all map the same draws through the same kind of factor.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>

#include "pmrisk/scenarios/scenario_math.hpp"
#include "pmrisk/stress.hpp"

namespace pmrisk::stress {
namespace {

using scenarios::correlation_factor;

correlation_factor one_factor(std::size_t n, double rho) {
  correlation_factor factor;
  factor.underlyings = n;
  factor.factors = 1;
  factor.loading.assign(n, std::sqrt(rho));
  factor.idio.assign(n, std::sqrt(1 - rho));
  return factor;
}

/// The factor as a dense underlyings x `columns` matrix (zero loadings past its own), with
/// idiosyncratic weights of zero when `idio` is asked for and it has none. Adding a zero
/// loading times a draw leaves every shock's value unchanged.
correlation_factor padded(correlation_factor factor, std::size_t columns, bool idio) {
  const std::size_t n = factor.underlyings;
  if (factor.factors < columns) {
    std::vector<double> dense(n * columns, 0.0);
    for (std::size_t u = 0; u < n; ++u) {
      const std::size_t begin = factor.triangular ? u * (u + 1) / 2 : u * factor.factors;
      const std::size_t length = factor.triangular ? u + 1 : factor.factors;
      std::copy_n(factor.loading.begin() + static_cast<std::ptrdiff_t>(begin), length,
                  dense.begin() + static_cast<std::ptrdiff_t>(u * columns));
    }
    factor.loading = std::move(dense);
    factor.factors = columns;
    factor.triangular = false;
  }
  if (idio && factor.idio.empty()) factor.idio.assign(n, 0.0);
  return factor;
}

/// The base's dense correlation matrix: the pairs given (others at the default), the factor
/// file's beta beta^T off the diagonal, or the default everywhere.
std::vector<double> base_matrix(std::size_t n,
                                const std::optional<scenarios::correlation_input>& input,
                                double default_correlation) {
  std::vector<double> matrix(n * n, default_correlation);
  for (std::size_t u = 0; u < n; ++u) matrix[u * n + u] = 1;
  if (!input) return matrix;
  std::visit(
      [&](const auto& given) {
        using input_type = std::decay_t<decltype(given)>;
        if constexpr (std::is_same_v<input_type, scenarios::factor_loadings>) {
          const std::size_t k = given.factors.size();
          for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = 0; b < n; ++b) {
              if (a == b) continue;
              double rho = 0.0;
              for (std::size_t f = 0; f < k; ++f)
                rho += given.beta[a * k + f] * given.beta[b * k + f];
              matrix[a * n + b] = rho;
            }
        } else {
          for (const scenarios::correlation_pair& pair : given.pairs) {
            matrix[static_cast<std::size_t>(pair.a) * n + static_cast<std::size_t>(pair.b)] =
                pair.rho;
            matrix[static_cast<std::size_t>(pair.b) * n + static_cast<std::size_t>(pair.a)] =
                pair.rho;
          }
        }
      },
      *input);
  return matrix;
}

double clamped(double rho) {
  return std::max(-1.0, std::min(1.0, rho));
}

/// The set's correlation edits applied to a copy of the base matrix, in their documented order.
std::vector<double> stressed_matrix(std::vector<double> matrix, std::size_t n,
                                    const stress_set& set) {
  const auto at = [&](std::int32_t a, std::int32_t b) -> double& {
    return matrix[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b)];
  };
  const auto scale_pair = [&](std::int32_t a, std::int32_t b, double factor) {
    if (a == b) return;
    at(a, b) = clamped(at(a, b) * factor);
    at(b, a) = at(a, b);
  };
  if (set.set_all)
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        if (a != b) matrix[a * n + b] = *set.set_all;
  for (const correlation_scale& scale : set.scales) {
    switch (scale.applies_to) {
      case correlation_scale::scope::within:
        for (std::size_t i = 0; i < scale.first.size(); ++i)
          for (std::size_t j = i + 1; j < scale.first.size(); ++j)
            scale_pair(scale.first[i], scale.first[j], scale.factor);
        break;
      case correlation_scale::scope::between: {
        // A pair in both groups is scaled once.
        std::vector<bool> done(n * n, false);
        for (std::int32_t a : scale.first)
          for (std::int32_t b : scale.second) {
            const auto low = static_cast<std::size_t>(std::min(a, b));
            const auto high = static_cast<std::size_t>(std::max(a, b));
            if (low == high || done[low * n + high]) continue;
            done[low * n + high] = true;
            scale_pair(a, b, scale.factor);
          }
        break;
      }
      case correlation_scale::scope::pairs:
        for (const underlying_pair& pair : scale.pairs) scale_pair(pair.a, pair.b, scale.factor);
        break;
    }
  }
  for (const underlying_pair& pair : set.flips) scale_pair(pair.a, pair.b, -1.0);
  return matrix;
}

std::string base_source_of(const std::optional<scenarios::correlation_input>& input) {
  if (!input) return "default_correlation";
  return std::visit([](const auto& given) { return given.file; }, *input);
}

}  // namespace

stress_models::stress_models(const market_data& market, const scenarios::montecarlo_config& config,
                             const std::optional<scenarios::correlation_input>& correlation,
                             std::vector<stress_set> sets)
    : market_(market), config_(config), sets_(std::move(sets)) {
  const std::size_t n = market.underlyings.size();
  const bool pairs_base =
      correlation ? std::holds_alternative<scenarios::pairwise_correlations>(*correlation)
                  : config.default_correlation < 0;
  dense_ = pairs_base;
  bool any_set_all = false;
  for (const stress_set& set : sets_) {
    if (set.edits_pairs() || (set.set_all && *set.set_all < 0)) dense_ = true;
    if (set.set_all) any_set_all = true;
  }
  base_source_ = base_source_of(correlation);

  if (dense_) {
    base_matrix_ = base_matrix(n, correlation, config.default_correlation);
    common_draws_ = n;
  } else {
    base_factor_ = scenarios::build_correlation_model(market, correlation,
                                                      config.default_correlation, config.repair)
                       .factor;
    common_draws_ = std::max<std::size_t>(base_factor_.factors, any_set_all ? 1 : 0);
  }
  const int mixing =
      config.distribution == scenarios::return_distribution::student_t ? config.nu : 0;
  draws_per_scenario_ =
      scenarios::make_draw_layout(static_cast<std::int64_t>(n),
                                  static_cast<std::int64_t>(common_draws_), !dense_, mixing)
          .per_scenario;
}

std::string stress_models::name(std::size_t i) const {
  return i == 0 ? std::string(base_set_name) : sets_[i - 1].name;
}

std::string stress_models::description(std::size_t i) const {
  return i == 0 ? fmt::format("the base scenario model ({})", base_source_)
                : sets_[i - 1].description;
}

correlation_factor stress_models::factor_of(std::size_t i,
                                            std::vector<std::string>& warnings) const {
  const std::size_t n = market_.underlyings.size();
  if (!dense_) {
    if (i > 0 && sets_[i - 1].set_all)
      return padded(one_factor(n, *sets_[i - 1].set_all), common_draws_, true);
    return padded(base_factor_, common_draws_, true);
  }
  const std::vector<double> matrix =
      i == 0 ? base_matrix_ : stressed_matrix(base_matrix_, n, sets_[i - 1]);
  const source_location source{i == 0 ? base_source_ : sets_[i - 1].file};
  scenarios::correlation_model model =
      scenarios::factor_correlation_matrix(matrix, n, config_.repair, source);
  if (!model.warning.empty())
    warnings.push_back(fmt::format("stress set '{}': {}", name(i), model.warning));
  return padded(std::move(model.factor), common_draws_, false);
}

scenarios::scenario_model stress_models::model(std::size_t i,
                                               std::vector<std::string>& warnings) const {
  PMRISK_EXPECTS(i < size(), "a model of the run");
  scenarios::scenario_model model =
      scenarios::make_scenario_model(market_, config_, factor_of(i, warnings));
  PMRISK_EXPECTS(model.layout().per_scenario == draws_per_scenario_,
                 "every model of a stress run reads the same draws");
  if (i == 0) return model;
  const stress_set& set = sets_[i - 1];
  const double h = model.horizon_years;
  for (std::size_t u = 0; u < model.underlyings(); ++u) {
    if (!set.vol_multiplier.empty()) {
      const double sigma = model.return_vol[u] * set.vol_multiplier[u];
      model.return_vol[u] = sigma;
      model.shock_scale[u] = sigma * std::sqrt(h);
      model.return_drift[u] = -0.5 * (sigma * sigma) * h;
    }
    // A gap moves spot by (1 + g) on top of every scenario's move: r + log(1 + g).
    if (!set.gap.empty()) model.return_drift[u] += std::log1p(set.gap[u]);
  }
  return model;
}

}  // namespace pmrisk::stress
