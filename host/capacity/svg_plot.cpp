#include "capacity/svg_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "pmrisk/error.hpp"

namespace pmrisk::capacity {
namespace {

constexpr double width = 720;
constexpr double height = 440;
constexpr double left = 80;  // margins hold the tick labels, the axis titles and the legend
constexpr double right = 200;
constexpr double top = 40;
constexpr double bottom = 60;

// Colour-blind-safe (Okabe-Ito), cycled when there are more series.
constexpr std::array<const char*, 8> palette = {"#000000", "#E69F00", "#56B4E9", "#009E73",
                                                "#F0E442", "#0072B2", "#D55E00", "#CC79A7"};

/// Decades covering [low, high], at least one decade wide.
struct log_axis {
  double first_decade;
  double last_decade;

  log_axis(double low, double high)
      : first_decade(std::floor(std::log10(low))), last_decade(std::ceil(std::log10(high))) {
    if (last_decade <= first_decade) last_decade = first_decade + 1;
  }
  /// Position of `value` along [0, 1].
  double fraction(double value) const {
    return (std::log10(value) - first_decade) / (last_decade - first_decade);
  }
};

std::string tick_label(double decade) {
  const double value = std::pow(10.0, decade);
  return decade >= 0 && decade < 7 ? fmt::format("{:.0f}", value) : fmt::format("1e{:.0f}", decade);
}

std::string xml_escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

}  // namespace

void write_svg(std::ostream& out, const line_plot& plot) {
  PMRISK_EXPECTS(!plot.x.empty() && plot.x.front() > 0, "positive x values");
  PMRISK_EXPECTS(std::is_sorted(plot.x.begin(), plot.x.end()), "ascending x values");
  double y_low = std::numeric_limits<double>::infinity();
  double y_high = 0;
  std::vector<const plot_series*> drawn;
  for (const plot_series& series : plot.series) {
    PMRISK_EXPECTS(series.y.size() == plot.x.size(), "a y value per x value");
    bool positive = false;
    for (double y : series.y) {
      if (!(y > 0) || !std::isfinite(y)) continue;
      y_low = std::min(y_low, y);
      y_high = std::max(y_high, y);
      positive = true;
    }
    if (positive) drawn.push_back(&series);
  }
  if (drawn.empty()) y_low = y_high = 1;

  const log_axis x_axis(plot.x.front(), plot.x.back());
  const log_axis y_axis(y_low, y_high);
  const double plot_width = width - left - right;
  const double plot_height = height - top - bottom;
  const auto px = [&](double x) { return left + x_axis.fraction(x) * plot_width; };
  const auto py = [&](double y) { return top + (1 - y_axis.fraction(y)) * plot_height; };

  out << fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      width, height);
  out << fmt::format("<title>{}</title>\n", xml_escape(plot.title));
  out << fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"white\"/>\n", width, height);
  out << fmt::format("<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"14\">{}</text>\n",
                     left + plot_width / 2, xml_escape(plot.title));

  // Grid lines and labels at every decade.
  for (double d = x_axis.first_decade; d <= x_axis.last_decade; ++d) {
    const double x = px(std::pow(10.0, d));
    out << fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#dddddd\"/>\n"
        "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
        x, top, top + plot_height, top + plot_height + 16, tick_label(d));
  }
  for (double d = y_axis.first_decade; d <= y_axis.last_decade; ++d) {
    const double y = py(std::pow(10.0, d));
    out << fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#dddddd\"/>\n"
        "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
        left, y, left + plot_width, left - 6, y + 4, tick_label(d));
  }
  out << fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"black\"/>\n", left,
      top, plot_width, plot_height);
  out << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                     left + plot_width / 2, height - 16, xml_escape(plot.x_label));
  out << fmt::format(
      "<text x=\"16\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 16 "
      "{0})\">{1}</text>\n",
      top + plot_height / 2, xml_escape(plot.y_label));

  for (std::size_t s = 0; s < drawn.size(); ++s) {
    const char* colour = palette[s % palette.size()];
    std::string points;
    for (std::size_t i = 0; i < plot.x.size(); ++i) {
      const double y = drawn[s]->y[i];
      if (!(y > 0) || !std::isfinite(y)) continue;
      if (!points.empty()) points += ' ';
      points += fmt::format("{:.1f},{:.1f}", px(plot.x[i]), py(y));
    }
    out << fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>\n",
                       colour, points);
    const double legend_y = top + 10 + 18 * static_cast<double>(s);
    out << fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"2\"/>\n"
        "<text x=\"{4}\" y=\"{5}\">{6}</text>\n",
        left + plot_width + 12, legend_y, left + plot_width + 36, colour, left + plot_width + 42,
        legend_y + 4, xml_escape(drawn[s]->name));
  }
  out << "</svg>\n";
}

}  // namespace pmrisk::capacity
