#pragma once
// RAII memory for the CUDA backend: device buffers and pinned host staging, both grow-only so a
// backend reuses them across batches instead of allocating per batch.

#include <cuda_runtime.h>

#include <cstddef>
#include <utility>

#include "cuda_check.cuh"

namespace pmrisk::cuda {

/// Owns one allocation made by Allocate/Release (device or pinned host memory). Growing frees
/// the old block before allocating the new one, so the peak is the larger block, not both; the
/// contents are not preserved. Callers grow only between batches, when no work is in flight on
/// the memory.
template <cudaError_t (*Allocate)(void**, std::size_t), cudaError_t (*Release)(void*)>
class raw_buffer {
 public:
  raw_buffer() = default;
  raw_buffer(const raw_buffer&) = delete;
  raw_buffer& operator=(const raw_buffer&) = delete;
  raw_buffer(raw_buffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}
  raw_buffer& operator=(raw_buffer&& other) noexcept {
    if (this != &other) {
      reset();
      data_ = std::exchange(other.data_, nullptr);
      bytes_ = std::exchange(other.bytes_, 0);
    }
    return *this;
  }
  ~raw_buffer() { reset(); }

  /// Makes the buffer hold at least `bytes`; a no-op when it already does.
  void reserve(std::size_t bytes) {
    if (bytes <= bytes_) return;
    reset();
    void* fresh = nullptr;
    PMRISK_CUDA_TRY(Allocate(&fresh, bytes));
    data_ = fresh;
    bytes_ = bytes;
  }

  std::byte* data() const { return static_cast<std::byte*>(data_); }
  std::size_t capacity_bytes() const { return bytes_; }

 private:
  void reset() noexcept {
    if (data_ != nullptr) PMRISK_CUDA_TRY_NO_THROW(Release(data_));
    data_ = nullptr;
    bytes_ = 0;
  }

  void* data_ = nullptr;
  std::size_t bytes_ = 0;
};

namespace detail {
// cudaMalloc and cudaMallocHost are templates or overloaded in cuda_runtime.h; these pin down the
// exact signatures raw_buffer takes.
inline cudaError_t device_allocate(void** ptr, std::size_t bytes) {
  return cudaMalloc(ptr, bytes);
}
inline cudaError_t device_release(void* ptr) {
  return cudaFree(ptr);
}
inline cudaError_t pinned_allocate(void** ptr, std::size_t bytes) {
  return cudaMallocHost(ptr, bytes);
}
inline cudaError_t pinned_release(void* ptr) {
  return cudaFreeHost(ptr);
}
}  // namespace detail

/// Global memory on the current device.
using device_buffer = raw_buffer<detail::device_allocate, detail::device_release>;

/// Page-locked host memory, so stream copies to and from it are truly asynchronous.
using pinned_buffer = raw_buffer<detail::pinned_allocate, detail::pinned_release>;

}  // namespace pmrisk::cuda
