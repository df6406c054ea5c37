#include "io/implied_vol_batch.hpp"

#include <fmt/format.h>

#include <cstring>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>

#include "pmrisk/error.hpp"
#include "pmrisk/pricing/black76.hpp"
#include "pmrisk/pricing/implied_vol.hpp"
#include "pmrisk/pricing/series_pricer.hpp"

namespace pmrisk::io {
namespace {

std::string_view kind_name(instrument_kind kind) {
  switch (kind) {
    case instrument_kind::call:
      return "call";
    case instrument_kind::put:
      return "put";
    case instrument_kind::future_call:
      return "future_call";
    case instrument_kind::future_put:
      return "future_put";
    case instrument_kind::stock:
    case instrument_kind::future:
      break;
  }
  throw logic_error("only options have an implied vol");
}

template <typename T>
std::size_t hash_bits(std::size_t seed, T value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof value);
  // splitmix64 finaliser: spreads strikes and prices that differ in their low bits.
  bits += seed + 0x9E3779B97F4A7C15ULL;
  bits = (bits ^ (bits >> 30)) * 0xBF58476D1CE4E5B9ULL;
  bits = (bits ^ (bits >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<std::size_t>(bits ^ (bits >> 31));
}

}  // namespace

std::size_t implied_vol_batch::quote_hash::operator()(const quote& q) const noexcept {
  std::size_t h = hash_bits(0, q.underlying);
  h = hash_bits(h, static_cast<std::uint16_t>(static_cast<unsigned>(q.kind) << 8 |
                                              static_cast<unsigned>(q.style)));
  h = hash_bits(h, q.strike);
  h = hash_bits(h, q.expiry_day);
  return hash_bits(h, q.price);
}

void implied_vol_batch::add(std::size_t position_index, const position& p, double price,
                            source_location price_cell) {
  const quote series{p.underlying, p.kind, p.style, p.strike, p.expiry_day, price};
  const auto [it, inserted] =
      request_of_quote_.try_emplace(series, static_cast<std::int32_t>(requests_.size()));
  if (inserted) requests_.push_back({series, p.years, std::move(price_cell)});
  position_requests_.emplace_back(position_index, it->second);
}

void implied_vol_batch::solve(std::vector<position>& positions, const market_data& market,
                              const engine_config& config) const {
  const auto terms_of = [&](const solve_request& request) {
    const quote& q = request.series;
    const underlying& u = market.underlyings[static_cast<std::size_t>(q.underlying)];
    // An option on a future is priced as Black-76: zero cost of carry.
    return make_series_terms(pricing_kind(q.kind), q.style, q.strike, request.years, config.rate,
                             carry_div_yield(q.kind, config.rate, u.div_yield), config.model);
  };
  const auto spot_of = [&](const quote& q) {
    return market.underlyings[static_cast<std::size_t>(q.underlying)].price;
  };

  std::vector<std::optional<double>> vols(requests_.size());
  std::exception_ptr failure;  // a broken pricing precondition must not escape the parallel loop
  std::mutex failure_mutex;
  const auto count = static_cast<std::ptrdiff_t>(requests_.size());
#pragma omp parallel for schedule(dynamic)
  for (std::ptrdiff_t i = 0; i < count; ++i) {
    try {
      const solve_request& request = requests_[i];
      vols[i] = implied_vol(terms_of(request), spot_of(request.series), request.series.price);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);

  // Requests are numbered in file order, so the first failure is the earliest row's.
  for (std::size_t i = 0; i < requests_.size(); ++i) {
    if (vols[i]) continue;
    const solve_request& request = requests_[i];
    const quote& q = request.series;
    const series_terms terms = terms_of(request);
    const double spot = spot_of(q);
    const std::string series =
        fmt::format("{} {} strike {} expiring in {:.6g} years at spot {}",
                    market.underlyings[static_cast<std::size_t>(q.underlying)].symbol,
                    kind_name(q.kind), q.strike, request.years, spot);
    const price_bounds bounds = no_arbitrage_bounds(terms, spot);
    if (q.price < bounds.lower || q.price > bounds.upper) {
      throw input_error(request.price_cell,
                        fmt::format("price {} is outside the no-arbitrage bounds [{:.6g}, {:.6g}] "
                                    "of the {}",
                                    q.price, bounds.lower, bounds.upper, series));
    }
    throw input_error(
        request.price_cell,
        fmt::format("no vol in [{}, {}] reproduces price {} for the {}: the model values it "
                    "from {:.6g} to {:.6g} over that range",
                    min_implied_vol, max_implied_vol, q.price, series,
                    price_series(terms, spot, min_implied_vol),
                    price_series(terms, spot, max_implied_vol)));
  }
  for (const auto& [position_index, request] : position_requests_) {
    positions[position_index].vol = *vols[static_cast<std::size_t>(request)];
  }
}

}  // namespace pmrisk::io
