#include "io/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "io/ascii.hpp"
#include "io/text_file.hpp"

namespace pmrisk::io {
namespace {

constexpr std::string_view utf8_byte_order_mark = "\xEF\xBB\xBF";

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

csv_file::csv_file(std::string path, std::span<const std::string_view> columns)
    : path_(std::move(path)),
      columns_(columns),
      buffer_(read_text_file(path_)),
      field_of_column_(columns.size(), absent) {
  const std::size_t start =
      std::string_view(buffer_).starts_with(utf8_byte_order_mark) ? utf8_byte_order_mark.size() : 0;
  csv_rows header(*this, start, buffer_.size(), 0, 0);
  if (!header.next_line()) {
    // Line 1, column 1 is where the missing header belongs, so editors can jump there.
    throw input_error({path_, 1, 1}, "file is empty: expected a header row naming the columns");
  }
  header.split_line();
  data_begin_ = header.next_;
  header_line_ = header.line_;
  header_fields_ = header.fields_.size();
  for (std::size_t f = 0; f < header.fields_.size(); ++f) {
    const csv_rows::field& name = header.fields_[f];
    if (name.text.empty()) header.fail_at(name.offset, "empty column name in the header");
    std::size_t column = 0;
    while (column < columns_.size() && !equals_ignoring_case(name.text, columns_[column])) {
      ++column;
    }
    if (column == columns_.size()) {
      header.fail_at(name.offset, fmt::format("unknown column '{}' (expected {})", name.text,
                                              fmt::join(columns_, ", ")));
    }
    if (field_of_column_[column] != absent) {
      header.fail_at(name.offset,
                     fmt::format("column '{}' appears twice in the header", name.text));
    }
    field_of_column_[column] = f;
  }
}

void csv_file::require_column(std::size_t column) const {
  if (!has_column(column)) {
    throw input_error({path_, header_line_, 1},
                      fmt::format("missing required column '{}'", columns_[column]));
  }
}

std::vector<csv_rows> csv_file::split_rows(std::size_t parts, std::size_t min_range_bytes) {
  const std::size_t size = buffer_.size();
  const std::size_t data_size = size - data_begin_;
  if (min_range_bytes > 0) parts = std::min(parts, data_size / min_range_bytes);
  parts = std::max<std::size_t>(parts, 1);
  std::vector<csv_rows> ranges;
  std::size_t begin = data_begin_;
  int line = header_line_;
  for (std::size_t k = 1; k <= parts; ++k) {
    std::size_t end = std::max(begin, data_begin_ + data_size / parts * k);
    if (k == parts) end = size;
    if (end == begin && k != parts) continue;
    // Ranges hold whole lines: end just past a newline.
    if (end > begin && end < size && buffer_[end - 1] != '\n') {
      const void* newline = std::memchr(buffer_.data() + end, '\n', size - end);
      end = newline
                ? static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.data()) + 1
                : size;
    }
    const auto newlines =
        static_cast<std::size_t>(std::count(buffer_.data() + begin, buffer_.data() + end, '\n'));
    ranges.push_back(csv_rows(*this, begin, end, line, newlines + 1));
    line += static_cast<int>(newlines);
    begin = end;
    if (begin == size) break;
  }
  return ranges;
}

csv_rows csv_file::rows() {
  return std::move(split_rows(1).front());
}

csv_rows::csv_rows(csv_file& file, std::size_t begin, std::size_t end, int line, std::size_t lines)
    : file_(&file), next_(begin), end_(end), line_(line), range_lines_(lines) {}

bool csv_rows::next_row() {
  if (!next_line()) return false;
  split_line();
  const std::size_t expected = file_->header_fields_;
  if (fields_.size() != expected) {
    const std::string message = fmt::format("row has {} fields but the header (line {}) has {}",
                                            fields_.size(), file_->header_line_, expected);
    // Point at the first surplus field, or where the first missing one would start.
    if (fields_.size() > expected) fail_at(fields_[expected].offset, message);
    fail_at(static_cast<std::uint32_t>(line_size_), message);
  }
  return true;
}

std::string_view csv_rows::cell(std::size_t column) const {
  const std::size_t f = file_->field_of_column_[column];
  return f == csv_file::absent ? std::string_view() : fields_[f].text;
}

source_location csv_rows::cell_location(std::size_t column) const {
  const std::size_t f = file_->field_of_column_[column];
  return {file_->path_, line_, f == csv_file::absent ? 0 : column_at(fields_[f].offset)};
}

void csv_rows::fail(std::size_t column, const std::string& message) const {
  throw input_error(cell_location(column), message);
}

bool csv_rows::next_line() {
  while (next_ < end_) {
    char* const begin = file_->buffer_.data() + next_;
    const std::size_t rest = end_ - next_;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', rest));
    std::size_t size = newline ? static_cast<std::size_t>(newline - begin) : rest;
    next_ += newline ? size + 1 : size;
    ++line_;
    if (size > 0 && begin[size - 1] == '\r') --size;
    if (size > std::numeric_limits<std::uint32_t>::max()) {
      throw input_error({file_->path_, line_, 0}, "line is longer than 4 GiB");
    }
    std::size_t first = 0;
    while (first < size && is_blank(begin[first])) ++first;
    if (first == size || begin[first] == '#') continue;
    line_begin_ = begin;
    line_size_ = size;
    return true;
  }
  return false;
}

// Splits the current line in place: unquoting rewrites a quoted field's bytes within its own
// span, so the offsets of later fields are unaffected.
void csv_rows::split_line() {
  fields_.clear();
  char* const s = line_begin_;
  const std::size_t n = line_size_;
  std::size_t i = 0;
  for (;;) {
    const std::size_t field_begin = i;
    while (i < n && is_blank(s[i])) ++i;
    std::size_t start = i;
    std::string_view text;
    if (i < n && s[i] == '"') {
      std::size_t read = i + 1;
      std::size_t write = i + 1;
      for (;;) {
        const auto* quote = static_cast<const char*>(std::memchr(s + read, '"', n - read));
        if (!quote) {
          fail_at(static_cast<std::uint32_t>(start),
                  "unterminated quoted field (a field cannot span lines)");
        }
        const auto at = static_cast<std::size_t>(quote - s);
        std::memmove(s + write, s + read, at - read);
        write += at - read;
        if (at + 1 < n && s[at + 1] == '"') {
          s[write++] = '"';
          read = at + 2;
          continue;
        }
        i = at + 1;
        break;
      }
      text = {s + start + 1, write - start - 1};
      // Pad the bytes freed by unescaping with ASCII, so later columns still count the
      // characters the line had.
      std::memset(s + write, '"', i - write);
      while (i < n && is_blank(s[i])) ++i;
      if (i < n && s[i] != ',') {
        fail_at(static_cast<std::uint32_t>(i), "unexpected text after a closing quote");
      }
    } else {
      const auto* comma = static_cast<const char*>(std::memchr(s + i, ',', n - i));
      i = comma ? static_cast<std::size_t>(comma - s) : n;
      std::size_t end = i;
      while (end > start && is_blank(s[end - 1])) --end;
      text = {s + start, end - start};
      if (text.empty()) start = field_begin;  // a blank field is located where it begins
    }
    fields_.push_back({text, static_cast<std::uint32_t>(start)});
    if (i == n) return;
    ++i;  // past the comma
  }
}

// Columns count characters, not bytes, so an editor lands on the field in UTF-8 text too.
int csv_rows::column_at(std::uint32_t offset) const {
  int column = 1;
  for (std::uint32_t b = 0; b < offset; ++b) {
    if ((static_cast<unsigned char>(line_begin_[b]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

void csv_rows::fail_at(std::uint32_t offset, const std::string& message) const {
  throw input_error({file_->path_, line_, column_at(offset)}, message);
}

}  // namespace pmrisk::io
