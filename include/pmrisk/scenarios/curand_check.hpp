#pragma once
// Error checking for cuRAND host-API calls, shared by the CPU and CUDA scenario generators.

#include <curand.h>

#include <stdexcept>
#include <string>

namespace pmrisk::scenarios {

class curand_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline const char* curand_status_name(curandStatus_t status) {
  switch (status) {
    case CURAND_STATUS_SUCCESS:
      return "CURAND_STATUS_SUCCESS";
    case CURAND_STATUS_VERSION_MISMATCH:
      return "CURAND_STATUS_VERSION_MISMATCH";
    case CURAND_STATUS_NOT_INITIALIZED:
      return "CURAND_STATUS_NOT_INITIALIZED";
    case CURAND_STATUS_ALLOCATION_FAILED:
      return "CURAND_STATUS_ALLOCATION_FAILED";
    case CURAND_STATUS_TYPE_ERROR:
      return "CURAND_STATUS_TYPE_ERROR";
    case CURAND_STATUS_OUT_OF_RANGE:
      return "CURAND_STATUS_OUT_OF_RANGE";
    case CURAND_STATUS_LENGTH_NOT_MULTIPLE:
      return "CURAND_STATUS_LENGTH_NOT_MULTIPLE";
    case CURAND_STATUS_DOUBLE_PRECISION_REQUIRED:
      return "CURAND_STATUS_DOUBLE_PRECISION_REQUIRED";
    case CURAND_STATUS_LAUNCH_FAILURE:
      return "CURAND_STATUS_LAUNCH_FAILURE";
    case CURAND_STATUS_PREEXISTING_FAILURE:
      return "CURAND_STATUS_PREEXISTING_FAILURE";
    case CURAND_STATUS_INITIALIZATION_FAILED:
      return "CURAND_STATUS_INITIALIZATION_FAILED";
    case CURAND_STATUS_ARCH_MISMATCH:
      return "CURAND_STATUS_ARCH_MISMATCH";
    case CURAND_STATUS_INTERNAL_ERROR:
      return "CURAND_STATUS_INTERNAL_ERROR";
  }
  return "unknown cuRAND status";
}

[[noreturn]] inline void throw_curand_error(curandStatus_t status, const char* call,
                                            const char* file, int line) {
  throw curand_error(std::string(file) + ":" + std::to_string(line) + ": " + call +
                     " failed: " + curand_status_name(status));
}

}  // namespace pmrisk::scenarios

/// Throws pmrisk::scenarios::curand_error naming the call, file, line and cuRAND status.
#define PMRISK_CURAND_TRY(call)                                                                  \
  do {                                                                                           \
    const curandStatus_t pmrisk_curand_status_ = (call);                                         \
    if (pmrisk_curand_status_ != CURAND_STATUS_SUCCESS)                                          \
      ::pmrisk::scenarios::throw_curand_error(pmrisk_curand_status_, #call, __FILE__, __LINE__); \
  } while (0)

/// For destructors: a failed release must not throw; the status is dropped on purpose.
#define PMRISK_CURAND_TRY_NO_THROW(call) static_cast<void>(call)
