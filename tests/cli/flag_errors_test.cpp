// Usage errors and unusable files named on the command line: exit status 2, a message on
// stderr naming the flag or file, nothing on stdout, and no output file left behind.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "pmrisk/backend.hpp"

namespace pmrisk::testing {
namespace {

class FlagErrors : public ::testing::Test {
 protected:
  temp_dir dir;
  std::string out = dir.file("margin.csv");

  std::vector<std::string> args(const std::vector<std::string>& replaced_or_added) const {
    std::vector<std::string> base{"margin",
                                  "--market",
                                  example_market_path(),
                                  "--positions",
                                  example_positions_path(),
                                  "--asof",
                                  example_asof,
                                  "--config",
                                  default_config_path(),
                                  "--backend",
                                  "cpu",
                                  "--out",
                                  out};
    for (std::size_t i = 0; i + 1 < replaced_or_added.size(); i += 2) {
      const auto flag = std::find(base.begin(), base.end(), replaced_or_added[i]);
      if (flag != base.end()) {
        *(flag + 1) = replaced_or_added[i + 1];
      } else {
        base.push_back(replaced_or_added[i]);
        base.push_back(replaced_or_added[i + 1]);
      }
    }
    return base;
  }

  void expect_user_error(const std::vector<std::string>& argv, const std::string& fragment) {
    const cli_result result = run_pmrisk(argv);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_TRUE(directory_entries(dir.path()).empty())
        << ::testing::PrintToString(directory_entries(dir.path()));
  }
};

TEST_F(FlagErrors, NoSubcommand) {
  expect_user_error({}, "subcommand");
}

TEST_F(FlagErrors, UnknownSubcommand) {
  expect_user_error({"margn"}, "margn");
}

TEST_F(FlagErrors, MissingRequiredFlag) {
  expect_user_error({"margin", "--market", example_market_path(), "--asof", example_asof},
                    "--positions");
}

TEST_F(FlagErrors, BadAsofDate) {
  expect_user_error(args({"--asof", "2026-02-30"}), "pmrisk: error: --asof: ");
  expect_user_error(args({"--asof", "20/11/2026"}), "pmrisk: error: --asof: ");
}

TEST_F(FlagErrors, BadBackend) {
  expect_user_error(args({"--backend", "tpu"}), "--backend");
}

TEST_F(FlagErrors, BadThreads) {
  expect_user_error(args({"--threads", "0"}), "--threads");
  expect_user_error(args({"--threads", "many"}), "--threads");
}

TEST_F(FlagErrors, BadMaxMemory) {
  expect_user_error(args({"--max-memory", "lots"}), "--max-memory");
  expect_user_error(args({"--max-memory", "12 parsecs"}), "--max-memory");
  expect_user_error(args({"--max-memory", "0"}), "--max-memory");
}

TEST_F(FlagErrors, BadRate) {
  expect_user_error(args({"--rate", "nan"}), "--rate");
  expect_user_error(args({"--rate", "5"}), "--rate");  // a percentage typed as a fraction
  expect_user_error(args({"--rate", "0.05x"}), "--rate");
}

TEST_F(FlagErrors, MissingInputFile) {
  const std::string missing = dir.file("no-such-market.csv");
  expect_user_error(args({"--market", missing}), "pmrisk: error: " + missing);
}

TEST_F(FlagErrors, MissingConfigFile) {
  const std::string missing = dir.file("no-such.toml");
  expect_user_error(args({"--config", missing}), "pmrisk: error: " + missing);
}

TEST_F(FlagErrors, OutputIntoMissingDirectory) {
  const std::string nowhere = dir.file("no-such-dir/margin.csv");
  expect_user_error(args({"--out", nowhere}), "pmrisk: error: " + nowhere);
}

TEST_F(FlagErrors, OneFileForTwoOutputs) {
  expect_user_error(args({"--json", out}), "--json");
}

TEST_F(FlagErrors, OutputOverAnInput) {
  const std::string positions = dir.file("positions.csv");
  const std::string original = read_file(example_positions_path());
  write_file(positions, original);
  const cli_result result = run_pmrisk(args({"--positions", positions, "--out", positions}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("pmrisk: error: --out: "), std::string::npos) << result.err;
  EXPECT_EQ(read_file(positions), original);
}

TEST_F(FlagErrors, CudaAskedForWithoutADevice) {
  if (probe_cuda_device().usable) GTEST_SKIP() << "a CUDA device is usable here";
  expect_user_error(args({"--backend", "cuda"}), "pmrisk: error: --backend: ");
}

}  // namespace
}  // namespace pmrisk::testing
