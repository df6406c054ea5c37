#pragma once
// The repricing kernels' per-thread local memory (the pricers' stack frames; the binomial
// tree's lattice alone is 16 KB). The driver reserves a kernel's frame for every thread the
// device can hold, gigabytes on a large device, at its first launch; this makes that reservation
// explicit so it happens before batches are planned and sized, not in the middle of one.

#include <cstddef>

#include "pmrisk/instrument.hpp"

namespace pmrisk::cuda {

class kernel_stack {
 public:
  /// For the current device.
  kernel_stack();

  /// Raises the device's per-thread stack limit to what repricing with `model` needs; the driver
  /// reserves the memory now. A no-op once reserved.
  void reserve_for(const pricing_model& model) const;

  /// Device memory that repricing with any model could still take at its first launch, beyond
  /// what is reserved now.
  std::size_t unreserved_bytes() const;

 private:
  std::size_t resident_threads_ = 0;  ///< threads per multiprocessor x multiprocessors
};

}  // namespace pmrisk::cuda
