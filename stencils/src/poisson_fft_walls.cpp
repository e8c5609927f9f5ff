// SPDX-License-Identifier: MIT
// The spectral Poisson solve of a grid with walls: one real transform per axis (the DCT-II
// along a walled axis, the DCT-IV along one with an outflow face, the Hartley transform along a
// periodic one; axis_transform_kernels.hpp), a division by the sum of the axes' symbols, the
// inverse transforms. The transforms are
// Makhoul's: for_each kernels around a batched real FFT of contiguous lines, FFTW's on the CPU
// and cuFFT's on the GPU, so that both backends run the same reorder and twiddle code (the
// CPU tests cover what the GPU runs) and differ only in the line FFT. Compiled as CUDA in CUDA
// builds (simt_device_sources): it launches the kernels.
#include <algorithm>
#include <vector>
#include <simt/core/for_each.hpp>
#include <simt/stencils/axis_transform_kernels.hpp>
#include <simt/stencils/poisson_kernels.hpp>
#include "poisson_fft.hpp"

namespace simt::stencils {
template <class Real>
AxisTransforms<Real>::AxisTransforms(const Context& ctx, const std::array<int, 3>& n, const std::vector<Axis>& axes)
    : m_ctx(ctx), m_n(n), m_lines(ctx.backend(), cells()) {
    std::size_t spectrum = 0;
    for (const Axis& a : axes) {
        m_axes.push_back({{n[0], n[1], n[2]}, a.axis, a.boundary});
        spectrum =
            std::max(spectrum, 2 * std::size_t(m_axes.back().half()) * (cells() / std::size_t(n[std::size_t(a.axis)])));
    }
    m_spectrum = Buffer<Real>(ctx.backend(), spectrum);
    for (const AxisLines& axis : m_axes) {
        const Index lines = Index(cells()) / axis.length();
#if SIMT_ENABLE_CUDA
        if (ctx.on_gpu()) {
            m_fft.push_back(make_line_fft_cufft<Real>(ctx, axis.length(), lines, m_lines.data(), m_spectrum.data()));
            continue;
        }
#endif
        m_fft.push_back(make_line_fft_fftw<Real>(axis.length(), lines, m_lines.data(), m_spectrum.data()));
    }
}

template <class Real>
void AxisTransforms<Real>::forward(std::size_t a, Real* in, Real* out) {
    const AxisLines& axis = m_axes[a];
    const Range<3> cells{m_n[0], m_n[1], m_n[2]};
    const double bytes = 2.0 * sizeof(Real) * double(this->cells());
    for_each(m_ctx, Kernel("poisson.fft.pack", bytes), cells, PackLines<Real>{axis, in, m_lines.data()});
    m_fft[a]->forward();
    for_each(m_ctx, Kernel("poisson.fft.modes", bytes), cells, SpectrumToModes<Real>{axis, m_spectrum.data(), out});
    if (axis.boundary != AxisBoundary::Outflow) return;
    const int first = axis.axis == 0 ? m_n[1] : m_n[0], second = axis.axis == 2 ? m_n[1] : m_n[2];
    for_each(m_ctx, Kernel("poisson.fft.recurrence", bytes), Range<2>{first, second},
             QuarterWaveRecurrence<Real>{axis, out});
}

template <class Real>
void AxisTransforms<Real>::backward(std::size_t a, Real* field, Real* out) {
    const AxisLines& axis = m_axes[a];
    if (axis.boundary == AxisBoundary::Outflow) return forward(a, field, out);  // the DCT-IV is its own inverse
    const Range<3> cells{m_n[0], m_n[1], m_n[2]};
    const double bytes = 2.0 * sizeof(Real) * double(this->cells());
    Range<3> half = cells;
    (axis.axis == 0 ? half.nx : axis.axis == 1 ? half.ny : half.nz) = axis.half();
    for_each(m_ctx, Kernel("poisson.fft.spectrum", bytes), half, ModesToSpectrum<Real>{axis, field, m_spectrum.data()});
    m_fft[a]->backward();
    for_each(m_ctx, Kernel("poisson.fft.unpack", bytes), cells, UnpackLines<Real>{axis, m_lines.data(), out});
}

template class AxisTransforms<float>;
template class AxisTransforms<double>;

/// The boundary of the transform along axis a of g.
AxisBoundary axis_boundary(const PoissonGrid& g, int a) {
    return g.periodic[a] ? AxisBoundary::Periodic : g.dirichlet_high[a] ? AxisBoundary::Outflow : AxisBoundary::Walls;
}

namespace {
template <class Real>
class PoissonFftWalls final : public PoissonSolver<Real> {
   public:
    PoissonFftWalls(const Context& ctx, const PoissonGrid& g)
        : m_ctx(ctx), m_g(g), m_t(ctx, {g.n[0], g.n[1], g.n[2]}, axes(g)) {}

    PoissonStats solve(Buffer<Real>& rhs, Buffer<Real>& phi, bool) override {
        auto launch = m_ctx.profiler().start(fft_solve_kernel<Real>(m_g), m_ctx.backend(), m_ctx.stream());
        const Range<3> cells{m_g.n[0], m_g.n[1], m_g.n[2]};
        const double bytes = 2.0 * sizeof(Real) * double(m_g.cells());
        Real* field = rhs.data();
        for (std::size_t a = 0; a < m_t.size(); ++a) m_t.forward(a, field, field);
        const PoissonGrid& g = m_g;
        const AxisBoundary z = m_t.size() == 3 ? axis_boundary(g, 2) : AxisBoundary::Periodic;
        for_each(m_ctx, Kernel("poisson.fft.scale", bytes), cells,
                 SpectralScale<Real>{field,
                                     g.n[0],
                                     g.n[1],
                                     1,
                                     {g.n[0], g.n[1], g.n[2]},
                                     {g.h[0], g.h[1], g.h[2]},
                                     {axis_boundary(g, 0), axis_boundary(g, 1), z}});
        // Backward in the reverse order; the last transform writes phi.
        for (std::size_t a = m_t.size(); a-- > 0;) m_t.backward(a, field, a == 0 ? phi.data() : field);
        launch.stop();
        return {};
    }

   private:
    static std::vector<typename AxisTransforms<Real>::Axis> axes(const PoissonGrid& g) {
        std::vector<typename AxisTransforms<Real>::Axis> list;
        for (int a = 0; a < g.dim(); ++a) list.push_back({a, axis_boundary(g, a)});
        return list;
    }

    const Context& m_ctx;
    PoissonGrid m_g;
    AxisTransforms<Real> m_t;  // every axis, x first
};
}  // namespace

template <class Real>
std::unique_ptr<PoissonSolver<Real>> make_poisson_fft_walls(const Context& ctx, const PoissonGrid& g) {
    return std::make_unique<PoissonFftWalls<Real>>(ctx, g);
}
template std::unique_ptr<PoissonSolver<float>> make_poisson_fft_walls(const Context&, const PoissonGrid&);
template std::unique_ptr<PoissonSolver<double>> make_poisson_fft_walls(const Context&, const PoissonGrid&);
}  // namespace simt::stencils
