// Scenario s is a pure function of (seed, s, model): checked against the shared math applied by
// hand to the stream's normals, and byte for byte across seeds, tile sizes and thread counts.

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"
#include "pmrisk/scenarios/scenario_math.hpp"
#include "scenarios/host_normal_stream.hpp"
#include "scenarios/scenario_test_support.hpp"

namespace pmrisk::scenarios {
namespace {

using testing::make_market;

bool same_bytes(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void expect_same_tiles(const scenario_tile& a, const scenario_tile& b) {
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.count, b.count);
  EXPECT_TRUE(same_bytes(a.log_return, b.log_return));
  EXPECT_TRUE(same_bytes(a.spot_move, b.spot_move));
  EXPECT_TRUE(same_bytes(a.vol_shift, b.vol_shift));
}

// Scenarios [first, first + count) generated as tiles of `tile_size`, joined into one tile.
scenario_tile in_tiles(scenario_generator& generator, std::uint64_t first, std::size_t count,
                       std::size_t tile_size) {
  scenario_tile joined;
  generator.generate(first, count, joined);  // sized like the whole
  scenario_tile part;
  for (std::size_t done = 0; done < count; done += tile_size) {
    const std::size_t size = std::min(tile_size, count - done);
    generator.generate(first + done, size, part);
    for (std::size_t u = 0; u < joined.underlyings; ++u) {
      for (std::size_t j = 0; j < size; ++j) {
        joined.log_return[joined.at(u, done + j)] = part.log_return[part.at(u, j)];
        joined.spot_move[joined.at(u, done + j)] = part.spot_move[part.at(u, j)];
        joined.vol_shift[joined.at(u, done + j)] = part.vol_shift[part.at(u, j)];
      }
    }
  }
  return joined;
}

struct model_case {
  const char* name;
  bool triangular;  ///< full correlation matrix, else a factor model with idio
  return_distribution distribution;
  bool antithetic;
};

void PrintTo(const model_case& c, std::ostream* out) {
  *out << c.name;
}

class ScenarioDeterminism : public ::testing::TestWithParam<model_case> {
 protected:
  // 70 underlyings: a tile of 2000 scenarios spans two cuRAND calls of up to 2^18 - 4 normals.
  static constexpr std::size_t underlyings = 70;

