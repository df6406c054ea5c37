#pragma once
// The generator's random numbers: std::mt19937_64 (its output is fixed by the C++ standard) with
// every transform written out here, since the standard library's distributions are
// implementation-defined and would make the files depend on the compiler.

#include <cstdint>
#include <random>
#include <vector>

namespace pmrisk::synth {

/// A seed for one independent stream: SplitMix64 (Steele, Lea, Flood 2014) over the firm's seed,
/// a stream tag and an index, so account i's stream depends on nothing but (seed, i).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

class random_stream {
 public:
  explicit random_stream(std::uint64_t seed) : engine_(seed) {}

  /// [0, 1) with 53 random bits: the top bits of one draw times 2^-53.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  /// [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  /// (0, 1]: safe under log and negative powers.
  double open_uniform() { return static_cast<double>((engine_() >> 11) + 1) * 0x1.0p-53; }

  /// Uniform on [0, n), n >= 1, without modulo bias (draws in the biased top range are redrawn).
  std::uint64_t below(std::uint64_t n);

  bool chance(double probability) { return uniform() < probability; }

  /// Standard normal by Marsaglia's polar method; the pair's second value serves the next call.
  double normal();

  /// median x exp(sigma x normal()).
  double lognormal(double median, double sigma);

 private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0;
};

/// Draws index i with probability weights[i] / sum(weights), by bisection of the cumulative sums.
class weighted_choice {
 public:
  weighted_choice() = default;
  explicit weighted_choice(const std::vector<double>& weights);

  std::size_t pick(random_stream& random) const;
  std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace pmrisk::synth
