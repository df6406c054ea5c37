// Device detection: without a usable device the probe says why and the backend factory throws
// (never crashes); with one, the backend names the device the probe describes.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "cuda/cuda_test_support.hpp"
#include "pmrisk/backend.hpp"

namespace pmrisk::test {
namespace {

TEST(CudaDeviceProbe, RepeatedProbesAgree) {
  // The probe clears the error a failed driver call leaves behind, so a second probe sees the
  // same machine as the first.
  const cuda_device_status first = probe_cuda_device();
  const cuda_device_status second = probe_cuda_device();
  EXPECT_EQ(first.usable, second.usable);
  EXPECT_EQ(first.description, second.description);
}

TEST(CudaDeviceProbe, WithoutADeviceSaysWhyAndTheFactoryThrows) {
  const cuda_device_status status = probe_cuda_device();
  if (status.usable) GTEST_SKIP() << "a CUDA device is usable: " << status.description;
  EXPECT_FALSE(status.description.empty());
  try {
    make_cuda_backend();
    FAIL() << "make_cuda_backend() returned without a usable device";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(status.description), std::string::npos)
        << "the error should carry the probe's reason; got: " << e.what();
  }
}

TEST(CudaDeviceProbe, WithADeviceTheBackendIsNamedAfterIt) {
  PMRISK_SKIP_WITHOUT_CUDA_DEVICE();
  const cuda_device_status status = probe_cuda_device();
  EXPECT_NE(status.description.find("sm_"), std::string::npos) << status.description;
  EXPECT_EQ(make_cuda_backend()->name(), status.description);
}

}  // namespace
}  // namespace pmrisk::test
