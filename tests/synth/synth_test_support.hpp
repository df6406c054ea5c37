#pragma once
// A small synthetic firm shared by the synth tests, and the accounts it generates.

#include <vector>

#include "pmrisk/io.hpp"
#include "pmrisk/synth.hpp"
#include "synth/account_book.hpp"
#include "synth/firm_model.hpp"

namespace pmrisk::synth::testing {

inline constexpr const char* test_asof = "2026-11-20";

inline firm_spec small_firm_spec(std::int64_t accounts = 2000, std::uint64_t seed = 20261120) {
  firm_spec spec;
  spec.accounts = accounts;
  spec.underlyings = 500;
  spec.seed = seed;
  spec.asof_day = parse_date(test_asof, {"test"});
  return spec;
}

/// Every account of the firm, generated in memory.
inline std::vector<account_book> generate_all(const firm_model& model) {
  std::vector<account_book> books(static_cast<std::size_t>(model.spec.accounts));
  for (std::size_t a = 0; a < books.size(); ++a) {
    generate_account(model, static_cast<std::int64_t>(a), books[a]);
  }
  return books;
}

}  // namespace pmrisk::synth::testing
