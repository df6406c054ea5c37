#pragma once
// Writes an output file all at once: the text goes to a temporary file in the target's
// directory, and commit() renames it into place. A run that fails midway leaves no partial
// file, and any earlier target stays as it was.

#include <filesystem>
#include <fstream>
#include <ostream>

namespace pmrisk::io {

class atomic_file {
 public:
  /// Creates the temporary file. Throws input_error naming the target when it cannot be
  /// created there (missing directory, no permission, the target is a directory).
  explicit atomic_file(std::filesystem::path target);

  /// Removes the temporary file unless committed.
  ~atomic_file();

  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  std::ostream& stream() { return stream_; }

  /// Flushes the text to disk and renames it over the target. Throws std::runtime_error when
  /// a write failed, leaving the target untouched.
  void commit();

  const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  int descriptor_ = -1;  ///< kept open to fsync the text before the rename
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace pmrisk::io
