#pragma once
// A small line plot as standalone SVG text, for capacity sweeps: no plotting library, so it
// opens in any browser and diffs as text.

#include <ostream>
#include <string>
#include <vector>

namespace pmrisk::capacity {

struct plot_series {
  std::string name;       ///< its legend entry
  std::vector<double> y;  ///< one per x; points with y <= 0 are left out (log axis)
};

/// Both axes logarithmic (base 10), as capacity is read: a straight line of slope 1 is linear
/// growth.
struct line_plot {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<double> x;  ///< ascending, all > 0
  std::vector<plot_series> series;
};

/// Writes `<svg ...>` ... `</svg>`: axes with decade ticks, one <polyline> per series that has a
/// positive point, and a legend naming each of those. Throws pmrisk::logic_error when x is not
/// ascending and positive or a series has a y count other than x's.
void write_svg(std::ostream& out, const line_plot& plot);

}  // namespace pmrisk::capacity
