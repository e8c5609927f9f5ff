// SPDX-License-Identifier: MIT
// The spectral Poisson solve across ranks. The ranks' blocks are transposed (MPI_Alltoallv,
// stencils::redistribute) into slabs cut along the last axis, which hold whole lines along the
// others: those axes are transformed there; a second transpose into slabs cut along the axis
// before it gives whole lines along the last axis, transformed and scaled there; and back the
// same way. The transforms are the one-process walled solver's (AxisTransforms: the Hartley
// transform along periodic axes, cosine transforms along walled ones), on every slab's lines.
// The transposes go through host memory. Compiled as CUDA in CUDA builds
// (simt_device_sources): it launches the scaling.
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include "poisson_fft.hpp"

namespace simt::stencils {
namespace {
/// `ranks` slabs cut along axis a.
std::array<int, 3> slabs_along(int a, int ranks) {
    std::array<int, 3> dims{1, 1, 1};
    dims[std::size_t(a)] = ranks;
    return dims;
}

template <class Real>
class PoissonFftSlabs final : public PoissonSolver<Real> {
   public:
    PoissonFftSlabs(const Context& ctx, const PoissonGrid& g, const Comm& ranks, const Block& block)
        : m_ctx(ctx),
          m_g(g),
          m_ranks(ranks),
          m_grid{g.n[0], g.n[1], g.n[2]},
          m_blocks(block.dims),
          m_last(g.dim() - 1),
          m_first_slabs(slabs_along(m_last, ranks.size())),
          m_last_slabs(slabs_along(m_last - 1, ranks.size())),
          m_first(block_of(m_grid, m_first_slabs, ranks.rank(), {false, false, false})),
          m_second(block_of(m_grid, m_last_slabs, ranks.rank(), {false, false, false})),
          m_across(ctx, m_first.n, first_axes(g)),
          m_along(ctx, m_second.n, {{m_last, axis_boundary(g, m_last)}}),
          m_slab(ctx.backend(), std::size_t(m_first.cells())),
          m_pencil(ctx.backend(), std::size_t(m_second.cells())) {}

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool) override {
        auto launch = m_ctx.profiler().start(fft_solve_kernel<Real>(m_g), m_ctx.backend(), m_ctx.stream());
        move(rhs, m_blocks, m_slab, m_first_slabs);
        for (std::size_t a = 0; a < m_across.size(); ++a) m_across.forward(a, m_slab.data(), m_slab.data());
        move(m_slab, m_first_slabs, m_pencil, m_last_slabs);
        m_along.forward(0, m_pencil.data(), m_pencil.data());
        const PoissonGrid& g = m_g;
        const AxisBoundary z = g.dim() == 3 ? axis_boundary(g, 2) : AxisBoundary::Periodic;
        SpectralScale<Real> scale{m_pencil.data(),
                                  m_second.n[0],
                                  m_second.n[1],
                                  1,
                                  {g.n[0], g.n[1], g.n[2]},
                                  {g.h[0], g.h[1], g.h[2]},
                                  {axis_boundary(g, 0), axis_boundary(g, 1), z}};
        for (int a = 0; a < 3; ++a) scale.lo[a] = m_second.lo[std::size_t(a)];
        for_each(m_ctx, Kernel("poisson.fft.scale", 2.0 * sizeof(Real) * double(m_second.cells())),
                 Range<3>{m_second.n[0], m_second.n[1], m_second.n[2]}, scale);
        m_along.backward(0, m_pencil.data(), m_pencil.data());
        move(m_pencil, m_last_slabs, m_slab, m_first_slabs);
        for (std::size_t a = m_across.size(); a-- > 0;) m_across.backward(a, m_slab.data(), m_slab.data());
        move(m_slab, m_first_slabs, phi, m_blocks);
        launch.stop();
        return {};
    }

   private:
    /// Every axis but the last, x first.
    static std::vector<typename AxisTransforms<Real>::Axis> first_axes(const PoissonGrid& g) {
        std::vector<typename AxisTransforms<Real>::Axis> list;
        for (int a = 0; a + 1 < g.dim(); ++a) list.push_back({a, axis_boundary(g, a)});
        return list;
    }
    /// `from` (this rank's block of rank grid `from_dims`) into `to` (its block of `to_dims`).
    void move(const Buffer<Real>& from, const std::array<int, 3>& from_dims, Buffer<Real>& to,
              const std::array<int, 3>& to_dims) {
        m_ctx.synchronize();
        const std::vector<Real> moved = redistribute(m_ranks, m_grid, from_dims, to_dims, from.to_host());
        to.copy_from_host(moved.data());
    }

    const Context& m_ctx;
    PoissonGrid m_g;
    const Comm& m_ranks;
    Grid m_grid;
    std::array<int, 3> m_blocks;  // the callers' rank grid
    int m_last;                   // the last axis: y in 2-D, z in 3-D
    std::array<int, 3> m_first_slabs, m_last_slabs;
    Block m_first, m_second;  // this rank's slabs: whole lines across the last axis, and along it
    AxisTransforms<Real> m_across, m_along;
    Buffer<Real> m_slab, m_pencil;
};
}  // namespace

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_slabs(const Context& ctx, const PoissonGrid& g, const Comm& ranks,
                                                            const Block& block) {
    const int last = g.dim() - 1;
    for (int a : {last - 1, last})
        if (g.n[a] < ranks.size())
            throw ConfigError(fmt::format(
                "pressure.solver: fft on {} ranks cuts the grid into slabs along {} and along {}, one cell thick at "
                "least, but the grid has {} cells along {}; use fewer ranks or pressure.solver: cg",
                ranks.size(), "xyz"[last], "xyz"[last - 1], g.n[a], "xyz"[a]));
    return std::make_unique<PoissonFftSlabs<Real>>(ctx, g, ranks, block);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_fft_slabs(const Context&, const PoissonGrid&, const Comm&,
                                                                      const Block&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_fft_slabs(const Context&, const PoissonGrid&, const Comm&,
                                                                       const Block&);
}  // namespace simt::stencils
