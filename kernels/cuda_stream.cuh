#pragma once
// RAII CUDA stream: one per backend, so a batch's copies and kernels are ordered without
// touching the legacy default stream.

#include <cuda_runtime.h>

#include "cuda_check.cuh"

namespace pmrisk::cuda {

class cuda_stream {
 public:
  /// Non-blocking: work on this stream never serialises against the legacy default stream.
  cuda_stream() { PMRISK_CUDA_TRY(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking)); }
  cuda_stream(const cuda_stream&) = delete;
  cuda_stream& operator=(const cuda_stream&) = delete;
  ~cuda_stream() { PMRISK_CUDA_TRY_NO_THROW(cudaStreamDestroy(stream_)); }

  cudaStream_t get() const { return stream_; }

  /// Waits for everything queued so far; throws the first error any of it raised.
  void synchronize() const { PMRISK_CUDA_TRY(cudaStreamSynchronize(stream_)); }

 private:
  cudaStream_t stream_ = nullptr;
};

}  // namespace pmrisk::cuda
