// SPDX-License-Identifier: MIT
// The navier_stokes solver. Time stepping is the three-stage strong-stability-preserving
// Runge-Kutta scheme of Shu & Osher (third order, stable for central advection up to a Courant
// number sqrt(3)); every stage ends with a projection, so each stage's velocity is discretely
// divergence-free and the velocity keeps the scheme's order:
//   u1 = P(u + dt F(u)),  u2 = P(3/4 u + 1/4 (u1 + dt F(u1))),  u' = P(1/3 u + 2/3 (u2 + dt F(u2)))
// with F = -div(u u) + nu lap(u) and P(v) = v - grad(phi), lap(phi) = div(v).
// Compiled as CUDA in CUDA builds (simt_device_sources): it launches the grid kernels.
#include "navier_stokes/register.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <type_traits>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/stencils/mac_kernels.hpp>
#include "framework/checkpoint_rules.hpp"
#include "shared/grid_solver.hpp"
#include "navier_stokes/params.hpp"

namespace simt::ns {
using stencils::MacVelocity;

/// Writable component arrays, captured by value in kernels.
template <class Real>
struct Components {
    Real* c[3] = {nullptr, nullptr, nullptr};
};

/// Per-axis 1/h and 1/h^2 in the working precision.
template <class Real>
struct Spacing {
    Real inv_h[3], inv_h2[3];
    explicit Spacing(const stencils::Grid& g) {
        const double h[3] = {g.dx(), g.dy(), g.dz()};
        for (int a = 0; a < 3; ++a) inv_h[a] = Real(1 / h[a]), inv_h2[a] = Real(1 / (h[a] * h[a]));
    }
};

const char* dim_label(int dim, const char* twod, const char* threed) { return dim == 3 ? threed : twod; }

/// The Taylor-Green vortex u = U sin(a x) cos(b y) [cos(c z)], v = -U (a/b) cos(a x) sin(b y)
/// [cos(c z)], w = 0, with one period per box length in x and y and initial.kz along z,
/// sampled on the faces.
template <class Real>
void fill_taylor_green(const Context& ctx, const MacVelocity<Real>& mac, Components<Real> u, const Params& p) {
    const stencils::Grid g = p.grid;
    const double pi = 3.141592653589793, big_u = p.taylor_green ? p.initial_velocity : 0.0;
    const double a = 2 * pi / g.lx, b = 2 * pi / g.ly, c = 2 * pi * p.initial_kz / g.lz;
    const bool three_d = g.dim() == 3;
    for_each(ctx, "ns.init", Range<3>{g.nx, g.ny, g.nz}, SIMT_LAMBDA(int i, int j, int k) {
        const Index at = mac.at(i, j, k);
        const double x = i * g.lx / g.nx, y = j * g.ly / g.ny, z3 = three_d ? cos(c * g.z(k)) : 1.0;
        const double ux = big_u * sin(a * x) * cos(b * g.y(j)) * z3;
        const double uy = -big_u * (a / b) * cos(a * g.x(i)) * sin(b * y) * z3;
        u.c[0][at] = stencils::mac_fixed_face(mac, 0, i, j, k) ? stencils::mac_fixed_value(mac, 0, i, j, k) : Real(ux);
        u.c[1][at] = stencils::mac_fixed_face(mac, 1, i, j, k) ? stencils::mac_fixed_value(mac, 1, i, j, k) : Real(uy);
        if (three_d) u.c[2][at] = stencils::mac_fixed_value(mac, 2, i, j, k);
    });
}

/// Face n of an outflow axis a before the projection: u_a(n) = u_a(n - 1), zero normal
/// gradient (0 behind a solid cell).
template <class Real>
void extrapolate_outflow(const Context& ctx, const MacVelocity<Real>& v, Real* ua, int a) {
    const int n0 = v.n[0], n1 = v.n[1], n2 = v.n[2];
    const int first = a == 0 ? n1 : n0, second = a == 2 ? n1 : n2;  // the plane's two axes
    for_each(ctx, Kernel("ns.outflow", 2.0 * sizeof(Real) * double(first) * second), Range<2>{first, second},
             SIMT_LAMBDA(int p, int q) {
                 const int i = a == 0 ? n0 - 1 : p, j = a == 1 ? n1 - 1 : (a == 0 ? p : q), k = a == 2 ? n2 - 1 : q;
                 const Index at = v.at(i, j, k);
                 ua[v.outflow_at(a, i, j, k)] = v.solid && v.solid[at] ? Real(0) : ua[at];
             });
}

/// The stage update of face (i, j, k) near the box's faces (ghost values): out = w_base base +
/// w_in (in + dt F(in)) per component.
template <int Dim, class Real>
SIMT_INLINE void stage_face(const MacVelocity<Real>& in, const Components<Real>& base, const Components<Real>& out,
                            Real w_base, Real w_in, Real dt, Real nu, const Spacing<Real>& s, bool upwind, int i, int j,
                            int k) {
    const Index at = in.at(i, j, k);
    SIMT_UNROLL
    for (int c = 0; c < Dim; ++c) {
        if (stencils::mac_fixed_face(in, c, i, j, k)) {
            out.c[c][at] = stencils::mac_fixed_value(in, c, i, j, k);
            continue;
        }
        const Real f = nu * stencils::mac_laplacian<Dim>(in, c, i, j, k, s.inv_h2) -
                       stencils::mac_advection<Dim>(in, c, i, j, k, s.inv_h, upwind);
        out.c[c][at] = w_base * base.c[c][at] + w_in * (in.u[c][at] + dt * f);
    }
}

/// The stage over the interior box: plain 32-bit offsets (the grid has fewer than 2^31 cells,
/// navier_stokes/params.hpp), no ghost logic, the advection scheme a template parameter. Every component's F
/// is computed before any store, so the loads shared between components are made once (the
/// stores could alias them otherwise). A solid check only with obstacles: no wall face is
/// interior.
template <int Dim, bool Upwind, class Real>
void stage_interior(const Context& ctx, const Kernel& kernel, const MacVelocity<Real>& in, Components<Real> base,
                    Components<Real> out, Real w_base, Real w_in, Real dt, Real nu, const Spacing<Real>& s) {
    const stencils::MacInterior box(in.n, Dim);
    const int lo0 = box.lo[0], lo1 = box.lo[1], lo2 = box.lo[2], nx = in.n[0], ny = in.n[1];
    const int stride[3] = {1, nx, nx * ny};
    const Real* const u[3] = {in.u[0], in.u[1], in.u[2]};
    for_each(ctx, kernel, Range<3>{box.extent(0), box.extent(1), box.extent(2)}, SIMT_LAMBDA(int i, int j, int k) {
        i += lo0, j += lo1, k += lo2;
        const int at = i + nx * (j + ny * k);
        Real f[Dim];
        SIMT_UNROLL
        for (int c = 0; c < Dim; ++c) f[c] = stencils::mac_rhs_interior<Dim, Upwind>(u, c, at, stride, s.inv_h, s.inv_h2, nu);
        SIMT_UNROLL
        for (int c = 0; c < Dim; ++c) {
            const bool fixed = in.solid && stencils::mac_fixed_face(in, c, i, j, k);
            out.c[c][at] = fixed ? Real(0) : w_base * base.c[c][at] + w_in * (u[c][at] + dt * f[c]);
        }
    });
}

/// The stage over the shell of cells within two of a face (mac_shell_cell), one thread each.
template <int Dim, class Real>
void stage_shell(const Context& ctx, const Kernel& kernel, const MacVelocity<Real>& in, Components<Real> base,
                 Components<Real> out, Real w_base, Real w_in, Real dt, Real nu, const Spacing<Real>& s, bool upwind) {
    const stencils::MacInterior box(in.n, Dim);
    const int n[3] = {in.n[0], in.n[1], in.n[2]}, lo[3] = {box.lo[0], box.lo[1], box.lo[2]},
              hi[3] = {box.hi[0], box.hi[1], box.hi[2]};
    for_each(ctx, kernel, Range<1>{stencils::mac_shell_cells(in.n, box)}, SIMT_LAMBDA(Index t) {
        int i, j, k;
        stencils::mac_shell_cell(t, n, lo, hi, i, j, k);
        stage_face<Dim>(in, base, out, w_base, w_in, dt, nu, s, upwind, i, j, k);
    });
}

/// One Runge-Kutta stage before its projection: two launches, the lean interior and the shell
/// near the faces, so that the interior's registers are not those of the ghost logic.
template <int Dim, class Real>
void stage(const Context& ctx, const MacVelocity<Real>& in, Components<Real> base, Components<Real> out, Real w_base,
           Real w_in, Real dt, Real nu, const Spacing<Real>& s, bool upwind) {
    const Range<3> r{in.n[0], in.n[1], in.n[2]};
    const Kernel kernel(dim_label(Dim, "ns.2d.stage", "ns.3d.stage"), 3.0 * Dim * sizeof(Real) * double(r.size()));
    const stencils::MacInterior box(in.n, Dim);
    const double interior = double(box.extent(0)) * box.extent(1) * box.extent(2);
    // The bytes split by cells, so the label's total is the step's.
    const Kernel inner(kernel.label, kernel.bytes * interior / double(r.size()));
    if (upwind) {
        stage_interior<Dim, true>(ctx, inner, in, base, out, w_base, w_in, dt, nu, s);
    } else {
        stage_interior<Dim, false>(ctx, inner, in, base, out, w_base, w_in, dt, nu, s);
    }
    const Kernel shell(dim_label(Dim, "ns.2d.stage_shell", "ns.3d.stage_shell"), kernel.bytes - inner.bytes);
    stage_shell<Dim>(ctx, shell, in, base, out, w_base, w_in, dt, nu, s, upwind);
}

template <int Dim, class Real>
void divergence(const Context& ctx, const MacVelocity<Real>& v, Real* div, const Spacing<Real>& s) {
    const Range<3> r{v.n[0], v.n[1], v.n[2]};
    const Kernel kernel(dim_label(Dim, "ns.2d.divergence", "ns.3d.divergence"), (Dim + 1.0) * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int i, int j, int k) { div[v.at(i, j, k)] = stencils::mac_divergence<Dim>(v, i, j, k, s.inv_h); });
}

