// The CUDA scenario generator: cuRAND's device Philox generator fills a tile's normals in the
// same stream order as the CPU generator's host one, the kernels of scenario_kernels.cu turn
// them into moves, and the moves are copied to the host tile.

#include <curand.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cuda_check.cuh"
#include "cuda_stream.cuh"
#include "device_buffer.cuh"
#include "pmrisk/backend.hpp"
#include "pmrisk/scenarios/curand_check.hpp"
#include "pmrisk/scenarios/scenario_generator.hpp"
#include "scenario_kernels.cuh"

namespace pmrisk::scenarios {
namespace {

// The seed's stream of normals, addressed by element offset exactly as host_normal_stream is.
class device_normal_stream {
 public:
  device_normal_stream(std::uint64_t seed, cudaStream_t stream) {
    PMRISK_CURAND_TRY(curandCreateGenerator(&generator_, CURAND_RNG_PSEUDO_PHILOX4_32_10));
    try {
      PMRISK_CURAND_TRY(curandSetPseudoRandomGeneratorSeed(generator_, seed));
      PMRISK_CURAND_TRY(curandSetStream(generator_, stream));
    } catch (...) {
      PMRISK_CURAND_TRY_NO_THROW(curandDestroyGenerator(generator_));
      throw;
    }
  }
  device_normal_stream(const device_normal_stream&) = delete;
  device_normal_stream& operator=(const device_normal_stream&) = delete;
  ~device_normal_stream() { PMRISK_CURAND_TRY_NO_THROW(curandDestroyGenerator(generator_)); }

  /// Queues stream elements [offset, offset + count) into device memory at out.
  void fill(std::uint64_t offset, std::int64_t count, double* out) {
    for (std::int64_t done = 0; done < count; done += max_normals_per_call) {
      const std::int64_t size = std::min(max_normals_per_call, count - done);
      PMRISK_CURAND_TRY(
          curandSetGeneratorOffset(generator_, offset + static_cast<std::uint64_t>(done)));
      PMRISK_CURAND_TRY(curandGenerateNormalDouble(generator_, out + done,
                                                   static_cast<std::size_t>(size), 0.0, 1.0));
    }
  }

 private:
  curandGenerator_t generator_ = nullptr;
};

double* device_doubles(cuda::device_buffer& buffer, std::size_t count) {
  buffer.reserve(std::max<std::size_t>(count, 1) * sizeof(double));
  return reinterpret_cast<double*>(buffer.data());
}

const double* upload(cuda::device_buffer& buffer, const std::vector<double>& values,
                     cudaStream_t stream) {
  double* device = device_doubles(buffer, values.size());
  PMRISK_CUDA_TRY(cudaMemcpyAsync(device, values.data(), values.size() * sizeof(double),
                                  cudaMemcpyHostToDevice, stream));
  return device;
}

class cuda_scenario_generator final : public scenario_generator {
 public:
  cuda_scenario_generator(const scenario_model& model, std::string device)
      : device_(std::move(device)),
        layout_(model.layout()),
        underlyings_(static_cast<std::int64_t>(model.underlyings())),
        antithetic_(model.antithetic),
        normals_(model.seed, stream_.get()) {
    const cudaStream_t stream = stream_.get();
    view_.correlation = model.correlation_on_host();
    view_.correlation.loading = upload(loading_, model.correlation.loading, stream);
    view_.correlation.idio =
        model.correlation.idio.empty() ? nullptr : upload(idio_, model.correlation.idio, stream);
    view_.layout = layout_;
    view_.vol = model.vol;
    view_.shock_scale = upload(shock_scale_, model.shock_scale, stream);
    view_.return_drift = upload(return_drift_, model.return_drift, stream);
    view_.nu = model.distribution == return_distribution::student_t ? model.nu : 0;
    view_.antithetic = model.antithetic;
    stream_.synchronize();
  }

  std::string name() const override { return "cuda (" + device_ + ")"; }

  void generate(std::uint64_t first, std::size_t count, scenario_tile& tile) override {
    const auto n = static_cast<std::size_t>(underlyings_);
    tile.first = first;
    tile.count = count;
    tile.underlyings = n;
    tile.log_return.resize(n * count);
    tile.spot_move.resize(n * count);
    tile.vol_shift.resize(n * count);
    if (count == 0) return;

    const cudaStream_t stream = stream_.get();
    const std::uint64_t block_begin = draw_block(first, antithetic_);
    const auto blocks =
        static_cast<std::int64_t>(draw_block(first + count - 1, antithetic_) - block_begin) + 1;
    const std::int64_t total = blocks * layout_.per_scenario;
    double* raw = device_doubles(raw_, static_cast<std::size_t>(total));
    double* draw_major = device_doubles(draw_major_, static_cast<std::size_t>(total));
    normals_.fill(block_begin * static_cast<std::uint64_t>(layout_.per_scenario), total, raw);
    cuda::transpose_draws(raw, draw_major, blocks, layout_.per_scenario, stream);

    const std::size_t size = n * count;
    double* moves = device_doubles(moves_, 3 * size);
    cuda::scenario_tile_view out;
    out.first = first;
    out.count = static_cast<std::int64_t>(count);
    out.log_return = moves;
    out.spot_move = moves + size;
    out.vol_shift = moves + 2 * size;
    cuda::scenario_moves(view_, draw_major, block_begin, blocks, out, stream);

    const std::size_t bytes = size * sizeof(double);
    PMRISK_CUDA_TRY(cudaMemcpyAsync(tile.log_return.data(), out.log_return, bytes,
                                    cudaMemcpyDeviceToHost, stream));
    PMRISK_CUDA_TRY(cudaMemcpyAsync(tile.spot_move.data(), out.spot_move, bytes,
                                    cudaMemcpyDeviceToHost, stream));
    PMRISK_CUDA_TRY(cudaMemcpyAsync(tile.vol_shift.data(), out.vol_shift, bytes,
                                    cudaMemcpyDeviceToHost, stream));
    stream_.synchronize();
  }

 private:
  std::string device_;
  draw_layout layout_;
  std::int64_t underlyings_ = 0;
  bool antithetic_ = false;
  cuda::cuda_stream stream_;
  device_normal_stream normals_;  // after stream_: destroyed before the stream it runs on
  cuda::device_buffer loading_;
  cuda::device_buffer idio_;
  cuda::device_buffer shock_scale_;
  cuda::device_buffer return_drift_;
  cuda::device_buffer raw_;
  cuda::device_buffer draw_major_;
  cuda::device_buffer moves_;
  cuda::scenario_model_view view_;
};

}  // namespace

std::unique_ptr<scenario_generator> make_cuda_scenario_generator(const scenario_model& model) {
  const cuda_device_status status = probe_cuda_device();
  if (!status.usable) {
    throw std::runtime_error("no CUDA device for scenario generation: " + status.description);
  }
  return std::make_unique<cuda_scenario_generator>(model, status.description);
}

}  // namespace pmrisk::scenarios
