// Reserving the repricing kernels' local memory (host code; see kernel_stack.cuh).

#include <cuda_runtime.h>

#include <algorithm>

#include "cuda_check.cuh"
#include "kernel_stack.cuh"
#include "reprice.cuh"

namespace pmrisk::cuda {
namespace {

std::size_t local_bytes_for(const pricing_model& model) {
  std::size_t bytes = 0;
  PMRISK_CUDA_TRY(reprice_local_bytes(model, bytes));
  return bytes;
}

/// The largest frame of any model: the lattice's instance reaches every pricer.
std::size_t largest_local_bytes() {
  pricing_model tree;
  tree.american = american_model::binomial_tree;
  return std::max(local_bytes_for(pricing_model{}), local_bytes_for(tree));
}

std::size_t stack_limit() {
  std::size_t bytes = 0;
  PMRISK_CUDA_TRY(cudaDeviceGetLimit(&bytes, cudaLimitStackSize));
  return bytes;
}

}  // namespace

kernel_stack::kernel_stack() {
  int device = 0;
  int threads_per_multiprocessor = 0;
  int multiprocessors = 0;
  PMRISK_CUDA_TRY(cudaGetDevice(&device));
  PMRISK_CUDA_TRY(cudaDeviceGetAttribute(&threads_per_multiprocessor,
                                         cudaDevAttrMaxThreadsPerMultiProcessor, device));
  PMRISK_CUDA_TRY(cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, device));
  resident_threads_ = static_cast<std::size_t>(threads_per_multiprocessor) *
                      static_cast<std::size_t>(multiprocessors);
}

void kernel_stack::reserve_for(const pricing_model& model) const {
  const std::size_t needed = local_bytes_for(model);
  if (needed > stack_limit()) PMRISK_CUDA_TRY(cudaDeviceSetLimit(cudaLimitStackSize, needed));
}

std::size_t kernel_stack::unreserved_bytes() const {
  const std::size_t largest = largest_local_bytes();
  const std::size_t reserved = stack_limit();
  return largest > reserved ? (largest - reserved) * resident_threads_ : 0;
}

}  // namespace pmrisk::cuda