/// u -= grad(phi) on the faces that move; an outflow face sees phi = 0 beyond it.
template <int Dim, class Real>
void correct(const Context& ctx, const MacVelocity<Real>& v, Components<Real> u, const Real* phi, const Spacing<Real>& s) {
    const Range<3> r{v.n[0], v.n[1], v.n[2]};
    const Kernel kernel(dim_label(Dim, "ns.2d.project", "ns.3d.project"), (2.0 * Dim + 1) * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int i, int j, int k) {
        const Index at = v.at(i, j, k);
        const int idx[3] = {i, j, k};
        SIMT_UNROLL
        for (int c = 0; c < Dim; ++c) {
            const bool fluid = !(v.solid && v.solid[at]);
            if (v.b.outflow[c] && idx[c] == v.n[c] - 1 && fluid) u.c[c][v.outflow_at(c, i, j, k)] += 2 * phi[at] * s.inv_h[c];
            if (stencils::mac_fixed_face(v, c, i, j, k)) continue;
            int low[3] = {i, j, k};
            low[c] = idx[c] > 0 ? idx[c] - 1 : v.n[c] - 1;
            u.c[c][at] -= (phi[at] - phi[v.at(low[0], low[1], low[2])]) * s.inv_h[c];
        }
    });
}

/// What the derived-field and observable kernels compute per cell.
enum class CellValue { VelocityX, VelocityY, VelocityZ, Vorticity, Energy, Enstrophy };

