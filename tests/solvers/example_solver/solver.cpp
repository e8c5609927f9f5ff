// SPDX-License-Identifier: MIT
// Solver `decay`: the worked example of docs/extending.md ("Adding a solver"). A field u on a
// 2-D or 3-D grid relaxes as du/dt = -rate u, forward Euler: u <- (1 - rate dt) u in every
// cell. It is written as a folder solvers/decay/ would be, but registered only in the test
// binary (test_example_solver.cpp); the walkthrough quotes it.
// Compiled as CUDA in CUDA builds (tests/CMakeLists.txt, DEVICE_SOURCES): it launches kernels.
#include <string>
#include <vector>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include <simt/core/for_each.hpp>
#include <simt/core/reduce.hpp>
#include <simt/solvers/registry.hpp>
#include "shared/grid_solver.hpp"

namespace simt::decay {
// Parameters: the schema lists every key the solver takes (type, default, range, one line
// of help); Params::from converts the validated values and checks the rules that span keys.
io::Schema schema() {
    io::Schema s;
    add_grid_keys(s);
    s.add(io::real_key("physics.rate", 1.0, 0, 1e30, "decay rate [1/time]"));
    s.add(io::real_key("physics.dt", 0.1, 0, 1e30, "time step [time]; rate dt < 2 keeps forward Euler stable", true));
    s.add(io::real_key("initial.value", 1.0, -max_field_value, max_field_value, "u in every cell at t = 0"));
    return s;
}

struct Params {
    stencils::Grid grid;
    double rate = 1, dt = 0.1, initial = 1;

    static Params from(const io::Params& p) {
        const Params d{read_grid(p), p.real("physics.rate"), p.real("physics.dt"), p.real("initial.value")};
        if (!(d.rate * d.dt < 2)) {
            throw ConfigError(
                fmt::format("decay: physics.rate * physics.dt = {} must stay below 2: forward Euler "
                            "would grow instead of decay",
                            d.rate * d.dt));
        }
        return d;
    }
};

// Kernels: free function templates, one label each (nvcc's extended lambdas belong in
// functions of one translation unit, not in members of a class template).
template <class Real>
void fill(const Context& ctx, Real* u, Index n, Real value) {
    for_each(ctx, Kernel("decay.init", sizeof(Real) * double(n)), Range<1>{n}, SIMT_LAMBDA(Index i) { u[i] = value; });
}

template <class Real>
void scale(const Context& ctx, Real* u, Index n, Real factor) {
    for_each(ctx, Kernel("decay.step", 2.0 * sizeof(Real) * double(n)), Range<1>{n},
             SIMT_LAMBDA(Index i) { u[i] *= factor; });
}

template <class Real>
double mean(const Context& ctx, const Real* u, Index n) {
    const double sum = reduce<double>(ctx, Kernel("decay.obs.mean", sizeof(Real) * double(n)), Range<1>{n}, Sum{},
                                      SIMT_LAMBDA(Index i) { return double(u[i]); });
    return sum / double(n);
}

// The solver: one class template over the precision.
template <class Real>
class DecaySolver final : public Solver {
   public:
    DecaySolver(const Params& p, const Context& ctx) : m_p(p), m_ctx(ctx), m_u(ctx.backend(), p.grid.cells()) {
        fill(m_ctx, m_u.data(), cells(), Real(m_p.initial));
    }

    void step(std::int64_t n) override {
        for (std::int64_t s = 0; s < n; ++s) {
            scale(m_ctx, m_u.data(), cells(), Real(1 - m_p.rate * m_p.dt));
            m_time += m_p.dt;
        }
        m_steps += n;
    }
    double time() const override { return m_time; }
    std::int64_t steps() const override { return m_steps; }
    std::vector<std::string> field_names() const override { return {"u"}; }
    FieldRef field(std::string_view name) override {
        if (name != "u") throw ConfigError(fmt::format("decay: no field '{}'; fields: u", name));
        return cell_field("u", m_p.grid, m_u.data(), m_ctx.backend());
    }
    Observables observables() override { return {{"u_mean", mean(m_ctx, m_u.data(), cells())}}; }
    void set(std::string_view key, const Value&) override {
        throw ConfigError(fmt::format("decay: '{}' is not steerable", key));
    }

    /// u is the whole state: restart reads it back, and the sidecar shows it.
    void save(io::CheckpointWriter& out) override {
        m_ctx.synchronize();
        out.write_field("u", m_u.to_host().data(), field("u").c_order_dims());
    }
    void load(const io::CheckpointReader& in) override {
        std::vector<Real> host(m_u.size());
        in.read_field("u", host.data(), host.size());
        m_u.copy_from_host(host.data());
        m_steps = in.meta().step;
        m_time = in.meta().time;
    }
    Outputs outputs() const override { return {GridFields{xdmf_grid(m_p.grid), field_names()}, {}, {}}; }

   private:
    Index cells() const { return m_p.grid.cells(); }

    Params m_p;
    const Context& m_ctx;
    Buffer<Real> m_u;
    std::int64_t m_steps = 0;
    double m_time = 0;
};
}  // namespace simt::decay

namespace simt {
// Registration: the name, one line for `simt solvers`, the schema, the check and the factory.
void register_decay_solver(Registry& r) {
    r.add({"decay", "exponential decay of a field on a grid (the example of docs/extending.md)", decay::schema(),
           [](const io::Params& p) { decay::Params::from(p); },
           [](const io::Params& p, Precision precision, const Context& ctx) {
               return make_in_precision<decay::DecaySolver>(precision, decay::Params::from(p), ctx);
           }});
}
}  // namespace simt
