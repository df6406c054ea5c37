#include "capacity/peak_memory.hpp"

#include <sys/resource.h>

namespace pmrisk::capacity {

std::size_t peak_host_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  // Linux reports ru_maxrss in KiB.
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;
}

}  // namespace pmrisk::capacity
