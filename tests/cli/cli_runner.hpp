#pragma once
// Runs the built pmrisk binary (PMRISK_CLI_PATH) as a user would, capturing what it prints.

#include <filesystem>
#include <string>
#include <vector>

namespace pmrisk::testing {

struct cli_result {
  int exit_code = -1;  ///< the process's exit status; 128 + signal when killed by one
  std::string out;     ///< everything written to stdout
  std::string err;     ///< everything written to stderr
};

/// Runs `pmrisk args...` with stdin from /dev/null and stdout, stderr captured (neither is a
/// terminal, so no progress line is drawn).
cli_result run_pmrisk(const std::vector<std::string>& args);

/// A fresh directory under the system temp directory, removed with everything in it.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

/// Names of the entries in a directory, sorted.
std::vector<std::string> directory_entries(const std::filesystem::path& dir);

/// The bundled example firm and default config, from the source tree.
std::string example_market_path();
std::string example_positions_path();
std::string default_config_path();
inline constexpr const char* example_asof = "2026-11-20";

/// Splits CSV text into rows of fields; handles the writers' quoting.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace pmrisk::testing
