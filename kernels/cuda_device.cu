// Detects whether a CUDA device is usable, without crashing when there is no driver.

#include <cstddef>
#include <cstdio>
#include <string>

#include "cuda_check.cuh"
#include "pmrisk/backend.hpp"
#include "reprice.cuh"

namespace pmrisk {
namespace {

/// A failed probe step as an unusable status; clears the error so later CUDA calls start clean.
cuda_device_status unusable(const std::string& step, cudaError_t status) {
  cudaGetLastError();
  return {false, step + " (" + cudaGetErrorName(status) + ": " + cudaGetErrorString(status) + ")"};
}

}  // namespace

cuda_device_status probe_cuda_device() {
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) return unusable("no usable CUDA driver or device", status);
  if (count == 0) return {false, "no CUDA device found"};

  cudaDeviceProp props{};
  status = cudaGetDeviceProperties(&props, 0);
  if (status != cudaSuccess) return unusable("cannot read CUDA device 0", status);
  const std::string device =
      std::string(props.name) + " (sm_" + std::to_string(props.major) + std::to_string(props.minor);

  // Creates the context and loads the kernels: fails when the device is busy or exclusive, or
  // when this build holds no code it can run.
  status = cudaSetDevice(0);
  if (status == cudaSuccess) {
    std::size_t local_bytes = 0;
    status = cuda::reprice_local_bytes(pricing_model{}, local_bytes);
  }
  if (status != cudaSuccess) return unusable(device + ") cannot run pmrisk's kernels", status);

  char memory[32];
  std::snprintf(memory, sizeof memory, "%.1f GiB",
                static_cast<double>(props.totalGlobalMem) / double(1 << 30));
  return {true, device + ", " + memory + ")"};
}

}  // namespace pmrisk
