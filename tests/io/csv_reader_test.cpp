// The input CSV dialect (docs/inputs.md): header, comments, quoting, trimming, and where each
// malformed line is reported.

#include "io/csv_reader.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "io_test_support.hpp"

namespace pmrisk::io {
namespace {

using io_test::scratch_dir;
using io_test::throws_input_error_at;

constexpr std::array<std::string_view, 3> columns = {"name", "value", "note"};
enum : std::size_t { name, value, note };

struct row {
  std::string name, value, note;
  int line;
  friend bool operator==(const row&, const row&) = default;
};

std::vector<row> read_rows(const std::string& path) {
  csv_file file(path, columns);
  csv_rows rows = file.rows();
  std::vector<row> out;
  while (rows.next_row()) {
    out.push_back({std::string(rows.cell(name)), std::string(rows.cell(value)),
                   std::string(rows.cell(note)), rows.row_location().line});
  }
  return out;
}

TEST(CsvReader, ReadsColumnsInAnyOrderSkippingCommentsAndBlankLines) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv",
                                     "# leading comment\n"
                                     "\n"
                                     "note,NAME,Value\n"
                                     "first,a,1\n"
                                     "   # indented comment\n"
                                     "  \t \n"
                                     "second,b,2\n");
  const std::vector<row> expected = {{"a", "1", "first", 4}, {"b", "2", "second", 7}};
  EXPECT_EQ(read_rows(path), expected);
}

TEST(CsvReader, UnquotesAndTrims) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv",
                                     "name,value,note\n"
                                     "  a  , \"1,5\" ,\"say \"\"hi\"\"\"\n"
                                     "\"\",\"  kept  \",\n");
  const std::vector<row> expected = {{"a", "1,5", "say \"hi\"", 2}, {"", "  kept  ", "", 3}};
  EXPECT_EQ(read_rows(path), expected);
}

TEST(CsvReader, AcceptsCrLfAByteOrderMarkAndNoFinalNewline) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv", "\xEF\xBB\xBFname,value,note\r\nx,1,n\r\ny,2,m");
  const std::vector<row> expected = {{"x", "1", "n", 2}, {"y", "2", "m", 3}};
  EXPECT_EQ(read_rows(path), expected);
}

TEST(CsvReader, AbsentColumnsReadEmptyAndCanBeRequired) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv", "# two columns\nvalue,name\n1,a\n");
  csv_file file(path, columns);
  csv_rows rows = file.rows();
  EXPECT_TRUE(file.has_column(name));
  EXPECT_FALSE(file.has_column(note));
  ASSERT_TRUE(rows.next_row());
  EXPECT_EQ(rows.cell(note), "");
  EXPECT_EQ(rows.cell_location(note).column, 0);
  EXPECT_TRUE(throws_input_error_at([&] { file.require_column(note); }, path, 2, 1,
                                    "missing required column 'note'"));
}

TEST(CsvReader, CellLocationIsTheFieldsCharacterColumn) {
  scratch_dir dir;
  // "é" is two bytes in UTF-8 but one character, which editors count as one column.
  const std::string path = dir.write("a.csv", "name,value,note\n\"\xC3\xA9\"\"x\",  42,z\n");
  csv_file file(path, columns);
  csv_rows rows = file.rows();
  ASSERT_TRUE(rows.next_row());
  EXPECT_EQ(rows.cell(name), "\xC3\xA9\"x");
  EXPECT_EQ(rows.cell_location(name).column, 1);
  EXPECT_EQ(rows.cell_location(value).column, 10);
  EXPECT_EQ(rows.cell_location(note).column, 13);
}

TEST(CsvReader, EmptyFileHasNoHeader) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv", "");
  EXPECT_TRUE(
      throws_input_error_at([&] { csv_file file(path, columns); }, path, 1, 1, "file is empty"));
  const std::string comments = dir.write("b.csv", "# nothing\n\n");
  EXPECT_TRUE(throws_input_error_at([&] { csv_file file(comments, columns); }, comments, 1, 1,
                                    "expected a header row"));
}

