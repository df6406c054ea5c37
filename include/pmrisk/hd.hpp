#pragma once
// Marks the shared pricing and scenario math as callable from both backends.

#if defined(__CUDACC__)
#define PMRISK_HD __host__ __device__
#define PMRISK_HD_INLINE __host__ __device__ __forceinline__
#else
#define PMRISK_HD
#define PMRISK_HD_INLINE inline
#endif
