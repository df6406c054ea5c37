#pragma once
// A private directory for a capacity run's files (the synthetic firm, the written margin),
// removed with everything in it when the run ends.

#include <filesystem>

namespace pmrisk::capacity {

class scratch_directory {
 public:
  /// Creates pmrisk-bench-XXXXXX under `parent`, or under the system's temporary directory
  /// ($TMPDIR, else /tmp) when `parent` is empty. Throws input_error naming the parent when the
  /// directory cannot be created.
  explicit scratch_directory(const std::filesystem::path& parent = {});
  ~scratch_directory();
  scratch_directory(const scratch_directory&) = delete;
  scratch_directory& operator=(const scratch_directory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace pmrisk::capacity
