#pragma once
// Full unrolling of short fixed-count loops in the shared math. In device code it keeps small
// local arrays (quadrature nodes, the four terms of a sum) in registers instead of local memory.
// nvcc's host pass gets nothing: it rejects GCC's spelling and GCC ignores nvcc's.

#if defined(__CUDA_ARCH__)
#define PMRISK_UNROLL _Pragma("unroll")
#elif defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#define PMRISK_UNROLL _Pragma("GCC unroll 16")
#else
#define PMRISK_UNROLL
#endif
