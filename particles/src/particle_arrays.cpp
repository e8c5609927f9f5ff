// SPDX-License-Identifier: MIT
// Compiled as CUDA in CUDA builds (simt_device_sources): the reorder gathers are kernels.
#include <simt/particles/particle_arrays.hpp>

#include <utility>
#include <simt/core/for_each.hpp>

namespace simt::particles {
namespace {
template <class T>
void gather(const Context& ctx, Buffer<T>& data, Buffer<T>& spare, const std::int32_t* order, Index n, int components) {
    const Kernel kernel("particles.reorder.gather", double(n) * (2 * components * sizeof(T) + 4));
    for_each(ctx, kernel, Range<1>{n}, Permute<T>{data.data(), spare.data(), order, nullptr, n, components});
    std::swap(data, spare);
}
}  // namespace

template <class Real>
ParticleArrays<Real>::ParticleArrays(Backend where, Index n)
    : position(where, 3 * n), velocity(where, 3 * n), force(where, 3 * n), reference(where, 3 * n),
      origin(where, 3 * n), image(where, 3 * n), type(where, n), id(where, n), m_n(n),
      m_spare_real(where, 3 * n), m_spare_int3(where, 3 * n), m_spare_int(where, n) {}

template <class Real>
void ParticleArrays<Real>::reorder(const Context& ctx, const Buffer<std::int32_t>& order) {
    const std::int32_t* o = order.data();
    for (Buffer<Real>* b : {&position, &velocity, &force, &reference, &origin}) gather(ctx, *b, m_spare_real, o, m_n, 3);
    gather(ctx, image, m_spare_int3, o, m_n, 3);
    for (Buffer<std::int32_t>* b : {&type, &id}) gather(ctx, *b, m_spare_int, o, m_n, 1);
}

template class ParticleArrays<float>;
template class ParticleArrays<double>;
}  // namespace simt::particles
