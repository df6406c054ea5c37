// The CUDA valuation backend: one stream, one grow-only device block and one pinned staging
// block, reused across batches. A batch is one host-to-device copy, the repricing kernel, the
// aggregation kernels (class groups, or accounts for Monte Carlo), one device-to-host copy and a
// single synchronisation. Events between those stages time them for stage_seconds().

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "account_pnl.cuh"
#include "aggregate.cuh"
#include "cuda_check.cuh"
#include "cuda_stream.cuh"
#include "device_buffer.cuh"
#include "kernel_stack.cuh"
#include "pmrisk/backend.hpp"
#include "pmrisk/detail/batch_preconditions.hpp"
#include "reprice.cuh"
#include "stage_events.cuh"
#include "staging.cuh"
#include "tuning.cuh"

namespace pmrisk {
namespace {

using cuda::cuda_error;

/// The device probe_cuda_device() describes; CUDA_VISIBLE_DEVICES picks which one that is.
constexpr int backend_device = 0;

/// Device memory kept out of what a batch may plan for: the CUDA context's own allocations,
/// allocation granularity and the packed layout's alignment padding. The larger of a floor and
/// a share of the device.
constexpr std::size_t memory_reserve_floor_bytes = std::size_t{256} << 20;
constexpr std::size_t memory_reserve_share = 64;  // 1/64 of total memory

/// Makes `device` current for the calling thread; returns it for member initialisers.
int select_device(int device) {
  PMRISK_CUDA_TRY(cudaSetDevice(device));
  return device;
}

class cuda_backend final : public valuation_backend {
 public:
  explicit cuda_backend(std::string description)
      : device_(select_device(backend_device)),
        description_(std::move(description)),
        tuning_(cuda::tuning_for_device(device_)) {
    stack_.reserve_for(pricing_model{});  // the production pricers; the lattice when first used
  }

  std::string name() const override { return description_; }

  /// Free device memory, plus the block this backend holds and reuses, less a reserve and the
  /// local memory the binomial tree's kernel would still take at its first launch.
  std::size_t available_memory_bytes() const override {
    select_device(device_);
    std::size_t free_bytes = 0;
    std::size_t total_bytes = 0;
    PMRISK_CUDA_TRY(cudaMemGetInfo(&free_bytes, &total_bytes));
    const std::size_t usable = free_bytes + device_block_.capacity_bytes();
    const std::size_t reserve =
        std::max(memory_reserve_floor_bytes, total_bytes / memory_reserve_share) +
        stack_.unreserved_bytes();
    return usable > reserve ? usable - reserve : 0;
  }

  /// Not thread-safe: one batch at a time per backend (the stream and buffers are shared).
  void value_batch(const valuation_inputs& inputs, const series_view& series,
                   const class_group_view& groups, const class_group_outputs& out) override {
    detail::check_batch(inputs.grid, series, groups, out);
    if (groups.count == 0) return;  // no outputs to produce
    select_device(device_);

    const cuda::batch_inputs host = batch_of(inputs, series, groups);
    const cuda::batch_layout layout = cuda::plan_layout(host);
    const cuda::batch_inputs device = stage(inputs, host, layout);
    run_synchronised([&] { enqueue_batch(inputs, device, layout); });
    add_stage_seconds();
    cuda::unpack_outputs(staging_block_.data() + layout.output_offset, out, groups.count,
                         inputs.grid.stride);
  }

  /// As value_batch, with the account sums in place of the class groups' outputs.
  void value_accounts(const valuation_inputs& inputs, const series_view& series,
                      const class_group_view& groups, const account_view& accounts,
                      double* account_pnl) override {
    detail::check_account_batch(inputs.grid, series, groups, accounts, account_pnl);
    if (accounts.count == 0) return;  // no outputs to produce
    select_device(device_);

    const cuda::account_batch_inputs host{batch_of(inputs, series, groups), accounts};
    const cuda::batch_layout layout = cuda::plan_layout(host);
    const cuda::account_batch_inputs device = stage(inputs, host, layout);
    run_synchronised([&] { enqueue_accounts(inputs, device, layout); });
    add_stage_seconds();
    std::memcpy(account_pnl, staging_block_.data() + layout.output_offset, layout.output_bytes);
  }

  backend_stage_seconds stage_seconds() const override { return stage_seconds_; }

 private:
  /// Adds the batch just synchronised to the stage times, and the device memory in use now,
  /// while the batch's blocks are held, to the peak.
  void add_stage_seconds() {
    using cuda::batch_mark;
    stage_seconds_.transfer += events_.seconds(batch_mark::start, batch_mark::copied_in) +
                               events_.seconds(batch_mark::aggregated, batch_mark::copied_out);
    stage_seconds_.reprice += events_.seconds(batch_mark::copied_in, batch_mark::repriced);
    stage_seconds_.aggregate += events_.seconds(batch_mark::repriced, batch_mark::aggregated);
    std::size_t free_bytes = 0;
    std::size_t total_bytes = 0;
    PMRISK_CUDA_TRY(cudaMemGetInfo(&free_bytes, &total_bytes));
    stage_seconds_.peak_device_bytes =
        std::max(stage_seconds_.peak_device_bytes, total_bytes - free_bytes);
  }

