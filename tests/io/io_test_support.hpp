#pragma once
// Shared by the io tests: scratch files written from inline text, and checks on where an
// input_error points.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/config.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk::io_test {

/// A fresh directory under the system temp directory, removed with its contents.
class scratch_dir {
 public:
  scratch_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pmrisk-io-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
  }
  ~scratch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;

  std::string path(const std::string& name) const { return (root_ / name).string(); }

  /// Writes `text` byte for byte to `name` and returns the file's path.
  std::string write(const std::string& name, std::string_view text) const {
    const std::string file = path(name);
    std::ofstream out(file, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("cannot write " + file);
    return file;
  }

  /// Names of everything in the directory.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(root_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

 private:
  std::filesystem::path root_;
};

/// Whether `load` throws input_error located at file:line:column whose message contains
/// `phrase`. Column 0 means the error names no column.
inline ::testing::AssertionResult throws_input_error_at(const std::function<void()>& load,
                                                        const std::string& file, int line,
                                                        int column, std::string_view phrase) {
  try {
    load();
  } catch (const input_error& error) {
    const source_location& where = error.where();
    if (where.file != file || where.line != line || where.column != column) {
      return ::testing::AssertionFailure() << "error at " << where.file << ":" << where.line << ":"
                                           << where.column << ", expected " << file << ":" << line
                                           << ":" << column << " (" << error.what() << ")";
    }
    if (std::string_view(error.what()).find(phrase) == std::string_view::npos) {
      return ::testing::AssertionFailure()
             << "message \"" << error.what() << "\" lacks \"" << phrase << "\"";
    }
    return ::testing::AssertionSuccess();
  } catch (const std::exception& other) {
    return ::testing::AssertionFailure() << "threw another exception: " << other.what();
  }
  return ::testing::AssertionFailure() << "threw nothing";
}

/// A config with the regulatory equity and high-cap broad index classes.
inline engine_config two_class_config() {
  engine_config config;
  config.rate = 0.04;
  asset_class_config equity;
  equity.default_style = exercise_style::american;
  config.asset_classes["equity"] = equity;
  asset_class_config index;
  index.up = 0.06;
  index.down = 0.08;
  index.default_style = exercise_style::european;
  index.option_multiplier = 50;
  config.asset_classes["broad_index_high_cap"] = index;
  return config;
}

}  // namespace pmrisk::io_test
