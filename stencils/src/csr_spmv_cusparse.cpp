// SPDX-License-Identifier: MIT
// cuSPARSE's generic SpMV behind CusparseSpmv; host code (no kernels), CUDA builds only.
#include "csr_spmv_cusparse.hpp"

#include <cuda_runtime.h>
#include <cusparse.h>
#include <type_traits>
#include <simt/core/buffer.hpp>
#include "cuda_library_check.hpp"

namespace simt::stencils {
template <class Real>
struct CusparseSpmv<Real>::Impl {
    cusparseHandle_t handle = nullptr;
    cusparseSpMatDescr_t matrix = nullptr;
    cusparseDnVecDescr_t x = nullptr, y = nullptr;
    Buffer<unsigned char> workspace;
    static constexpr cudaDataType type = std::is_same_v<Real, float> ? CUDA_R_32F : CUDA_R_64F;
    // CSR_ALG2 gives the same bits on every run (cuSPARSE documentation): restart stays exact.
    static constexpr cusparseSpMVAlg_t algorithm = CUSPARSE_SPMV_CSR_ALG2;
};

template <class Real>
CusparseSpmv<Real>::CusparseSpmv(const Context& ctx, int rows, int nnz, int* row_start, int* column, Real* value,
                                 Real* x, Real* y)
    : m_impl(std::make_unique<Impl>()) {
    Impl& s = *m_impl;
    SIMT_CUSPARSE_CHECK(cusparseCreate(&s.handle));
    SIMT_CUSPARSE_CHECK(cusparseSetStream(s.handle, static_cast<cudaStream_t>(ctx.stream())));
    SIMT_CUSPARSE_CHECK(cusparseCreateCsr(&s.matrix, rows, rows, nnz, row_start, column, value, CUSPARSE_INDEX_32I,
                                          CUSPARSE_INDEX_32I, CUSPARSE_INDEX_BASE_ZERO, Impl::type));
    SIMT_CUSPARSE_CHECK(cusparseCreateDnVec(&s.x, rows, x, Impl::type));
    SIMT_CUSPARSE_CHECK(cusparseCreateDnVec(&s.y, rows, y, Impl::type));
    const Real one = 1, zero = 0;
    std::size_t bytes = 0;
    SIMT_CUSPARSE_CHECK(cusparseSpMV_bufferSize(s.handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &one, s.matrix, s.x,
                                                &zero, s.y, Impl::type, Impl::algorithm, &bytes));
    s.workspace = Buffer<unsigned char>(Backend::Cuda, bytes);
}

template <class Real>
CusparseSpmv<Real>::~CusparseSpmv() {
    Impl& s = *m_impl;
    cusparseDestroyDnVec(s.y);
    cusparseDestroyDnVec(s.x);
    cusparseDestroySpMat(s.matrix);
    cusparseDestroy(s.handle);
}

template <class Real>
void CusparseSpmv<Real>::multiply() {
    Impl& s = *m_impl;
    const Real one = 1, zero = 0;
    SIMT_CUSPARSE_CHECK(cusparseSpMV(s.handle, CUSPARSE_OPERATION_NON_TRANSPOSE, &one, s.matrix, s.x, &zero, s.y,
                                     Impl::type, Impl::algorithm, s.workspace.data()));
}

template class CusparseSpmv<float>;
template class CusparseSpmv<double>;
}  // namespace simt::stencils