  static cuda::batch_inputs batch_of(const valuation_inputs& inputs, const series_view& series,
                                     const class_group_view& groups) {
    const std::size_t positions =
        groups.count == 0 ? 0 : static_cast<std::size_t>(groups.position_begin[groups.count]);
    return {series, inputs.grid, groups, positions};
  }

  /// Makes room for the batch and packs its inputs into the staging block; returns the views
  /// re-pointed at the device block.
  template <class Inputs>
  Inputs stage(const valuation_inputs& inputs, const Inputs& host,
               const cuda::batch_layout& layout) {
    stack_.reserve_for(inputs.model);
    device_block_.reserve(layout.device_bytes);
    staging_block_.reserve(layout.staging_bytes());
    return cuda::pack_inputs(host, staging_block_.data(), device_block_.data());
  }

  /// Queues the work and waits for it. Work already queued may still read or write the staging
  /// block when something throws; it is drained before the next batch reuses the block, and
  /// its own error, if any, is the one thrown.
  template <class Enqueue>
  void run_synchronised(Enqueue&& enqueue) {
    try {
      enqueue();
      stream_.synchronize();
    } catch (...) {
      PMRISK_CUDA_TRY_NO_THROW(cudaStreamSynchronize(stream_.get()));
      throw;
    }
  }

  /// Copies in, reprices, sums per account and copies out, all queued on the stream.
  void enqueue_accounts(const valuation_inputs& inputs, const cuda::account_batch_inputs& device,
                        const cuda::batch_layout& layout) {
    const cudaStream_t stream = stream_.get();
    std::byte* device_base = device_block_.data();
    std::byte* staging_base = staging_block_.data();
    events_.record(cuda::batch_mark::start, stream);
    PMRISK_CUDA_TRY(cudaMemcpyAsync(device_base, staging_base, layout.input_bytes,
                                    cudaMemcpyHostToDevice, stream));
    events_.record(cuda::batch_mark::copied_in, stream);
    auto* series_pnl = reinterpret_cast<double*>(device_base + layout.pnl_offset);
    cuda::reprice_series(device.batch, inputs.rate, inputs.model, series_pnl, tuning_, stream);
    events_.record(cuda::batch_mark::repriced, stream);
    auto* account_pnl = reinterpret_cast<double*>(device_base + layout.output_offset);
    cuda::sum_account_pnl(device, series_pnl, account_pnl, tuning_, stream);
    events_.record(cuda::batch_mark::aggregated, stream);
    PMRISK_CUDA_TRY(cudaMemcpyAsync(staging_base + layout.output_offset,
                                    device_base + layout.output_offset, layout.output_bytes,
                                    cudaMemcpyDeviceToHost, stream));
    events_.record(cuda::batch_mark::copied_out, stream);
  }

  /// Copies in, reprices, aggregates and copies out, all queued on the stream.
  void enqueue_batch(const valuation_inputs& inputs, const cuda::batch_inputs& device,
                     const cuda::batch_layout& layout) {
    const cudaStream_t stream = stream_.get();
    std::byte* device_base = device_block_.data();
    std::byte* staging_base = staging_block_.data();
    events_.record(cuda::batch_mark::start, stream);
    PMRISK_CUDA_TRY(cudaMemcpyAsync(device_base, staging_base, layout.input_bytes,
                                    cudaMemcpyHostToDevice, stream));
    events_.record(cuda::batch_mark::copied_in, stream);

    auto* series_pnl = reinterpret_cast<double*>(device_base + layout.pnl_offset);
    cuda::reprice_series(device, inputs.rate, inputs.model, series_pnl, tuning_, stream);
    events_.record(cuda::batch_mark::repriced, stream);

    const class_group_outputs device_out = cuda::place_outputs(
        device_base + layout.output_offset, device.groups.count, device.grid.stride);
    cuda::aggregate_class_groups(device, series_pnl, device_out, tuning_, stream);
    events_.record(cuda::batch_mark::aggregated, stream);

    PMRISK_CUDA_TRY(cudaMemcpyAsync(staging_base + layout.output_offset,
                                    device_base + layout.output_offset, layout.output_bytes,
                                    cudaMemcpyDeviceToHost, stream));
    events_.record(cuda::batch_mark::copied_out, stream);
  }

  int device_;
  std::string description_;
  cuda::launch_tuning tuning_;
  cuda::kernel_stack stack_;
  cuda::cuda_stream stream_;
  cuda::device_buffer device_block_;   ///< packed inputs, packed outputs, series P&L table
  cuda::pinned_buffer staging_block_;  ///< packed inputs and outputs, mirrored on the host
  cuda::stage_events events_;          ///< the batch in flight's stage marks
  backend_stage_seconds stage_seconds_;
};

}  // namespace

std::unique_ptr<valuation_backend> make_cuda_backend() {
  cuda_device_status status = probe_cuda_device();
  if (!status.usable) throw cuda_error("CUDA backend unavailable: " + status.description);
  return std::make_unique<cuda_backend>(std::move(status.description));
}

}  // namespace pmrisk