template <int Dim, class Real>
void cell_values(const Context& ctx, const MacVelocity<Real>& v, CellValue what, Real* out, const Spacing<Real>& s,
                 Real volume) {
    const Range<3> r{v.n[0], v.n[1], v.n[2]};
    const Kernel kernel("ns.cells", (Dim + 1.0) * sizeof(Real) * double(r.size()));
    for_each(ctx, kernel, r, SIMT_LAMBDA(int i, int j, int k) {
        Real value = 0;
        if (what == CellValue::Energy) {
            SIMT_UNROLL
            for (int c = 0; c < Dim; ++c) value += v.u[c][v.at(i, j, k)] * v.u[c][v.at(i, j, k)];
            value *= Real(0.5) * volume;
        } else if (what == CellValue::Vorticity || what == CellValue::Enstrophy) {
            // 2-D: omega_z; 3-D: |omega|.
            Real w2 = 0;
            if (Dim == 2) {
                value = stencils::mac_vorticity(v, 2, i, j, k, s.inv_h);
                w2 = value * value;
            } else {
                SIMT_UNROLL
                for (int c = 0; c < 3; ++c) {
                    const Real w = stencils::mac_vorticity(v, c, i, j, k, s.inv_h);
                    w2 += w * w;
                }
                value = sqrt(w2);
            }
            if (what == CellValue::Enstrophy) value = Real(0.5) * w2 * volume;
        } else {
            value = stencils::mac_centre_velocity(v, int(what) - int(CellValue::VelocityX), i, j, k);
        }
        out[v.at(i, j, k)] = value;
    });
}