  scenario_model model(std::uint64_t seed) const {
    std::vector<std::string> symbols;
    std::vector<double> vols;
    for (std::size_t u = 0; u < underlyings; ++u) {
      symbols.push_back("U" + std::to_string(u));
      vols.push_back(0.15 + 0.005 * static_cast<double>(u));
    }
    const market_data market = make_market(symbols, vols);
    montecarlo_config config;
    config.seed = seed;
    config.distribution = GetParam().distribution;
    config.nu = 6;
    config.antithetic = GetParam().antithetic;
    correlation_factor factor;
    if (GetParam().triangular) {
      // Correlation decaying with distance: rho_ab = 0.9^|a - b|, positive definite.
      std::vector<double> r(underlyings * underlyings);
      for (std::size_t a = 0; a < underlyings; ++a) {
        for (std::size_t b = 0; b < underlyings; ++b) {
          r[a * underlyings + b] = std::pow(0.9, std::abs(static_cast<double>(a) - b));
        }
      }
      factor = factor_correlation_matrix(r, underlyings, psd_repair::reject, {}).factor;
      EXPECT_TRUE(factor.triangular);
    } else {
      std::vector<double> beta(underlyings * 3);
      std::vector<double> idio(underlyings);
      for (std::size_t u = 0; u < underlyings; ++u) {
        beta[3 * u] = 0.6;
        beta[3 * u + 1] = 0.3 * std::sin(static_cast<double>(u));
        beta[3 * u + 2] = 0.2 * std::cos(static_cast<double>(u));
        idio[u] = std::sqrt(1 - 0.36 - beta[3 * u + 1] * beta[3 * u + 1] -
                            beta[3 * u + 2] * beta[3 * u + 2]);
      }
      factor.underlyings = underlyings;
      factor.factors = 3;
      factor.loading = beta;
      factor.idio = idio;
    }
    return make_scenario_model(market, config, factor);
  }
};

// The generator's output equals the shared math of scenario_math.hpp applied, one scenario at a
// time, to stream elements [b D, (b + 1) D) drawn independently: this pins the draw layout, the
// antithetic rule and the CPU's vectorised sums to the reference order.
TEST_P(ScenarioDeterminism, MatchesTheSharedMathOnTheStreamsNormals) {
  const scenario_model m = model(99);
  const draw_layout layout = m.layout();
  const correlation_view correlation = m.correlation_on_host();
  auto generator = make_cpu_scenario_generator(m, 2);
  host_normal_stream stream(m.seed);
  for (const std::uint64_t first : {std::uint64_t{0}, std::uint64_t{12345}}) {
    scenario_tile tile;
    generator->generate(first, 41, tile);
    for (std::size_t j = 0; j < tile.count; ++j) {
      const std::uint64_t s = first + j;
      std::vector<double> draws(static_cast<std::size_t>(layout.per_scenario));
      stream.fill(draw_block(s, m.antithetic) * layout.per_scenario, layout.per_scenario,
                  draws.data());
      const double mixing = m.distribution == return_distribution::student_t
                                ? student_t_scale(draws.data() + layout.mixing_begin(), 1, m.nu)
                                : 1.0;
      for (std::size_t u = 0; u < m.underlyings(); ++u) {
        const auto ui = static_cast<std::int64_t>(u);
        const double eps = correlation.idio != nullptr ? draws[layout.idio_begin() + ui] : 0.0;
        const double gaussian = correlated_normal(correlation, ui, draws.data(), 1, eps);
        const underlying_move move = scenario_move(
            gaussian, mixing, antithetic_sign(s, m.antithetic), draws[layout.vol_begin() + ui],
            m.shock_scale[u], m.return_drift[u], m.vol);
        ASSERT_EQ(std::memcmp(&move.log_return, &tile.log_return[tile.at(u, j)], 8), 0)
            << "scenario " << s << " underlying " << u;
        ASSERT_EQ(std::memcmp(&move.spot_move, &tile.spot_move[tile.at(u, j)], 8), 0);
        ASSERT_EQ(std::memcmp(&move.vol_shift, &tile.vol_shift[tile.at(u, j)], 8), 0);
      }
    }
  }
}

TEST_P(ScenarioDeterminism, SameSeedSameBytesOtherSeedOtherScenarios) {
  scenario_tile a;
  scenario_tile b;
  scenario_tile c;
  make_cpu_scenario_generator(model(7))->generate(0, 500, a);
  make_cpu_scenario_generator(model(7))->generate(0, 500, b);
  make_cpu_scenario_generator(model(8))->generate(0, 500, c);
  expect_same_tiles(a, b);
  std::size_t equal = 0;
  for (std::size_t i = 0; i < a.spot_move.size(); ++i) equal += a.spot_move[i] == c.spot_move[i];
  EXPECT_EQ(equal, 0u) << "seeds 7 and 8 share " << equal << " spot moves";
}

TEST_P(ScenarioDeterminism, TileSizeDoesNotChangeAByte) {
  const scenario_model m = model(31);
  auto generator = make_cpu_scenario_generator(m);
  const std::uint64_t first = 5;  // odd: splits antithetic pairs across tiles
  const scenario_tile whole = in_tiles(*generator, first, 2000, 2000);
  expect_same_tiles(whole, in_tiles(*generator, first, 2000, 1000));
  expect_same_tiles(whole, in_tiles(*generator, first, 2000, 7));
  // Tiles of one scenario: the first 64 are enough to cross pair and group boundaries.
  scenario_tile head;
  generator->generate(first, 64, head);
  expect_same_tiles(head, in_tiles(*generator, first, 64, 1));
  for (std::size_t u = 0; u < m.underlyings(); ++u) {
    EXPECT_EQ(std::memcmp(&head.spot_move[head.at(u, 0)], &whole.spot_move[whole.at(u, 0)],
                          64 * sizeof(double)),
              0);
  }
}

TEST_P(ScenarioDeterminism, ThreadCountDoesNotChangeAByte) {
  const scenario_model m = model(5);
  scenario_tile one;
  make_cpu_scenario_generator(m, 1)->generate(100, 1500, one);
  for (const int threads : {2, 3, 8}) {
    scenario_tile many;
    make_cpu_scenario_generator(m, threads)->generate(100, 1500, many);
    expect_same_tiles(one, many);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Models, ScenarioDeterminism,
    ::testing::Values(
        model_case{"cholesky_normal", true, return_distribution::normal, false},
        model_case{"factor_student_t", false, return_distribution::student_t, false},
        model_case{"cholesky_student_t_antithetic", true, return_distribution::student_t, true},
        model_case{"factor_normal_antithetic", false, return_distribution::normal, true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HostNormalStream, AnyRangeIsASliceOfTheSameStream) {
  // cuRAND's host generator leaves the offset-addressed stream 2^18 - (offset mod 4) normals
  // after an offset is set; fill() must not, whatever the range's length.
  host_normal_stream stream(4210);
  const std::uint64_t offset = 1234;
  std::vector<double> long_range(600000);
  stream.fill(offset, static_cast<std::int64_t>(long_range.size()), long_range.data());
  std::vector<double> piece(1000);
  for (std::size_t at = 0; at < long_range.size(); at += 59000) {
    stream.fill(offset + at, 1000, piece.data());
    EXPECT_EQ(std::memcmp(piece.data(), long_range.data() + at, sizeof(double) * 1000), 0)
        << "at " << at;
  }
}

TEST(ScenarioGenerator, AnEmptyTileIsEmpty) {
  const market_data market = make_market({"A"}, {0.2});
  const scenario_model m = make_scenario_model(
      market, montecarlo_config{},
      build_correlation_model(market, std::nullopt, 0.3, psd_repair::reject).factor);
  scenario_tile tile;
  make_cpu_scenario_generator(m)->generate(10, 0, tile);
  EXPECT_EQ(tile.count, 0u);
  EXPECT_TRUE(tile.spot_move.empty());
}

TEST(ScenarioModel, AnUnderlyingWithoutVolIsAnInputError) {
  market_data market = make_market({"A", "B"}, {0.2, std::nan("")});
  testing::expect_input_error(
      [&] {
        make_scenario_model(
            market, montecarlo_config{},
            build_correlation_model(market, std::nullopt, 0.3, psd_repair::reject).factor);
      },
      "market.csv:3: ", "'B' needs a positive underlying vol");
}

}  // namespace
}  // namespace pmrisk::scenarios
