// SPDX-License-Identifier: MIT
// SIMT_X86_V4_CLONES: a host function compiled twice, for the x86-64 baseline and for x86-64-v4
// (AVX-512 with 256-bit vectors, gathers and masks), the second picked at load time where the
// CPU runs it (GCC's function multiversioning): one binary for any x86-64. GCC 12 vectorises a
// gather loop with selects in it only at v4 (at AVX2 it finds "control flow"). For loops whose
// results do not depend on the vector width: no FMA (-ffp-contract=off on the file) and sums in a
// fixed number of partial sums. Empty under nvcc and other compilers.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#define SIMT_X86_V4_CLONES [[gnu::target_clones("default", "arch=x86-64-v4")]]
#else
#define SIMT_X86_V4_CLONES
#endif
