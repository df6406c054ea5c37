#pragma once
// A broker's house rules on top of the regulatory grid (configs/house.toml, docs/house.md):
// implied-vol shifts, extreme moves, concentration, liquidity, and the equity an account needs
// to stay on portfolio margin. Every add-on can be switched off; all are off by default.

#include <map>
#include <string>
#include <vector>

namespace pmrisk {

struct house_rules {
  /// Each grid price is also valued with the series' vols moved up and down by a relative
  /// shift (0.15: 10% becomes 11.5% and 8.5%); the worst combination counts.
  struct implied_vol_shifts {
    bool enabled = false;
    std::map<std::string, double> by_asset_class;  ///< relative shift per market asset_class
  } vol_shifts;

  /// Two more points at -multiple x down and +multiple x up, their P&L times weight.
  struct extreme_moves {
    bool enabled = false;
    double multiple = 2.0;
    double weight = 0.35;
  } extreme;

  /// The riskiest class groups of an account at +/-large_move, the others at +/-small_move,
  /// each range valued at `points` equidistant points; the sum is a floor on the account.
  /// Only class groups of `asset_classes` are stressed (all securities classes when empty);
  /// the others count their regular requirement in the sum.
  struct concentration_stress {
    bool enabled = false;
    std::vector<std::string> asset_classes;
    int riskiest = 2;
    double large_move = 0.30;
    double small_move = 0.05;
    int points = 10;
  } concentration;

  /// A class group whose gross holding takes more than a day to trade out at `participation`
  /// of the underlying's average daily volume (market column adv) has its requirement scaled by
  /// the square root of those days (docs/house.md).
  struct liquidity_addon {
    bool enabled = false;
    double participation = 0.10;  ///< fraction of ADV that can be traded per day
  } liquidity;

  /// Portfolio-margin eligibility by net liquidation value (--accounts).
  struct eligibility_thresholds {
    double keep_equity = 150000;  ///< an account on portfolio margin below this is downgraded
    double open_equity = 175000;  ///< an account applying needs this
  } eligibility;
};

/// Reads a configs/house.toml-style file; unknown keys, wrong types and out-of-range values
/// throw pmrisk::input_error at file:line:column.
house_rules load_house_rules(const std::string& path);

}  // namespace pmrisk
