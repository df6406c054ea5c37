#pragma once
// A plain-text table for the commands' summaries: columns padded to their widest cell, a rule
// under the header and above the footer.

#include <ostream>
#include <string>
#include <vector>

namespace pmrisk::cli {

class text_table {
 public:
  /// right_aligned: per column (money right, names left).
  void set_header(std::vector<std::string> names, std::vector<bool> right_aligned);
  void add_row(std::vector<std::string> cells);
  /// A last line under its own rule (totals); none when never set.
  void set_footer(std::vector<std::string> cells);

  /// Columns two spaces apart, trailing blanks trimmed.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_aligned_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::string> footer_;
};

}  // namespace pmrisk::cli
