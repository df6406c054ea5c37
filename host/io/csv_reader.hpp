#pragma once
// Reads the CSV dialect of pmrisk's inputs (docs/inputs.md): a header row naming columns in any
// order (case-insensitive), '#' comment lines and blank lines skipped, fields optionally in
// double quotes ("" is a literal quote), spaces and tabs around fields trimmed. A field cannot
// span lines. Cells are views into one buffer holding the whole file, so reading a row
// allocates nothing, and the rows can be cut into ranges read in parallel.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pmrisk/error.hpp"

namespace pmrisk::io {

class csv_rows;

/// A whole CSV file and its header.
class csv_file {
 public:
  static constexpr std::size_t absent = static_cast<std::size_t>(-1);

  /// Reads the file and its header. `columns` are the names this file may have; a cell is later
  /// addressed by its name's index in `columns`. Throws input_error when the file cannot be
  /// read, has no header row, or its header names an unknown, empty or repeated column.
  csv_file(std::string path, std::span<const std::string_view> columns);

  csv_file(const csv_file&) = delete;
  csv_file& operator=(const csv_file&) = delete;

  const std::string& path() const { return path_; }
  std::string_view column_name(std::size_t column) const { return columns_[column]; }
  bool has_column(std::size_t column) const { return field_of_column_[column] != absent; }

  /// Throws, pointing at the header row, when the file has no such column.
  void require_column(std::size_t column) const;

  /// The data rows as cursors over consecutive ranges of whole lines, in file order: at most
  /// `parts` ranges, and fewer where a range would be under `min_range_bytes`. Cursors over
  /// different ranges may be read on different threads.
  std::vector<csv_rows> split_rows(std::size_t parts, std::size_t min_range_bytes = 0);

  /// All data rows in one cursor.
  csv_rows rows();

 private:
  friend class csv_rows;

  std::string path_;
  std::span<const std::string_view> columns_;
  std::string buffer_;
  std::size_t data_begin_ = 0;  ///< buffer offset of the line after the header
  int header_line_ = 0;
  std::size_t header_fields_ = 0;
  std::vector<std::size_t> field_of_column_;
};

/// A cursor over a range of a csv_file's data rows.
class csv_rows {
 public:
  /// Moves to the next data row, skipping comments and blank lines; false at the range's end.
  /// Throws when the row's field count differs from the header's.
  bool next_row();

  /// The number of lines in the range: a bound on its rows, for reserving space.
  std::size_t range_lines() const { return range_lines_; }

  const csv_file& file() const { return *file_; }

  /// The current row's cell, unquoted and trimmed; empty when the file has no such column.
  std::string_view cell(std::size_t column) const;

  /// The current row (line only), for records that keep where they came from.
  source_location row_location() const { return {file_->path_, line_, 0}; }

  /// Where the current row's cell starts (column 0 when the file has no such column).
  source_location cell_location(std::size_t column) const;

  [[noreturn]] void fail(std::size_t column, const std::string& message) const;

 private:
  friend class csv_file;

  struct field {
    std::string_view text;
    std::uint32_t offset = 0;  ///< byte offset of the field's first character in its line
  };

  csv_rows(csv_file& file, std::size_t begin, std::size_t end, int line, std::size_t lines);

  bool next_line();
  void split_line();
  int column_at(std::uint32_t offset) const;
  [[noreturn]] void fail_at(std::uint32_t offset, const std::string& message) const;

  csv_file* file_;
  std::size_t next_;  ///< buffer offset of the next unread line
  std::size_t end_;   ///< buffer offset where the range ends
  int line_;          ///< 1-based number of the current line
  std::size_t range_lines_;
  char* line_begin_ = nullptr;
  std::size_t line_size_ = 0;
  std::vector<field> fields_;
};

}  // namespace pmrisk::io
