// SPDX-License-Identifier: MIT
// y = A x for one fixed CSR matrix and fixed x, y on the GPU, through cuSPARSE's generic
// cusparseSpMV (CUDA builds only). The handle is made on first construction on the GPU path:
// cusparseCreate fails without a GPU, so the CPU path never builds one of these.
#pragma once
#include <memory>
#include <simt/core/context.hpp>

namespace simt::stencils {
template <class Real>
class CusparseSpmv {
   public:
    /// Device arrays: row_start (rows + 1), column and value (nnz), x and y (rows).
    CusparseSpmv(const Context& ctx, int rows, int nnz, int* row_start, int* column, Real* value, Real* x, Real* y);
    ~CusparseSpmv();
    CusparseSpmv(const CusparseSpmv&) = delete;
    CusparseSpmv& operator=(const CusparseSpmv&) = delete;
    /// Queues y = A x on the context's stream.
    void multiply();

   private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};
}  // namespace simt::stencils
