// CPU and CUDA generators give the same scenarios. Both draw the same Philox stream and apply
// the same shared math with no fused multiply-adds, but cuRAND documents that its host and
// device generators may differ slightly in the transcendental functions of Box-Muller, and
// glibc's and CUDA's expm1 may differ in the last bit. So this test requires agreement within
// 1e-12 (relative to max(1, |value|)) and reports how many values agree bit for bit.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "pmrisk/backend.hpp"
#include "pmrisk/scenarios/correlation_factor.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"
#include "scenarios/scenario_test_support.hpp"

namespace pmrisk::scenarios {
namespace {

using testing::make_market;

struct agreement {
  std::size_t values = 0;
  std::size_t identical_bits = 0;
  double worst = 0;  ///< largest |cpu - cuda| / max(1, |cpu|)
};

void compare(const std::vector<double>& cpu, const std::vector<double>& gpu, agreement& seen) {
  ASSERT_EQ(cpu.size(), gpu.size());
  for (std::size_t i = 0; i < cpu.size(); ++i) {
    ++seen.values;
    seen.identical_bits += std::memcmp(&cpu[i], &gpu[i], sizeof(double)) == 0;
    seen.worst = std::max(seen.worst, std::abs(cpu[i] - gpu[i]) / std::max(1.0, std::abs(cpu[i])));
  }
}

struct cuda_case {
  const char* name;
  bool triangular;
  return_distribution distribution;
  bool antithetic;
};

void PrintTo(const cuda_case& c, std::ostream* out) {
  *out << c.name;
}

class ScenarioCuda : public ::testing::TestWithParam<cuda_case> {};

TEST_P(ScenarioCuda, MatchesTheCpuGenerator) {
  const cuda_device_status device = probe_cuda_device();
  if (!device.usable) GTEST_SKIP() << "no usable CUDA device: " << device.description;

  const std::size_t n = 120;
  std::vector<std::string> symbols;
  std::vector<double> vols;
  for (std::size_t u = 0; u < n; ++u) {
    symbols.push_back("U" + std::to_string(u));
    vols.push_back(0.12 + 0.004 * static_cast<double>(u));
  }
  const market_data market = make_market(symbols, vols);
  montecarlo_config config;
  config.distribution = GetParam().distribution;
  config.nu = 5;
  config.antithetic = GetParam().antithetic;
  std::vector<double> r(n * n);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      r[a * n + b] = a == b ? 1.0 : 0.25 + 0.5 * std::exp(-std::abs(double(a) - double(b)) / 8);
    }
  }
  const correlation_model correlation =
      GetParam().triangular
          ? factor_correlation_matrix(r, n, psd_repair::higham, {})
          : build_correlation_model(market, std::nullopt, 0.35, psd_repair::reject);
  const scenario_model model = make_scenario_model(market, config, correlation.factor);

  auto cpu = make_cpu_scenario_generator(model);
  auto gpu = make_cuda_scenario_generator(model);
  agreement seen;
  for (const std::uint64_t first : {std::uint64_t{0}, std::uint64_t{777}, std::uint64_t{1} << 33}) {
    scenario_tile on_cpu;
    scenario_tile on_gpu;
    cpu->generate(first, 3001, on_cpu);
    gpu->generate(first, 3001, on_gpu);
    compare(on_cpu.log_return, on_gpu.log_return, seen);
    compare(on_cpu.spot_move, on_gpu.spot_move, seen);
    compare(on_cpu.vol_shift, on_gpu.vol_shift, seen);
  }
  const bool bitwise = seen.identical_bits == seen.values;
  RecordProperty("device", device.description);
  RecordProperty("identical_bits",
                 std::to_string(seen.identical_bits) + " of " + std::to_string(seen.values));
  std::printf("[ %s ] %s: %zu of %zu values bit-identical (%s), worst relative difference %.3g\n",
              GetParam().name, gpu->name().c_str(), seen.identical_bits, seen.values,
              bitwise ? "bit for bit" : "within 1e-12 only", seen.worst);
  EXPECT_LE(seen.worst, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(
    Models, ScenarioCuda,
    ::testing::Values(cuda_case{"cholesky_normal", true, return_distribution::normal, false},
                      cuda_case{"factor_student_t", false, return_distribution::student_t, false},
                      cuda_case{"cholesky_student_t_antithetic", true,
                                return_distribution::student_t, true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ScenarioCudaFactory, ExplainsAMissingDevice) {
  const cuda_device_status device = probe_cuda_device();
  if (device.usable) GTEST_SKIP() << "a CUDA device is present: " << device.description;
  try {
    make_cuda_scenario_generator(scenario_model{});
    ADD_FAILURE() << "expected an error without a device";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(device.description), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace pmrisk::scenarios
