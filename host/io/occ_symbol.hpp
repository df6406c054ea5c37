#pragma once
// OCC option symbols (OSI, 2010): root padded to 6 characters, expiry YYMMDD, C or P, and the
// strike x 1000 in 8 digits, e.g. "IBM   070420C00100000". The unpadded "IBM070420C00100000"
// is accepted too.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pmrisk/instrument.hpp"

namespace pmrisk::io {

struct occ_contract {
  std::string_view root;  ///< view into the parsed text
  instrument_kind kind = instrument_kind::call;
  double strike = 0;
  std::int32_t expiry_day = 0;  ///< days since 1970-01-01; YY is read as 20YY
};

/// nullopt when the text is not an OCC symbol, and `problem` says why.
std::optional<occ_contract> parse_occ_symbol(std::string_view text, std::string& problem);

}  // namespace pmrisk::io
