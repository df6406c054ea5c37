#include "cli/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pmrisk/error.hpp"

namespace pmrisk::cli {

void text_table::set_header(std::vector<std::string> names, std::vector<bool> right_aligned) {
  PMRISK_EXPECTS(names.size() == right_aligned.size(), "an alignment per column");
  header_ = std::move(names);
  right_aligned_ = std::move(right_aligned);
}

void text_table::add_row(std::vector<std::string> cells) {
  PMRISK_EXPECTS(cells.size() == header_.size(), "a cell per column");
  rows_.push_back(std::move(cells));
}

void text_table::set_footer(std::vector<std::string> cells) {
  PMRISK_EXPECTS(cells.size() == header_.size(), "a cell per column");
  footer_ = std::move(cells);
}

void text_table::print(std::ostream& out) const {
  std::vector<std::size_t> width(header_.size(), 0);
  const auto widen = [&](const std::vector<std::string>& line) {
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
  };
  widen(header_);
  for (const auto& row : rows_) widen(row);
  widen(footer_);

  const auto print_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      if (c > 0) text += "  ";
      text += right_aligned_[c] ? fmt::format("{:>{}}", line[c], width[c])
                                : fmt::format("{:<{}}", line[c], width[c]);
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << '\n';
  };
  std::size_t rule_width = 2 * (width.size() - 1);
  for (std::size_t w : width) rule_width += w;
  const std::string rule(rule_width, '-');

  print_line(header_);
  out << rule << '\n';
  for (const auto& row : rows_) print_line(row);
  if (!footer_.empty()) {
    out << rule << '\n';
    print_line(footer_);
  }
}

}  // namespace pmrisk::cli