/// Plain reductions and copies over the cells. Free functions: nvcc's extended lambdas belong
/// in functions of one translation unit, not in members of a class template.
template <class Real>
double sum_of(const Context& ctx, const char* label, Index n, const Real* d) {
    return reduce<double>(ctx, Kernel(label, sizeof(Real) * double(n)), Range<1>{n}, Sum{}, SIMT_LAMBDA(Index i) { return double(d[i]); });
}
template <class Real>
double max_abs(const Context& ctx, const char* label, Index n, const Real* d) {
    return reduce<double>(ctx, Kernel(label, sizeof(Real) * double(n)), Range<1>{n}, Max{},
                          SIMT_LAMBDA(Index i) { return double(d[i] < 0 ? -d[i] : d[i]); });
}
/// to = scale from.
template <class Real>
void scale_into(const Context& ctx, Index n, const Real* from, Real* to, Real scale) {
    for_each(ctx, Kernel("ns.pressure", 2.0 * sizeof(Real) * double(n)), Range<1>{n}, SIMT_LAMBDA(Index i) { to[i] = scale * from[i]; });
}

template <class Real>
class NavierStokesSolver final : public Solver {
   public:
    using Arr = std::array<Buffer<Real>, 3>;

    NavierStokesSolver(const Params& p, const Context& ctx)
        : m_p(p), m_ctx(ctx), m_spacing(p.grid), m_cells(p.grid.cells()), m_rhs(ctx.backend(), cells()),
          m_phi(ctx.backend(), cells()), m_pressure(ctx.backend(), cells()), m_scratch(ctx.backend(), cells()) {
        for (int c = 0; c < p.dim(); ++c)
            for (auto* set : {&m_u, &m_a, &m_b}) (*set)[c] = Buffer<Real>(ctx.backend(), cells() + outflow_plane(c));
        const stencils::PoissonGrid pg = p.poisson_grid();
        if (!pg.solid.empty()) {
            m_solid = Buffer<std::uint8_t>(ctx.backend(), cells());
            m_solid.copy_from_host(pg.solid.data());
        }
        m_poisson = p.poisson == stencils::PoissonMethod::Fft
                        ? stencils::make_poisson_fft<Real>(ctx, pg)
                        : stencils::make_poisson_cg<Real>(ctx, pg, p.tolerance, p.max_iterations, p.preconditioner);
        fill_taylor_green(m_ctx, mac(m_u), components(m_u), m_p);
        extrapolate_outflows(m_u);
        project(m_u, 0);
        std::vector<Real> zero(cells(), Real(0));
        m_pressure.copy_from_host(zero.data());
        m_stats = {};
    }

    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s < n; ++s) one_step();
    }
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override {
        if (m_p.dim() == 3) return {"velocity_x", "velocity_y", "velocity_z", "pressure", "vorticity"};
        return {"velocity_x", "velocity_y", "pressure", "vorticity"};
    }
    FieldRef field(std::string_view name) override {
        const std::vector<std::string> names = field_names();
        const int index = int(std::find(names.begin(), names.end(), name) - names.begin());
        if (index == int(names.size())) {
            throw ConfigError(fmt::format("navier_stokes: no field '{}'; fields: {}", name, fmt::join(names, ", ")));
        }
        const Buffer<Real>* data = &m_pressure;
        if (name != "pressure") {
            const CellValue what = name == "vorticity" ? CellValue::Vorticity : CellValue(index);
            Buffer<Real>& out = m_derived[std::string(name)];
            if (out.size() != cells()) out = Buffer<Real>(m_ctx.backend(), cells());
            compute(what, out);
            data = &out;
        }
        return cell_field(std::string(name), m_p.grid, data->data(), m_ctx.backend());
    }

    Observables observables() override {
        const double energy = total(CellValue::Energy, "ns.obs.energy");
        const double enstrophy = total(CellValue::Enstrophy, "ns.obs.enstrophy");
        divergence_of(m_u, m_scratch);
        const double max_div = max_abs(m_ctx, "ns.obs.divergence", m_cells, m_scratch.data());
        Observables obs{{"kinetic_energy", energy}, {"enstrophy", enstrophy}, {"max_divergence", max_div}};
        if (m_p.poisson == stencils::PoissonMethod::Cg) {  // the spectral solve is direct: no iterations
            obs.emplace_back("poisson_iterations", double(m_stats.iterations));
            obs.emplace_back("poisson_residual", m_stats.residual);
        }
        obs.emplace_back("dt", m_dt);
        return obs;
    }

    void set(std::string_view key, const Value& v) override { m_p.steer(key, std::get<double>(v)); }

    void save(io::CheckpointWriter& out) override {
        m_ctx.synchronize();
        const auto dims = field("pressure").c_order_dims();
        for (int c = 0; c < m_p.dim(); ++c) {
            const auto host = m_u[c].to_host();
            out.write_field(fmt::format("face_velocity_{}", axis_names[c]), host.data(), dims);
            if (outflow_plane(c) > 0) {
                out.write_field(fmt::format("outflow_velocity_{}", axis_names[c]), host.data() + cells(), {outflow_plane(c)});
            }
        }
        const auto host = m_pressure.to_host();
        out.write_field("pressure", host.data(), dims);
        out.write_state("dt", m_dt);
        out.write_state("poisson_iterations", std::int64_t(m_stats.iterations));
        out.write_state("poisson_residual", m_stats.residual);
    }
    void load(const io::CheckpointReader& in) override {
        std::vector<Real> host;
        for (int c = 0; c < m_p.dim(); ++c) {
            host.resize(m_u[c].size());
            in.read_field(fmt::format("face_velocity_{}", axis_names[c]), host.data(), cells());
            if (outflow_plane(c) > 0) {
                in.read_field(fmt::format("outflow_velocity_{}", axis_names[c]), host.data() + cells(), outflow_plane(c));
            }
            m_u[c].copy_from_host(host.data());
        }
        host.resize(cells());
        in.read_field("pressure", host.data(), host.size());
        m_pressure.copy_from_host(host.data());
        m_dt = checkpoint_rules::positive_state(in, "dt");
        m_stats.iterations = int(std::min<std::int64_t>(checkpoint_rules::non_negative_state(in, "poisson_iterations"),
                                                        std::numeric_limits<int>::max()));
        m_stats.residual = in.read_state_real("poisson_residual");
        m_steps = in.meta().step;
        m_time = in.meta().time;
    }
    std::optional<io::XdmfGrid> grid() const override { return xdmf_grid(m_p.grid); }

   private:
    void one_step() {
        m_dt = next_dt();
        m_stats = {};
        const Real dt = Real(m_dt);
        // A stage's projection removes w dt grad(p), w its weight of dt F: phi = w dt p.
        advance(m_u, m_u, m_a, Real(0), Real(1), dt);
        project(m_a, m_dt);
        advance(m_a, m_u, m_b, Real(0.75), Real(0.25), dt);
        project(m_b, 0.25 * m_dt);
        advance(m_b, m_u, m_u, Real(1.0 / 3), Real(2.0 / 3), dt);
        project(m_u, 2.0 / 3 * m_dt);
        scale_into(m_ctx, m_cells, m_phi.data(), m_pressure.data(), Real(1.5 / m_dt));
        m_time += m_dt;
        ++m_steps;
    }

    /// The step: fixed, or from the Courant number of the fastest velocity (walls included)
    /// and the viscous limit.
    double next_dt() {
        if (m_p.dt > 0) return m_p.dt;
        double rate = 0;
        for (int c = 0; c < m_p.dim(); ++c) {
            const double peak = max_abs(m_ctx, "ns.dt.max_speed", m_cells, m_u[c].data());
            rate += std::max(peak, m_p.wall_speed()) * double(m_spacing.inv_h[c]);
        }
        const double advective = rate > 0 ? m_p.cfl / rate : std::numeric_limits<double>::infinity();
        const double viscous = m_p.viscosity > 0 ? viscous_limit / (m_p.viscosity * m_p.inv_h2_sum())
                                                 : std::numeric_limits<double>::infinity();
        const double dt = std::min(advective, viscous);
        if (!std::isfinite(dt)) throw Error("navier_stokes: no flow and no viscosity: the adaptive step is unbounded; set physics.dt");
        return dt;
    }

    void advance(Arr& in, Arr& base, Arr& out, Real w_base, Real w_in, Real dt) {
        const Real nu = Real(m_p.viscosity);
        if (m_p.dim() == 3) {
            stage<3, Real>(m_ctx, mac(in), components(base), components(out), w_base, w_in, dt, nu, m_spacing, m_p.upwind);
        } else {
            stage<2, Real>(m_ctx, mac(in), components(base), components(out), w_base, w_in, dt, nu, m_spacing, m_p.upwind);
        }
        extrapolate_outflows(out);
    }

    void extrapolate_outflows(Arr& u) {
        for (int a = 0; a < m_p.dim(); ++a)
            if (m_p.boundary.outflow[a]) extrapolate_outflow(m_ctx, mac(u), u[a].data(), a);
    }
    /// Faces appended to component c's array: the outflow face's plane, if any.
    std::size_t outflow_plane(int c) const {
        const int n[3] = {m_p.grid.nx, m_p.grid.ny, m_p.grid.nz};
        return m_p.boundary.outflow[c] ? std::size_t(stencils::mac_outflow_plane(n, c)) : 0;
    }

    void divergence_of(Arr& u, Buffer<Real>& out) {
        if (m_p.dim() == 3) {
            divergence<3, Real>(m_ctx, mac(u), out.data(), m_spacing);
        } else {
            divergence<2, Real>(m_ctx, mac(u), out.data(), m_spacing);
        }
    }

    /// u = P(u), leaving phi in m_phi. The last step's pressure, times phi_per_pressure, is the
    /// iterative solver's first guess: the pressure changes little from step to step.
    void project(Arr& u, double phi_per_pressure) {
        divergence_of(u, m_rhs);
        const bool guess = phi_per_pressure > 0 && m_p.poisson == stencils::PoissonMethod::Cg;
        if (guess) scale_into(m_ctx, m_cells, m_pressure.data(), m_phi.data(), Real(phi_per_pressure));
        const stencils::PoissonStats s = m_poisson->solve(m_rhs, m_phi, guess);
        m_stats.iterations += s.iterations;
        m_stats.residual = std::max(m_stats.residual, s.residual);
        if (m_p.dim() == 3) {
            correct<3, Real>(m_ctx, mac(u), components(u), m_phi.data(), m_spacing);
        } else {
            correct<2, Real>(m_ctx, mac(u), components(u), m_phi.data(), m_spacing);
        }
    }

    /// The sum over the cells of a per-cell value.
    double total(CellValue what, const char* label) {
        compute(what, m_scratch);
        return sum_of(m_ctx, label, m_cells, m_scratch.data());
    }

    void compute(CellValue what, Buffer<Real>& out) {
        const auto& g = m_p.grid;
        const Real volume = Real(g.dx() * g.dy() * (g.dim() == 3 ? g.dz() : 1.0));
        if (m_p.dim() == 3) {
            cell_values<3, Real>(m_ctx, mac(m_u), what, out.data(), m_spacing, volume);
        } else {
            cell_values<2, Real>(m_ctx, mac(m_u), what, out.data(), m_spacing, volume);
        }
    }

    std::size_t cells() const { return std::size_t(m_cells); }
    MacVelocity<Real> mac(const Arr& u) const {
        MacVelocity<Real> v;
        for (int c = 0; c < 3; ++c) v.u[c] = u[c].data();
        v.n[0] = m_p.grid.nx, v.n[1] = m_p.grid.ny, v.n[2] = m_p.grid.nz;
        v.b = m_p.boundary;
        v.solid = m_solid.size() ? m_solid.data() : nullptr;
        return v;
    }
    static Components<Real> components(Arr& u) {
        Components<Real> c;
        for (int a = 0; a < 3; ++a) c.c[a] = u[a].data();
        return c;
    }

    Params m_p;
    const Context& m_ctx;
    Spacing<Real> m_spacing;
    Index m_cells;
    Arr m_u, m_a, m_b;  // the state and two stage velocities
    Buffer<Real> m_rhs, m_phi, m_pressure, m_scratch;
    Buffer<std::uint8_t> m_solid;
    std::map<std::string, Buffer<Real>> m_derived;
    std::unique_ptr<stencils::PoissonSolver<Real>> m_poisson;
    stencils::PoissonStats m_stats;
    double m_dt = 0, m_time = 0;
    std::int64_t m_steps = 0;
};
}  // namespace simt::ns

namespace simt {
void register_navier_stokes_solver(Registry& r) {
    r.add({"navier_stokes",
           "incompressible flow on a staggered grid, 2-D/3-D, SSP-RK3 with projection (FFT or CG pressure), "
           "central or upwind advection, walls, moving walls, obstacles",
           ns::schema(), [](const io::Params& p) { ns::Params::from(p); },
           [](const io::Params& p, const Context& ctx) -> std::unique_ptr<Solver> {
               const ns::Params np = ns::Params::from(p);
               if (p.string("precision") == "float") return std::make_unique<ns::NavierStokesSolver<float>>(np, ctx);
               return std::make_unique<ns::NavierStokesSolver<double>>(np, ctx);
           }});
}
}  // namespace simt
