// The Monte Carlo loop: batch -> tile -> generate, value per account, fold into the tails.

#include "montecarlo/scenario_valuation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <span>

#include "engine/batch_slice.hpp"
#include "montecarlo/tail_losses.hpp"
#include "pmrisk/error.hpp"

namespace pmrisk::montecarlo {
namespace {

/// The generator's memory per tile: the tile's log-return, spot-move and vol-shift arrays, and
/// its draws twice (the CUDA generator keeps a transposed copy).
std::size_t generator_bytes(std::size_t underlyings, std::int64_t draws_per_scenario,
                            std::size_t tile_scenarios) {
  const std::size_t per_scenario =
      3 * underlyings + 2 * static_cast<std::size_t>(draws_per_scenario);
  return per_scenario * tile_scenarios * sizeof(double);
}

/// Scenarios [first, first + count) as the valuation grid: every underlying has `count` points,
/// the tile's moves, and the model's horizon.
struct tile_grid {
  std::vector<int> point_count;
  std::vector<double> horizon_years;

  grid_view view(const std::vector<double>& spot, const scenarios::scenario_tile& tile,
                 double horizon) {
    point_count.assign(spot.size(), static_cast<int>(tile.count));
    horizon_years.assign(spot.size(), horizon);
    grid_view grid;
    grid.underlyings = spot.size();
    grid.stride = static_cast<int>(tile.count);
    grid.spot = spot.data();
    grid.point_count = point_count.data();
    grid.spot_move = tile.spot_move.data();
    grid.vol_shift = tile.vol_shift.data();
    grid.horizon_years = horizon_years.data();
    return grid;
  }
};

/// Adds the seconds from its making to its end of scope to one stage of a profile; does
/// nothing without a profile.
class stage_clock {
 public:
  stage_clock(scenario_profile* profile, double scenario_profile::*stage)
      : seconds_(profile ? &(profile->*stage) : nullptr),
        start_(std::chrono::steady_clock::now()) {}
  ~stage_clock() {
    if (seconds_)
      *seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  stage_clock(const stage_clock&) = delete;
  stage_clock& operator=(const stage_clock&) = delete;

 private:
  double* seconds_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

engine::working_set_model scenario_working_set(std::size_t underlyings,
                                               std::int64_t draws_per_scenario,
                                               std::size_t tile_scenarios, std::uint64_t k) {
  engine::working_set_model model;
  model.underlyings = underlyings;
  model.stride = static_cast<int>(tile_scenarios);
  model.account_pnl = true;
  model.tail_losses = k;
  model.generator_bytes = generator_bytes(underlyings, draws_per_scenario, tile_scenarios);
  return model;
}

scenario_plan plan_scenarios(const portfolio_book& book, std::size_t underlyings,
                             std::int64_t draws_per_scenario, std::uint64_t scenarios,
                             std::size_t tile_scenarios, double confidence,
                             std::size_t budget_bytes) {
  if (tile_scenarios == 0 || tile_scenarios > max_tile_scenarios)
    throw input_error({}, fmt::format("the Monte Carlo config's tile_scenarios must be in [1, {}], "
                                      "got {}",
                                      max_tile_scenarios, tile_scenarios));
  PMRISK_EXPECTS(scenarios >= 1, "at least one scenario");
  scenario_plan plan;
  plan.scenarios = scenarios;
  // A tile never holds more scenarios than the run has.
  plan.tile_scenarios = static_cast<std::size_t>(
      std::min<std::uint64_t>(scenarios, static_cast<std::uint64_t>(tile_scenarios)));
  plan.tail_count = tail_count(scenarios, confidence);

  plan.batches = engine::plan_batches(
      book,
      scenario_working_set(underlyings, draws_per_scenario, plan.tile_scenarios, plan.tail_count),
      budget_bytes);
  return plan;
}

std::vector<account_tail_risk> value_scenarios(const scenario_book& in, valuation_backend& backend,
                                               scenarios::scenario_generator& generator,
                                               double horizon_years, const scenario_plan& plan,
                                               int threads, const scenario_observers& observers) {
  const tile_source drawn =
      [&generator](std::uint64_t first, std::size_t count,
                   scenarios::scenario_tile& scratch) -> const scenarios::scenario_tile& {
    generator.generate(first, count, scratch);
    return scratch;
  };
  return value_scenarios(in, backend, drawn, horizon_years, plan, threads, observers);
}

std::vector<account_tail_risk> value_scenarios(const scenario_book& in, valuation_backend& backend,
                                               const tile_source& tiles, double horizon_years,
                                               const scenario_plan& plan, int threads,
                                               const scenario_observers& observers) {
  const portfolio_book& book = in.book;
  std::vector<account_tail_risk> risk(book.account_count());
  valuation_inputs inputs;
  inputs.rate = in.rate;
  inputs.model = in.model;

  scenarios::scenario_tile scratch;
  tile_grid grid;
  std::vector<double> account_pnl;
  engine::batch_slicer slicer(book);
  const std::span<const std::string> account_ids(book.account_ids);
  scenario_profile* profile = observers.profile;

  for (std::size_t b = 0; b < plan.batches.size(); ++b) {
    const engine::account_batch& batch = plan.batches[b];
    const engine::batch_slice slice = [&] {
      const stage_clock clock(profile, &scenario_profile::valuation_seconds);
      return slicer.slice(batch);
    }();
    const std::size_t accounts = batch.account_end - batch.account_begin;
    tail_losses tail(account_ids.subspan(batch.account_begin, accounts), plan.tail_count, threads);
    const auto positions = static_cast<std::uint64_t>(slice.position_series.size());

    for (std::uint64_t first = 0; first < plan.scenarios; first += plan.tile_scenarios) {
      const auto count = static_cast<std::size_t>(
          std::min<std::uint64_t>(plan.tile_scenarios, plan.scenarios - first));
      const scenarios::scenario_tile& tile = [&]() -> const scenarios::scenario_tile& {
        const stage_clock clock(profile, &scenario_profile::generation_seconds);
        return tiles(first, count, scratch);
      }();
      if (b == 0 && observers.on_tile) observers.on_tile(tile);

      inputs.grid = grid.view(in.spot, tile, horizon_years);
      account_pnl.resize(accounts * count);
      {
        const stage_clock clock(profile, &scenario_profile::valuation_seconds);
        backend.value_accounts(inputs, slice.view_series(), slice.view_class_groups(),
                               slice.view_accounts(), account_pnl.data());
      }
      {
        const stage_clock clock(profile, &scenario_profile::tail_reduce_seconds);
        tail.add(account_pnl.data(), count, first);
      }
      if (profile) {
        profile->repricings += static_cast<std::uint64_t>(slice.series.size()) * count;
        profile->aggregations += positions * count;
      }
      if (observers.on_valued) observers.on_valued(static_cast<std::uint64_t>(accounts) * count);
    }
    const std::vector<account_tail_risk> batch_risk = [&] {
      const stage_clock clock(profile, &scenario_profile::tail_reduce_seconds);
      return tail.finish();
    }();
    std::copy(batch_risk.begin(), batch_risk.end(),
              risk.begin() + static_cast<std::ptrdiff_t>(batch.account_begin));
  }

  // A book without accounts still shows its scenarios to an observer that asked for them.
  if (plan.batches.empty() && observers.on_tile) {
    for (std::uint64_t first = 0; first < plan.scenarios; first += plan.tile_scenarios) {
      const auto count = static_cast<std::size_t>(
          std::min<std::uint64_t>(plan.tile_scenarios, plan.scenarios - first));
      observers.on_tile(tiles(first, count, scratch));
    }
  }
  return risk;
}

}  // namespace pmrisk::montecarlo
