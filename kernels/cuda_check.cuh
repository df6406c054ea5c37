#pragma once
// One error-check macro family for CUDA calls: throw with the call's text and location.

#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

namespace pmrisk::cuda {

class cuda_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failed runtime call also sets the thread's last-error state, which cudaPeekAtLastError()
// would report again at the next launch check. Errors are consumed where they are handled, so
// a later check sees only its own launch.
[[noreturn]] inline void throw_cuda_error(cudaError_t status, const char* call, const char* file,
                                          int line) {
  static_cast<void>(cudaGetLastError());
  throw cuda_error(std::string(file) + ":" + std::to_string(line) + ": " + call + " failed: " +
                   cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ")");
}

inline void drop_cuda_error(cudaError_t status) noexcept {
  if (status != cudaSuccess) static_cast<void>(cudaGetLastError());
}

}  // namespace pmrisk::cuda

/// Throws pmrisk::cuda::cuda_error naming the call, file, line and CUDA error.
#define PMRISK_CUDA_TRY(call)                                                           \
  do {                                                                                  \
    cudaError_t pmrisk_cuda_status_ = (call);                                           \
    if (pmrisk_cuda_status_ != cudaSuccess)                                             \
      ::pmrisk::cuda::throw_cuda_error(pmrisk_cuda_status_, #call, __FILE__, __LINE__); \
  } while (0)

/// For destructors and cleanup: a failed release must not throw; the error is dropped on purpose.
#define PMRISK_CUDA_TRY_NO_THROW(call) ::pmrisk::cuda::drop_cuda_error(call)

/// After a kernel launch: catches bad launch configurations at the launch site.
#define PMRISK_CUDA_CHECK_LAUNCH() PMRISK_CUDA_TRY(cudaPeekAtLastError())
