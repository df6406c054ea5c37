#pragma once
// The seed's stream of standard normals from cuRAND's Philox4x32-10 host generator, addressable
// by element offset, so any range of scenarios can be drawn on any thread.

#include <curand.h>

#include <cstdint>

namespace pmrisk::scenarios {

class host_normal_stream {
 public:
  explicit host_normal_stream(std::uint64_t seed);
  host_normal_stream(const host_normal_stream&) = delete;
  host_normal_stream& operator=(const host_normal_stream&) = delete;
  ~host_normal_stream();

  /// Writes stream elements [offset, offset + count) to out. Offset and count must be even
  /// (cuRAND makes normals in Box-Muller pairs).
  void fill(std::uint64_t offset, std::int64_t count, double* out);

 private:
  curandGenerator_t generator_ = nullptr;
};

}  // namespace pmrisk::scenarios
