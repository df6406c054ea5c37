#pragma once
// The process's peak host memory, as the operating system counts it.

#include <cstddef>

namespace pmrisk::capacity {

/// The largest resident set the process has had so far (getrusage ru_maxrss), in bytes. A
/// high-water mark: it never falls, so within one process a later, smaller run reports the
/// peak of an earlier, larger one.
std::size_t peak_host_bytes();

}  // namespace pmrisk::capacity
