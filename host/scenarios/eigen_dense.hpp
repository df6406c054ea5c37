#pragma once
// Eigen's dense linear algebra as the scenario model uses it: single-threaded and with fixed
// cache-blocking sizes, so a factorisation's last bits do not depend on the machine's caches or
// on OpenMP's thread count (Eigen otherwise reads both at run time).

#define EIGEN_DONT_PARALLELIZE
#include <Eigen/Dense>

#include <mutex>

namespace pmrisk::scenarios {

using dense_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Call before any factorisation.
inline void pin_eigen_blocking() {
  static std::once_flag once;
  std::call_once(once, [] { Eigen::setCpuCacheSizes(32 << 10, 1 << 20, 8 << 20); });
}

}  // namespace pmrisk::scenarios
