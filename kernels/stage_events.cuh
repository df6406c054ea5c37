#pragma once
// CUDA events around the stages of one batch on a stream, so the backend can say where device
// time went (copies in, repricing, aggregation, copies out) without synchronising in between.

#include <cuda_runtime.h>

#include <array>
#include <cstddef>

#include "cuda_check.cuh"

namespace pmrisk::cuda {

/// One event, created with timing enabled.
class cuda_event {
 public:
  cuda_event() { PMRISK_CUDA_TRY(cudaEventCreate(&event_)); }
  cuda_event(const cuda_event&) = delete;
  cuda_event& operator=(const cuda_event&) = delete;
  ~cuda_event() { PMRISK_CUDA_TRY_NO_THROW(cudaEventDestroy(event_)); }

  cudaEvent_t get() const { return event_; }

 private:
  cudaEvent_t event_ = nullptr;
};

/// The marks between a batch's stages, in stream order.
enum class batch_mark : std::size_t { start, copied_in, repriced, aggregated, copied_out, count };

class stage_events {
 public:
  void record(batch_mark mark, cudaStream_t stream) {
    PMRISK_CUDA_TRY(cudaEventRecord(events_[static_cast<std::size_t>(mark)].get(), stream));
  }

  /// Seconds between two recorded marks; only once the stream has passed `to`.
  double seconds(batch_mark from, batch_mark to) const {
    float milliseconds = 0;
    PMRISK_CUDA_TRY(cudaEventElapsedTime(&milliseconds,
                                         events_[static_cast<std::size_t>(from)].get(),
                                         events_[static_cast<std::size_t>(to)].get()));
    return static_cast<double>(milliseconds) / 1000;
  }

 private:
  std::array<cuda_event, static_cast<std::size_t>(batch_mark::count)> events_;
};

}  // namespace pmrisk::cuda
