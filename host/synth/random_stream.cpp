#include "synth/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pmrisk/error.hpp"

namespace pmrisk::synth {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  return splitmix64(splitmix64(splitmix64(seed) ^ stream) ^ index);
}

std::uint64_t random_stream::below(std::uint64_t n) {
  PMRISK_EXPECTS(n >= 1, "below() needs a non-empty range");
  constexpr std::uint64_t top = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = top - (top % n + 1) % n;  // draws <= limit cover each value equally
  std::uint64_t draw = engine_();
  while (draw > limit) draw = engine_();
  return draw % n;
}

double random_stream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u = 0, v = 0, s = 0;
  do {
    u = uniform(-1.0, 1.0);
    v = uniform(-1.0, 1.0);
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double scale = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = v * scale;
  has_spare_ = true;
  return u * scale;
}

double random_stream::lognormal(double median, double sigma) {
  return median * std::exp(sigma * normal());
}

weighted_choice::weighted_choice(const std::vector<double>& weights) {
  cumulative_.reserve(weights.size());
  double sum = 0;
  for (double w : weights) {
    PMRISK_EXPECTS(w >= 0, "weights are non-negative");
    sum += w;
    cumulative_.push_back(sum);
  }
  PMRISK_EXPECTS(sum > 0, "at least one weight is positive");
}

std::size_t weighted_choice::pick(random_stream& random) const {
  const double target = random.uniform() * cumulative_.back();
  // The first index whose cumulative weight exceeds the target; zero weights are never chosen.
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  return std::min(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

}  // namespace pmrisk::synth