TEST(CsvReader, MissingFileAndDirectoryCannotBeRead) {
  scratch_dir dir;
  const std::string missing = dir.path("absent.csv");
  EXPECT_TRUE(throws_input_error_at([&] { csv_file file(missing, columns); }, missing, 0, 0,
                                    "cannot read file: No such file or directory"));
  const std::string directory = dir.path("");
  EXPECT_TRUE(throws_input_error_at([&] { csv_file file(directory, columns); }, directory, 0, 0,
                                    "Is a directory"));
}

TEST(CsvReader, HeaderErrors) {
  scratch_dir dir;
  const std::string unknown = dir.write("a.csv", "name,valu,note\n");
  EXPECT_TRUE(throws_input_error_at([&] { csv_file file(unknown, columns); }, unknown, 1, 6,
                                    "unknown column 'valu' (expected name, value, note)"));
  const std::string twice = dir.write("b.csv", "# c\nname, value, Name\n");
  EXPECT_TRUE(throws_input_error_at([&] { csv_file file(twice, columns); }, twice, 2, 14,
                                    "column 'Name' appears twice"));
  const std::string empty_name = dir.write("c.csv", "name,,value\n");
  EXPECT_TRUE(throws_input_error_at([&] { csv_file file(empty_name, columns); }, empty_name, 1, 6,
                                    "empty column name"));
}

TEST(CsvReader, RowsWithTheWrongFieldCount) {
  scratch_dir dir;
  const std::string surplus = dir.write("a.csv", "name,value\na,1,extra\n");
  EXPECT_TRUE(throws_input_error_at([&] { read_rows(surplus); }, surplus, 2, 5,
                                    "row has 3 fields but the header (line 1) has 2"));
  const std::string short_row = dir.write("b.csv", "name,value,note\na,1\n");
  // Column 4 is just past "a,1", where the missing field would start.
  EXPECT_TRUE(throws_input_error_at([&] { read_rows(short_row); }, short_row, 2, 4,
                                    "row has 2 fields but the header (line 1) has 3"));
}

TEST(CsvReader, QuotingErrors) {
  scratch_dir dir;
  const std::string open_quote = dir.write("a.csv", "name,value\na,\"1\nb,2\n");
  EXPECT_TRUE(throws_input_error_at([&] { read_rows(open_quote); }, open_quote, 2, 3,
                                    "unterminated quoted field"));
  const std::string after_quote = dir.write("b.csv", "name,value\n\"a\" b,1\n");
  EXPECT_TRUE(throws_input_error_at([&] { read_rows(after_quote); }, after_quote, 2, 5,
                                    "unexpected text after a closing quote"));
}

TEST(CsvReader, SplitRangesReadTheSameRowsWithTheSameLineNumbers) {
  scratch_dir dir;
  std::string text = "# header next\nname,value,note\n";
  for (int i = 0; i < 50; ++i) {
    text += i % 7 == 0 ? "# a comment\n\n" : "";
    text += "n" + std::to_string(i) + ",\"" + std::to_string(i) + "\",x\n";
  }
  const std::string path = dir.write("a.csv", text);
  const std::vector<row> whole = read_rows(path);
  ASSERT_EQ(whole.size(), 50u);

  for (const std::size_t parts : {2u, 3u, 7u, 1000u}) {
    csv_file file(path, columns);
    const std::vector<csv_rows> ranges = file.split_rows(parts);
    EXPECT_LE(ranges.size(), parts);
    std::vector<row> joined;
    std::size_t lines = 0;
    for (csv_rows rows : ranges) {
      lines += rows.range_lines();
      while (rows.next_row()) {
        joined.push_back({std::string(rows.cell(name)), std::string(rows.cell(value)),
                          std::string(rows.cell(note)), rows.row_location().line});
      }
    }
    EXPECT_EQ(joined, whole) << parts << " parts";
    EXPECT_GE(lines, whole.size());
  }
}

TEST(CsvReader, SplitKeepsRangesAboveTheMinimumSize) {
  scratch_dir dir;
  const std::string path = dir.write("a.csv", "name,value,note\na,1,x\nb,2,y\n");
  csv_file file(path, columns);
  EXPECT_EQ(file.split_rows(8, 1 << 20).size(), 1u);
  const std::string header_only = dir.write("b.csv", "name,value,note");
  csv_file empty(header_only, columns);
  std::vector<csv_rows> ranges = empty.split_rows(4);
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_FALSE(ranges[0].next_row());
}

}  // namespace
}  // namespace pmrisk::io
