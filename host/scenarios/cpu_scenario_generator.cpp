// The OpenMP scenario generator: a tile's normals are drawn on all threads, then each group of
// draw blocks gets its correlated shocks computed together, vectorised across the group.

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

#include "pmrisk/error.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"
#include "pmrisk/scenarios/scenario_math.hpp"
#include "scenarios/host_normal_stream.hpp"

namespace pmrisk::scenarios {
namespace {

// Draw blocks whose shocks are computed together: the innermost loop runs across the group, so
// every loading is read once per group and the sums of different blocks proceed side by side
// (each block's own sum still runs in correlated_normal's order).
constexpr std::int64_t group_blocks = 16;

// Two draw blocks' sums side by side in one SSE2 register (the x86-64 baseline). Each lane is
// an ordinary IEEE multiply then add, so every block's sum keeps the shared order.
using lanes = double __attribute__((vector_size(2 * sizeof(double))));
constexpr std::int64_t lane_count = 2;
static_assert(group_blocks % lane_count == 0);

// sum[b] = sum_k row[k] * common[k * group_blocks + b], k ascending from +0.0, for each b.
void accumulate_group(const double* row, std::int64_t length, const double* common, double* sum) {
  lanes partial[group_blocks / lane_count] = {};
  for (std::int64_t k = 0; k < length; ++k) {
    const double value = row[k];
    const lanes loading = {value, value};
    const double* draws = common + k * group_blocks;
    for (std::int64_t v = 0; v < group_blocks / lane_count; ++v) {
      lanes draw;
      std::memcpy(&draw, draws + v * lane_count, sizeof draw);
      partial[v] += loading * draw;
    }
  }
  for (std::int64_t v = 0; v < group_blocks / lane_count; ++v) {
    for (std::int64_t lane = 0; lane < lane_count; ++lane)
      sum[v * lane_count + lane] = partial[v][lane];
  }
}

// Runs body(i) for i in [0, count) on `threads` threads; the first exception is rethrown here.
template <typename Body>
void parallel_for(std::int64_t count, int threads, Body&& body) {
  std::exception_ptr error;
#pragma omp parallel for num_threads(threads) schedule(dynamic)
  for (std::int64_t i = 0; i < count; ++i) {
    try {
      body(i);
    } catch (...) {
#pragma omp critical(pmrisk_scenarios_error)
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

class cpu_scenario_generator final : public scenario_generator {
 public:
  cpu_scenario_generator(const scenario_model& model, int threads)
      : model_(model),
        layout_(model_.layout()),
        correlation_(model_.correlation_on_host()),
        threads_(threads > 0 ? threads : omp_get_max_threads()) {
    streams_.reserve(static_cast<std::size_t>(threads_));
    for (int t = 0; t < threads_; ++t) {
      streams_.push_back(std::make_unique<host_normal_stream>(model_.seed));
    }
  }

  std::string name() const override { return fmt::format("cpu ({} threads)", threads_); }

  void generate(std::uint64_t first, std::size_t count, scenario_tile& tile) override {
    const std::size_t n = model_.underlyings();
    tile.first = first;
    tile.count = count;
    tile.underlyings = n;
    tile.log_return.resize(n * count);
    tile.spot_move.resize(n * count);
    tile.vol_shift.resize(n * count);
    if (count == 0) return;

    block_begin_ = draw_block(first, model_.antithetic);
    blocks_ =
        static_cast<std::int64_t>(draw_block(first + count - 1, model_.antithetic) - block_begin_) +
        1;
    draw();
    const std::int64_t groups = (blocks_ + group_blocks - 1) / group_blocks;
    parallel_for(groups, threads_, [&](std::int64_t group) { shock_group(group, tile); });
  }

 private:
  // raw_ = stream elements [block_begin_ D, (block_begin_ + blocks_) D), scenario-major.
  void draw() {
    const std::int64_t total = blocks_ * layout_.per_scenario;
    raw_.resize(static_cast<std::size_t>(total));
    const std::uint64_t offset = block_begin_ * static_cast<std::uint64_t>(layout_.per_scenario);
    const std::int64_t chunks = (total + max_normals_per_call - 1) / max_normals_per_call;
    parallel_for(chunks, threads_, [&](std::int64_t chunk) {
      const std::int64_t begin = chunk * max_normals_per_call;
      streams_[static_cast<std::size_t>(omp_get_thread_num())]->fill(
          offset + static_cast<std::uint64_t>(begin), std::min(max_normals_per_call, total - begin),
          raw_.data() + begin);
    });
  }

  const double* block_draws(std::int64_t block) const {
    return raw_.data() + block * layout_.per_scenario;
  }

  void shock_group(std::int64_t group, scenario_tile& tile) const {
    const std::int64_t b0 = group * group_blocks;
    const std::int64_t members = std::min(group_blocks, blocks_ - b0);

    // The group's common draws, transposed so draw k of all members is contiguous; absent
    // members are zeros whose sums are computed and dropped.
    std::vector<double> common(static_cast<std::size_t>(layout_.common * group_blocks), 0.0);
    std::array<double, group_blocks> mixing{};
    for (std::int64_t b = 0; b < members; ++b) {
      const double* draws = block_draws(b0 + b);
      for (std::int64_t k = 0; k < layout_.common; ++k) common[k * group_blocks + b] = draws[k];
      mixing[b] = model_.distribution == return_distribution::student_t
                      ? student_t_scale(draws + layout_.mixing_begin(), 1, model_.nu)
                      : 1.0;
    }

    // Each member's scenarios inside the tile: one, or an antithetic pair.
    const std::uint64_t last = tile.first + tile.count - 1;
    std::array<std::uint64_t, group_blocks> scenario_begin{};
    std::array<std::uint64_t, group_blocks> scenario_end{};
    for (std::int64_t b = 0; b < members; ++b) {
      const std::uint64_t block = block_begin_ + static_cast<std::uint64_t>(b0 + b);
      const std::uint64_t low = model_.antithetic ? 2 * block : block;
      const std::uint64_t high = model_.antithetic ? 2 * block + 1 : block;
      scenario_begin[b] = std::max(low, tile.first);
      scenario_end[b] = std::min(high, last) + 1;
    }

    const auto underlyings = static_cast<std::int64_t>(model_.underlyings());
    for (std::int64_t u = 0; u < underlyings; ++u) {
      const double* row = correlation_.loading + correlation_.row_begin(u);
      const std::int64_t length = correlation_.row_length(u);
      std::array<double, group_blocks> sum{};
      accumulate_group(row, length, common.data(), sum.data());
      for (std::int64_t b = 0; b < members; ++b) {
        const double* draws = block_draws(b0 + b);
        double gaussian = sum[b];
        if (correlation_.idio != nullptr) {
          gaussian += correlation_.idio[u] * draws[layout_.idio_begin() + u];
        }
        const double w = draws[layout_.vol_begin() + u];
        for (std::uint64_t s = scenario_begin[b]; s < scenario_end[b]; ++s) {
          const underlying_move move =
              scenario_move(gaussian, mixing[b], antithetic_sign(s, model_.antithetic), w,
                            model_.shock_scale[u], model_.return_drift[u], model_.vol);
          const std::size_t at = tile.at(static_cast<std::size_t>(u), s - tile.first);
          tile.log_return[at] = move.log_return;
          tile.spot_move[at] = move.spot_move;
          tile.vol_shift[at] = move.vol_shift;
        }
      }
    }
  }

  scenario_model model_;
  draw_layout layout_;
  correlation_view correlation_;
  int threads_;
  std::vector<std::unique_ptr<host_normal_stream>> streams_;
  std::vector<double> raw_;
  std::uint64_t block_begin_ = 0;
  std::int64_t blocks_ = 0;
};

}  // namespace

std::unique_ptr<scenario_generator> make_cpu_scenario_generator(const scenario_model& model,
                                                                int threads) {
  return std::make_unique<cpu_scenario_generator>(model, threads);
}

}  // namespace pmrisk::scenarios
