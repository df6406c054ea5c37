// Detects whether a CUDA device is usable, without crashing when there is no driver.

#include <cstdio>
#include <string>

#include "cuda_check.cuh"
#include "pmrisk/backend.hpp"

namespace pmrisk {

cuda_device_status probe_cuda_device() {
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();  // clear the error so later CUDA calls start clean
    return {false, std::string("no usable CUDA driver or device (") +
                       cudaGetErrorString(status) + ")"};
  }
  if (count == 0) return {false, "no CUDA device found"};
  cudaDeviceProp props{};
  PMRISK_CUDA_TRY(cudaGetDeviceProperties(&props, 0));
  char memory[32];
  std::snprintf(memory, sizeof memory, "%.1f GiB",
                static_cast<double>(props.totalGlobalMem) / double(1 << 30));
  return {true, std::string(props.name) + " (sm_" + std::to_string(props.major) +
                    std::to_string(props.minor) + ", " + memory + ")"};
}

}  // namespace pmrisk
