// The requirement fold: class group -> product group -> portfolio group -> account, then the
// house add-ons, SPAN and the rule that set the requirement (docs/offsets.md).

#include "engine/requirement_fold.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "pmrisk/error.hpp"
#include "pmrisk/span.hpp"

namespace pmrisk {

std::string_view requirement_source_name(requirement_source source) {
  switch (source) {
    case requirement_source::grid:
      return "grid";
    case requirement_source::minimum:
      return "minimum";
    case requirement_source::vol:
      return "vol";
    case requirement_source::extreme:
      return "extreme";
    case requirement_source::concentration:
      return "concentration";
    case requirement_source::span:
      return "span";
    case requirement_source::montecarlo:
      return "montecarlo";
  }
  return "unknown";
}

namespace engine {
namespace {

std::size_t at(std::int32_t underlying, int stride, int point) {
  return static_cast<std::size_t>(underlying) * static_cast<std::size_t>(stride) +
         static_cast<std::size_t>(point);
}

// ---------------------------------------------------------------------------------------------
// The hierarchy

/// Points are offset by index, so every member of a group must have the same points in the same
/// categories; `first` is the group's first member.
void check_same_layout(const market_data& market, const valuation_grid& grid, std::int32_t first,
                       std::int32_t member, std::string_view level, const std::string& group) {
  const auto f = static_cast<std::size_t>(first);
  const auto m = static_cast<std::size_t>(member);
  const underlying& u = market.underlyings[m];
  const std::string& first_symbol = market.underlyings[f].symbol;
  if (grid.point_count[m] != grid.point_count[f] ||
      grid.scan_point_count[m] != grid.scan_point_count[f])
    throw input_error(
        u.where, fmt::format("{} '{}': {} has {} valuation points ({} scanned) and {} has {} "
                             "({} scanned); members are offset point by point, so they must "
                             "share one grid layout",
                             level, group, u.symbol, grid.point_count[m], grid.scan_point_count[m],
                             first_symbol, grid.point_count[f], grid.scan_point_count[f]));
  for (int j = 0; j < grid.point_count[m]; ++j)
    if (grid.category[at(member, grid.stride, j)] != grid.category[at(first, grid.stride, j)])
      throw input_error(
          u.where, fmt::format("{} '{}': point {} of {} ({}) and of {} ({}) test different "
                               "rules; members are offset point by point, so they must share "
                               "one grid layout",
                               level, group, j + 1, u.symbol, grid.label(member, j), first_symbol,
                               grid.label(first, j)));
}

/// A product group's members, in market order, and what they have in common.
struct product_group_members {
  std::vector<std::int32_t> underlyings;
  bool span = false;
};

std::map<std::string, product_group_members> product_groups_of(const market_data& market,
                                                               const valuation_grid& grid,
                                                               const engine_config& config) {
  std::map<std::string, product_group_members> groups;
  for (std::size_t i = 0; i < market.underlyings.size(); ++i) {
    const underlying& u = market.underlyings[i];
    const bool span = is_span_class(u, config);
    const bool configured = config.product_groups.contains(u.product_group);
    if (span && configured)
      throw input_error(u.where,
                        fmt::format("{} is a futures class, margined by SPAN, whose combined "
                                    "commodity '{}' offsets in full; [product_groups.{}] applies "
                                    "to securities only",
                                    u.symbol, u.product_group, u.product_group));
    if (!span && !configured && u.product_group != u.symbol)
      throw input_error(u.where,
                        fmt::format("product_group '{}' of {} is neither its own symbol nor a "
                                    "[product_groups.{}] of the engine configuration",
                                    u.product_group, u.symbol, u.product_group));
    const auto index = static_cast<std::int32_t>(i);
    auto [it, inserted] = groups.try_emplace(u.product_group);
    product_group_members& group = it->second;
    if (inserted) {
      group.span = span;
    } else {
      if (group.span != span)
        throw input_error(u.where, fmt::format("product group '{}' mixes futures classes "
                                               "(SPAN) and securities; {} is {}",
                                               u.product_group, u.symbol,
                                               span ? "a futures class" : "a security"));
      check_same_layout(market, grid, group.underlyings.front(), index, "product group",
                        u.product_group);
    }
    group.underlyings.push_back(index);
  }
  return groups;
}

/// A configured product group's portfolio group, or, left out of every one, its own.
std::string portfolio_group_name(const std::string& product_group, const engine_config& config) {
  const auto configured = config.product_groups.find(product_group);
  if (configured != config.product_groups.end() && !configured->second.portfolio_group.empty())
    return configured->second.portfolio_group;
  return product_group;
}

}  // namespace

offset_hierarchy build_offset_hierarchy(const market_data& market, const valuation_grid& grid,
                                        const engine_config& config) {
  const std::map<std::string, product_group_members> groups =
      product_groups_of(market, grid, config);

  // Portfolio groups by name, each with its first product group's first member for the layout.
  std::map<std::string, std::int32_t> portfolio_first_member;
  for (const auto& [name, group] : groups) {
    if (group.span) continue;
    const std::string parent = portfolio_group_name(name, config);
    const std::int32_t member = group.underlyings.front();
    if (parent == name && config.portfolio_groups.contains(name))
      throw input_error(market.underlyings[static_cast<std::size_t>(member)].where,
                        fmt::format("product group '{}' is a portfolio group of its own, but "
                                    "[portfolio_groups.{}] names another one; rename one of them",
                                    name, name));
    const auto [it, inserted] = portfolio_first_member.try_emplace(parent, member);
    if (!inserted) check_same_layout(market, grid, it->second, member, "portfolio group", parent);
  }

  offset_hierarchy hierarchy;
  std::map<std::string, std::int32_t> portfolio_index;
  for (const auto& [name, member] : portfolio_first_member) {
    const auto configured = config.portfolio_groups.find(name);
    portfolio_index.emplace(name, static_cast<std::int32_t>(hierarchy.portfolio_groups.size()));
    hierarchy.portfolio_groups.push_back(
        {name, configured != config.portfolio_groups.end() ? configured->second.offset : 1.0});
  }
  hierarchy.product_group_of.assign(market.underlyings.size(), -1);
  for (const auto& [name, group] : groups) {
    const auto index = static_cast<std::int32_t>(hierarchy.product_groups.size());
    offset_hierarchy::product_group entry{name, 1.0, -1, group.span};
    if (!group.span) {
      const auto configured = config.product_groups.find(name);
      if (configured != config.product_groups.end()) entry.offset = configured->second.offset;
      entry.portfolio_group = portfolio_index.at(portfolio_group_name(name, config));
    }
    hierarchy.product_groups.push_back(std::move(entry));
    for (std::int32_t u : group.underlyings)
      hierarchy.product_group_of[static_cast<std::size_t>(u)] = index;
  }
  return hierarchy;
}

namespace {

// ---------------------------------------------------------------------------------------------
// One account

/// A NaN or infinite P&L would hide from the worst-point search and poison every offset; refuse
/// to report a margin built on one.
void check_finite(const double* risk_array, int points, const std::string& account,
                  const underlying& u, const valuation_grid& grid, std::int32_t underlying_index) {
  for (int j = 0; j < points; ++j)
    if (!std::isfinite(risk_array[j]))
      throw std::runtime_error(
          fmt::format("account '{}', class group '{}': the P&L at point {} is not a finite number",
                      account, u.symbol, grid.label(underlying_index, j)));
}

/// max(0, -lowest P&L) over the points of one category.
double category_loss(const double* risk_array, const valuation_grid& grid, std::int32_t u,
                     point_category category) {
  double worst = 0;
  for (int j = 0; j < grid.point_count[static_cast<std::size_t>(u)]; ++j)
    if (grid.category[at(u, grid.stride, j)] == category) worst = std::min(worst, risk_array[j]);
  return -worst;
}

double gross_units(const portfolio_book& book, std::size_t g) {
  double units = 0;
  for (auto p = book.class_group_position_begin[g]; p < book.class_group_position_begin[g + 1]; ++p)
    units += std::abs(book.position_units[static_cast<std::size_t>(p)]);
  return units;
}

/// The liquidity add-on scales a requirement by the square root of the days it takes to trade
/// the holding out, beyond the first (docs/house.md).
void add_liquidity(const house_rules::liquidity_addon& rule, double adv, double units,
                   class_group_margin& group) {
  if (!rule.enabled || !(adv > 0)) return;
  group.liquidation_days = units / (rule.participation * adv);
  if (group.liquidation_days > 1)
    group.liquidity_addon = group.requirement * (std::sqrt(group.liquidation_days) - 1);
}

/// The first lowest point of an offset array and the loss there.
struct worst_of_array {
  double loss = 0;
  std::int32_t point = 0;
};

worst_of_array worst_point_of(const std::vector<double>& net, int scanned) {
  worst_of_array worst{0, 0};
  double lowest = net[0];
  for (int j = 1; j < scanned; ++j)
    if (net[static_cast<std::size_t>(j)] < lowest) {
      lowest = net[static_cast<std::size_t>(j)];
      worst.point = j;
    }
  worst.loss = lowest < 0 ? -lowest : 0.0;
  return worst;
}

/// At each scanned point: the members' losses, plus `offset` x their gains (docs/offsets.md).
std::vector<double> offset_array(const std::vector<const double*>& members, double offset,
                                 int scanned, int stride) {
  std::vector<double> net(static_cast<std::size_t>(stride), 0.0);
  for (int j = 0; j < scanned; ++j) {
    double losses = 0;
    double gains = 0;
    for (const double* member : members) {
      const double pnl = member[j];
      if (pnl < 0) {
        losses += pnl;
      } else {
        gains += pnl;
      }
    }
    net[static_cast<std::size_t>(j)] = losses + offset * gains;
  }
  return net;
}

point_category category_at(const valuation_grid& grid, std::int32_t u, std::int32_t point) {
  return grid.category[at(u, grid.stride, point)];
}

/// A group's requirement from its offset array and its members' minimum charges.
group_margin offset_group(std::int32_t account, const std::string& name, double offset,
                          const std::vector<double>& net, int scanned, double min_charge,
                          std::int32_t first_underlying, const valuation_grid& grid) {
  group_margin group;
  group.account = account;
  group.name = name;
  group.offset = offset;
  const worst_of_array worst = worst_point_of(net, scanned);
  group.worst_loss = worst.loss;
  group.worst_point = worst.point;
  group.worst_category = category_at(grid, first_underlying, worst.point);
  group.min_charge = min_charge;
  group.requirement = std::max(group.worst_loss, group.min_charge);
  return group;
}

requirement_source source_of(const group_margin& group) {
  if (group.min_charge > group.worst_loss) return requirement_source::minimum;
  switch (group.worst_category) {
    case point_category::vol:
      return requirement_source::vol;
    case point_category::extreme:
      return requirement_source::extreme;
    default:
      return requirement_source::grid;
  }
}

/// Among the stressed class groups, the `riskiest` by large-move loss (ties: the earlier class
/// group) count that loss, the others their small-move loss; a class group outside the stressed
/// asset classes counts its requirement. Summed in class-group order.
double concentration_charge(const std::vector<class_group_margin*>& securities,
                            const std::vector<bool>& stressed, int riskiest) {
  std::vector<std::size_t> rank;
  for (std::size_t i = 0; i < securities.size(); ++i)
    if (stressed[i]) rank.push_back(i);
  std::stable_sort(rank.begin(), rank.end(), [&](std::size_t a, std::size_t b) {
    return securities[a]->concentration_large_loss > securities[b]->concentration_large_loss;
  });
  std::vector<bool> large(securities.size(), false);
  for (std::size_t r = 0; r < rank.size() && r < static_cast<std::size_t>(riskiest); ++r)
    large[rank[r]] = true;
  double charge = 0;
  for (std::size_t i = 0; i < securities.size(); ++i) {
    if (!stressed[i])
      charge += securities[i]->requirement;
    else
      charge += large[i] ? securities[i]->concentration_large_loss
                         : securities[i]->concentration_small_loss;
  }
  return charge;
}

/// Whether the concentration stress covers an underlying's asset class.
bool concentration_stressed(const house_rules::concentration_stress& rule, const underlying& u) {
  return rule.asset_classes.empty() ||
         std::find(rule.asset_classes.begin(), rule.asset_classes.end(), u.asset_class) !=
             rule.asset_classes.end();
}

/// A product group of the account: its hierarchy index and its class groups (book indices, in
/// book order).
struct held_product_group {
  std::int32_t index = 0;
  std::vector<std::size_t> class_groups;
};

std::vector<held_product_group> held_product_groups(const fold_context& context,
                                                    std::size_t g_begin, std::size_t g_end) {
  std::map<std::int32_t, held_product_group> held;
  for (std::size_t g = g_begin; g < g_end; ++g) {
    const std::int32_t u = context.book.class_group_underlying[g];
    const std::int32_t index = context.hierarchy.product_group_of[static_cast<std::size_t>(u)];
    held_product_group& group = held[index];
    group.index = index;
    group.class_groups.push_back(g);
  }
  std::vector<held_product_group> out;
  out.reserve(held.size());
  for (auto& [index, group] : held) out.push_back(std::move(group));
  return out;
}

const span_commodity_margin& commodity_named(const span_account_margin& span,
                                             const std::string& name) {
  const auto found =
      std::find_if(span.commodities.begin(), span.commodities.end(),
                   [&](const span_commodity_margin& commodity) { return commodity.name == name; });
  PMRISK_EXPECTS(found != span.commodities.end(),
                 "SPAN margins every combined commodity of the account's futures classes");
  return *found;
}

/// A SPAN combined commodity as a product group: its scan risk, credits and minimum.
group_margin span_commodity_group(std::int32_t account, const span_commodity_margin& commodity,
                                  std::int32_t first_underlying, const valuation_grid& grid) {
  group_margin group;
  group.account = account;
  group.name = commodity.name;
  group.offset = 1;
  group.worst_loss = commodity.scan_risk;
  group.worst_point = commodity.worst_point;
  group.worst_category = category_at(grid, first_underlying, commodity.worst_point);
  group.min_charge = commodity.short_option_minimum;
  group.requirement = commodity.requirement;
  group.span = true;
  group.span_credit = commodity.spread_credit;
  return group;
}

/// A securities product group of the account, as its portfolio group sees it.
struct offset_member {
  std::int32_t parent = -1;  ///< hierarchy index of its portfolio group
  std::vector<double> net;   ///< its offset array
  double min_charge = 0;
  std::int32_t first_underlying = 0;  ///< for the layout, shared by every member
  int scanned = 0;
};

void keep_array(bool keep, const std::vector<double>& net, std::vector<double>& arrays) {
  if (keep) arrays.insert(arrays.end(), net.begin(), net.end());
}

}  // namespace

void fold_account(const fold_context& context, std::size_t account,
                  const class_group_outputs& valued, margin_report& report) {
  const portfolio_book& book = context.book;
  const valuation_grid& grid = context.grid;
  const house_rules& house = context.config.house;
  const auto stride = static_cast<std::size_t>(grid.stride);
  const auto account_index = static_cast<std::int32_t>(account);
  account_margin& out = report.accounts[account];
  const auto g_begin = static_cast<std::size_t>(book.account_class_group_begin[account]);
  const auto g_end = static_cast<std::size_t>(book.account_class_group_begin[account + 1]);
  const auto risk_array = [&](std::size_t g) { return valued.risk_array + (g - g_begin) * stride; };

  // Class groups: the backend's worst scanned point, the minimum charge, the house add-ons.
  std::vector<class_group_margin*> securities;
  std::vector<bool> stressed;  // per securities entry: in the concentration stress
  for (std::size_t g = g_begin; g < g_end; ++g) {
    const std::int32_t u = book.class_group_underlying[g];
    const underlying& held = context.market.underlyings[static_cast<std::size_t>(u)];
    check_finite(risk_array(g), grid.point_count[static_cast<std::size_t>(u)], out.account, held,
                 grid, u);
    class_group_margin& group = report.class_groups[g];
    const std::size_t local = g - g_begin;
    group.account = account_index;
    group.underlying = u;
    group.worst_loss = valued.worst_pnl[local] < 0 ? -valued.worst_pnl[local] : 0.0;
    group.worst_point = valued.worst_point[local];
    group.worst_category = category_at(grid, u, group.worst_point);
    group.min_charge = book.class_group_min_charge[g];
    group.requirement = std::max(group.worst_loss, group.min_charge);
    if (!is_span_class(held, context.config)) {
      group.concentration_large_loss =
          category_loss(risk_array(g), grid, u, point_category::concentration_large);
      group.concentration_small_loss =
          category_loss(risk_array(g), grid, u, point_category::concentration_small);
      add_liquidity(house.liquidity, held.adv, gross_units(book, g), group);
      out.liquidity_addon += group.liquidity_addon;
      securities.push_back(&group);
      stressed.push_back(concentration_stressed(house.concentration, held));
    }
    if (out.worst_class_group < 0 ||
        group.requirement >
            report.class_groups[static_cast<std::size_t>(out.worst_class_group)].requirement)
      out.worst_class_group = static_cast<std::int32_t>(g);
  }

  // Product groups (name order), each pointing at its portfolio group's entry in the report.
  const std::vector<held_product_group> product_groups =
      held_product_groups(context, g_begin, g_end);
  std::map<std::int32_t, std::int32_t> portfolio_entry;  // hierarchy index -> report index
  for (const held_product_group& held : product_groups) {
    const std::int32_t parent =
        context.hierarchy.product_groups[static_cast<std::size_t>(held.index)].portfolio_group;
    if (parent >= 0) portfolio_entry.emplace(parent, 0);
  }
  {
    auto next = static_cast<std::int32_t>(report.portfolio_groups.size());
    for (auto& [parent, entry] : portfolio_entry) entry = next++;
  }

  // SPAN for the futures classes among the account's class groups.
  const bool holds_futures =
      std::any_of(product_groups.begin(), product_groups.end(), [&](const held_product_group& h) {
        return context.hierarchy.product_groups[static_cast<std::size_t>(h.index)].span;
      });
  const span_account_margin span =
      holds_futures ? span_margin_of_account(book, context.market, grid, context.config,
                                             static_cast<std::int64_t>(g_begin),
                                             static_cast<std::int64_t>(g_end), valued.risk_array)
                    : span_account_margin{};
  out.span_requirement = span.requirement;

  std::vector<offset_member> securities_products;
  for (const held_product_group& held : product_groups) {
    const offset_hierarchy::product_group& config =
        context.hierarchy.product_groups[static_cast<std::size_t>(held.index)];
    const auto entry = static_cast<std::int32_t>(report.product_groups.size());
    const std::int32_t first_underlying = book.class_group_underlying[held.class_groups.front()];
    const int scanned = grid.scan_point_count[static_cast<std::size_t>(first_underlying)];
    for (std::size_t g : held.class_groups) report.class_groups[g].product_group = entry;
    if (config.span) {
      const span_commodity_margin& commodity = commodity_named(span, config.name);
      report.product_groups.push_back(
          span_commodity_group(account_index, commodity, first_underlying, grid));
      std::vector<double> net(stride, 0.0);
      std::copy(commodity.risk_array.begin(), commodity.risk_array.end(), net.begin());
      keep_array(context.keep_risk_arrays, net, report.product_group_risk_arrays);
      continue;
    }
    std::vector<const double*> members;
    double min_charge = 0;
    for (std::size_t g : held.class_groups) {
      members.push_back(risk_array(g));
      min_charge += report.class_groups[g].min_charge;
    }
    std::vector<double> net = offset_array(members, config.offset, scanned, grid.stride);
    group_margin group = offset_group(account_index, config.name, config.offset, net, scanned,
                                      min_charge, first_underlying, grid);
    group.parent = portfolio_entry.at(config.portfolio_group);
    report.product_groups.push_back(std::move(group));
    keep_array(context.keep_risk_arrays, net, report.product_group_risk_arrays);
    securities_products.push_back(
        {config.portfolio_group, std::move(net), min_charge, first_underlying, scanned});
  }

  // Portfolio groups (name order) over their product groups' offset arrays.
  std::int32_t largest = -1;  // index into report.portfolio_groups
  for (const auto& [parent, entry] : portfolio_entry) {
    const offset_hierarchy::portfolio_group& config =
        context.hierarchy.portfolio_groups[static_cast<std::size_t>(parent)];
    std::vector<const double*> members;
    double min_charge = 0;
    const offset_member* first = nullptr;
    for (const offset_member& product : securities_products) {
      if (product.parent != parent) continue;
      if (first == nullptr) first = &product;
      members.push_back(product.net.data());
      min_charge += product.min_charge;
    }
    std::vector<double> net = offset_array(members, config.offset, first->scanned, grid.stride);
    report.portfolio_groups.push_back(offset_group(account_index, config.name, config.offset, net,
                                                   first->scanned, min_charge,
                                                   first->first_underlying, grid));
    keep_array(context.keep_risk_arrays, net, report.portfolio_group_risk_arrays);
    const group_margin& group = report.portfolio_groups.back();
    out.tims_loss += group.worst_loss;
    out.tims_requirement += group.requirement;
    if (largest < 0 ||
        group.requirement > report.portfolio_groups[static_cast<std::size_t>(largest)].requirement)
      largest = entry;
  }
  const requirement_source tims_source =
      largest >= 0 ? source_of(report.portfolio_groups[static_cast<std::size_t>(largest)])
                   : requirement_source::grid;

  if (house.concentration.enabled)
    out.concentration_charge =
        concentration_charge(securities, stressed, house.concentration.riskiest);

  // The account: the larger of TIMS and concentration, then the add-ons.
  const double securities_requirement = std::max(out.tims_requirement, out.concentration_charge);
  out.requirement = securities_requirement + out.liquidity_addon + out.span_requirement;
  out.source = out.concentration_charge > out.tims_requirement ? requirement_source::concentration
                                                               : tims_source;
  if (out.span_requirement > securities_requirement) out.source = requirement_source::span;
}

}  // namespace engine
}  // namespace pmrisk
