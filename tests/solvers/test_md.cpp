// SPDX-License-Identifier: MIT
// The md solver: exact restart for every integrator, the configuration rules, and steering.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <simt/core/error.hpp>
#include "../approx.hpp"
#include "../backends.hpp"
#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "sim_helpers.hpp"

using namespace simt;

namespace {
/// 256 LJ particles (fcc 4^3) of a liquid at density 0.8442: the box holds twice r_c + skin.
std::string liquid(const std::string& integrator, const std::string& extra = "") {
    return fmt::format(
        "solver: md\nseed: 5\nsystem: {{lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442}}\n"
        "initial: {{temperature: 1.44}}\nintegrator: {{type: {}, dt: 0.005}}\nthermostat: {{temperature: 1.0}}\n"
        "neighbor: {{skin: 0.3, sort_every: 2}}\noutput: {{observables_every: 10}}\n{}",
        integrator, extra);
}
}  // namespace

TEST_CASE("md: a checkpointed run continues bit for bit") {
    test::TempDir dir;
    for (Backend b : test::backends())
        for (const char* integrator : {"nve", "langevin", "bussi", "nose_hoover"}) {
            CAPTURE(backend_name(b));
            CAPTURE(integrator);
            test::check_exact_restart(liquid(integrator), b, 120, dir.path.string());
        }
    // 500 atoms: three cells per axis, the CPU's half list with its layer-group schedule.
    std::string larger = liquid("langevin");
    larger.replace(larger.find("nx: 4, ny: 4, nz: 4"), 19, "nx: 5, ny: 5, nz: 5");
    for (Backend b : test::backends()) test::check_exact_restart(larger, b, 60, dir.path.string());
}

namespace {
/// A field of the CPU backend as doubles.
std::vector<double> values_of(Simulation& sim, const std::string& name) {
    const FieldRef f = sim.solver().field(name);
    REQUIRE(f.dtype == io::DType::F64);
    const auto* data = static_cast<const double*>(f.data);
    return {data, data + f.size()};
}
}  // namespace

TEST_CASE("md: neighbor.deterministic in one process restarts exactly and agrees with the default order") {
    // The solver of md/ranks_solver.hpp on one rank: full lists sorted by particle id.
    const auto ordered = [](const char* integrator) {
        std::string yaml = liquid(integrator);
        yaml.replace(yaml.find("sort_every: 2}"), 14, "sort_every: 2, deterministic: true}");
        return yaml;
    };
    test::TempDir dir;
    for (Backend b : test::backends())
        for (const char* integrator : {"nve", "langevin", "bussi", "nose_hoover"}) {
            CAPTURE(backend_name(b));
            CAPTURE(integrator);
            test::check_exact_restart(ordered(integrator), b, 120, dir.path.string());
        }
    auto plain = test::make_sim(liquid("bussi"), Backend::Cpu);
    auto in_order = test::make_sim(ordered("bussi"), Backend::Cpu);
    // At step 0 both hold the same positions: g(r) counts the same pairs (a full list twice each),
    // and every observable is the same sum in another order.
    CHECK(values_of(plain, "rdf") == values_of(in_order, "rdf"));
    const auto& a = plain.series();
    const auto& b = in_order.series();
    REQUIRE(a.names == b.names);
    for (std::size_t c = 2; c < a.names.size(); ++c) {
        CAPTURE(a.names[c]);
        CHECK(std::abs(a.columns[c][0] - b.columns[c][0]) <= 1e-12 * (1 + std::abs(a.columns[c][0])));
    }
    plain.step(40);
    in_order.step(40);
    const auto x = values_of(plain, "position"), y = values_of(in_order, "position");
    double most = 0;
    for (std::size_t k = 0; k < x.size(); ++k) most = std::max(most, std::abs(x[k] - y[k]));
    CHECK(most < 1e-12);
    CHECK(most > 0);  // the two orders do round differently
}

TEST_CASE("md: a Kob-Andersen mixture with Morse and WCA variants restarts exactly") {
    test::TempDir dir;
    const std::string mixture =
        "system: {lattice: random, particles: 300, density: 1.2, min_distance: 0.8, types: 2, fraction_b: 0.2}\n"
        "potential: {aa: {epsilon: 1.0, sigma: 1.0, r_cut: 2.5}, ab: {epsilon: 1.5, sigma: 0.8, r_cut: 2.0},"
        " bb: {epsilon: 0.5, sigma: 0.88, r_cut: 2.2}}\n";
    for (const std::string& potential : {std::string(""), std::string("potential: {type: morse, cutoff: force_shift}\n"),
                                         std::string("potential: {type: wca}\n")}) {
        const std::string yaml =
            "solver: md\nseed: 2\nintegrator: {type: langevin}\noutput: {observables_every: 10}\n" +
            (potential.empty() ? mixture
                               : "system: {lattice: random, particles: 300, density: 0.8, min_distance: 0.8}\n" + potential);
        CAPTURE(yaml);
        test::check_exact_restart(yaml, Backend::Cpu, 60, dir.path.string());
    }
}

TEST_CASE("md: configuration rules") {
    const auto error_of = [](const std::string& yaml) -> std::string {
        try {
            test::make_sim(yaml, Backend::Cpu);
        } catch (const ConfigError& e) {
            return e.what();
        }
        return "";
    };
    CHECK(error_of("solver: md\nsystem: {nx: 2, ny: 2, nz: 2}\n").find("shorter than twice r_cut + skin") != std::string::npos);
    CHECK(error_of("solver: md\nsystem: {types: 3, fraction_b: 0.7, fraction_c: 0.5}\n").find("fraction") != std::string::npos);
    CHECK(error_of("solver: md\nsystem: {lattice: file}\n").find("system.file") != std::string::npos);
    CHECK(error_of("solver: md\npotential: {type: buckingham}\n").find("lj, wca, morse") != std::string::npos);
}

TEST_CASE("md: the thermostat temperature is steerable and restarts as steered") {
    test::TempDir dir;
    auto sim = test::make_sim(liquid("langevin"), Backend::Cpu);
    sim.step(10);
    sim.set("thermostat.temperature", Value(2.0));
    CHECK_THROWS_AS(sim.set("integrator.dt", Value(0.001)), ConfigError);
    sim.checkpoint(dir.file("steered.h5"));
    auto again = Simulation::restore(dir.file("steered.h5"), "cpu");
    CHECK(again->params().real("thermostat.temperature") == 2.0);
}

namespace {
/// Mean and variance of a recorded observable, with the standard error of each.
struct Moments {
    double mean, variance, mean_error, variance_error;
};

/// The moments of observable `name` recorded after `skip` steps. The samples are correlated, so
/// the errors come from the spread of the means of `blocks` consecutive blocks (batch means).
Moments moments(const Simulation& sim, const std::string& name, double skip, int blocks = 10) {
    const auto& s = sim.series();
    const auto& column = s.columns[std::size_t(std::find(s.names.begin(), s.names.end(), name) - s.names.begin())];
    std::vector<double> x;
    for (std::size_t r = 0; r < s.rows(); ++r)
        if (s.columns[0][r] >= skip) x.push_back(column[r]);
    const auto average = [](const std::vector<double>& v) {
        double sum = 0;
        for (double a : v) sum += a;
        return sum / double(v.size());
    };
    const double mean = average(x);
    std::vector<double> squares(x.size()), block_means, block_variances;
    for (std::size_t i = 0; i < x.size(); ++i) squares[i] = (x[i] - mean) * (x[i] - mean);
    const std::size_t per_block = x.size() / std::size_t(blocks);
    for (int b = 0; b < blocks; ++b) {
        const auto from = std::ptrdiff_t(std::size_t(b) * per_block), to = from + std::ptrdiff_t(per_block);
        block_means.push_back(average({x.begin() + from, x.begin() + to}));
        block_variances.push_back(average({squares.begin() + from, squares.begin() + to}));
    }
    const auto error = [&](const std::vector<double>& v) {
        const double m = average(v);
        double sum2 = 0;
        for (double a : v) sum2 += (a - m) * (a - m);
        return std::sqrt(sum2 / double(blocks - 1) / double(blocks));
    };
    return {mean, average(squares), error(block_means), error(block_variances)};
}

/// Least-squares slope of total energy per particle against time.
double energy_slope(const Simulation& sim, double particles) {
    const auto& s = sim.series();
    const auto at = std::find(s.names.begin(), s.names.end(), "total_energy") - s.names.begin();
    const auto& t = s.columns[1];
    const auto& e = s.columns[std::size_t(at)];
    double mt = 0, me = 0;
    for (std::size_t r = 0; r < t.size(); ++r) mt += t[r], me += e[r] / particles;
    mt /= double(t.size()), me /= double(t.size());
    double num = 0, den = 0;
    for (std::size_t r = 0; r < t.size(); ++r) num += (t[r] - mt) * (e[r] / particles - me), den += (t[r] - mt) * (t[r] - mt);
    return num / den;
}

std::string nve_liquid(double dt, int observe_every) {
    return fmt::format(
        "solver: md\nseed: 9\nsystem: {{lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442}}\ninitial: {{temperature: 1.44}}\n"
        "potential: {{cutoff: force_shift}}\nintegrator: {{dt: {}}}\noutput: {{observables_every: {}}}\n",
        dt, observe_every);
}
}  // namespace

TEST_CASE("md: NVE energy drift over 10000 steps at dt 0.005 stays below 2e-4 epsilon per particle") {
    auto sim = test::make_sim(nve_liquid(0.005, 100), Backend::Cpu);
    sim.step(10000);
    const double drift = energy_slope(sim, 256) * sim.time();
    MESSAGE("NVE drift over 10,000 steps: ", drift, " epsilon per particle; rebuilds ",
            test::observable(sim, "neighbor_rebuilds"));
    CHECK(std::abs(drift) < 2e-4);
    CHECK(test::observable(sim, "neighbor_rebuilds") > 100);  // the lists were rebuilt, automatically
}

TEST_CASE("md: velocity Verlet's energy fluctuations shrink as dt^2") {
    // Over the same 5 time units: halving dt must divide the spread of the total energy by 4.
    double spread[2];
    for (int k = 0; k < 2; ++k) {
        const double dt = 0.005 / (1 << k);
        auto sim = test::make_sim(nve_liquid(dt, 10 << k), Backend::Cpu);
        sim.step(1000 << k);
        spread[k] = std::sqrt(moments(sim, "total_energy", 0).variance);
    }
    MESSAGE("energy spread ratio dt / (dt/2) = ", spread[0] / spread[1]);
    CHECK(spread[0] / spread[1] == test::relative(4, 0.1));
}

TEST_CASE("md: thermostats hold the target temperature with canonical kinetic-energy fluctuations") {
    // 108 particles: N_f = 321. In the canonical ensemble the kinetic energy is Gamma-distributed,
    // Var(T) = 2 T^2 / N_f (a microcanonical or Berendsen run gives far less).
    for (const char* integrator : {"langevin", "bussi", "nose_hoover"}) {
        CAPTURE(integrator);
        const double target = 1.2;
        auto sim = test::make_sim(
            fmt::format("solver: md\nseed: 21\nsystem: {{lattice: fcc, nx: 3, ny: 3, nz: 3, density: 0.8442}}\n"
                        "initial: {{temperature: 0.5}}\npotential: {{aa: {{r_cut: 2.0}}}}\n"
                        "integrator: {{type: {}}}\nthermostat: {{temperature: {}, tau: 0.2, friction: 2.0}}\n"
                        "output: {{observables_every: 10}}\n",
                        integrator, target),
            Backend::Cpu);
        sim.step(40000);
        const Moments t = moments(sim, "temperature", 2000);
        const double canonical = 2 * target * target / 321;
        MESSAGE(std::string(integrator), ": <T> = ", t.mean, " +- ", t.mean_error, ", Var(T) / canonical = ",
                t.variance / canonical, " +- ", t.variance_error / canonical);
        // Within 4 standard errors, each of which is small against the quantity: a Berendsen-like
        // thermostat (Var(T) far below canonical) or a target off by 3 % fails.
        CHECK(t.mean_error < 0.006 * target);
        CHECK(std::abs(t.mean - target) < 4 * t.mean_error);
        CHECK(t.variance_error < 0.06 * canonical);
        CHECK(std::abs(t.variance - canonical) < 4 * t.variance_error);
    }
}

TEST_CASE("md: Bussi and Nose-Hoover conserve the total energy plus the thermostat's") {
    for (const char* integrator : {"bussi", "nose_hoover"}) {
        CAPTURE(integrator);
        auto sim = test::make_sim(
            fmt::format("solver: md\nseed: 9\nsystem: {{lattice: fcc, nx: 4, ny: 4, nz: 4, density: 0.8442}}\n"
                        "initial: {{temperature: 1.44}}\npotential: {{cutoff: force_shift}}\n"
                        "integrator: {{type: {}}}\nthermostat: {{temperature: 1.0, tau: 0.2}}\noutput: {{observables_every: 100}}\n",
                        integrator),
            Backend::Cpu);
        sim.step(5000);
        const auto& s = sim.series();
        const auto column = [&](const char* name) { return s.columns[std::size_t(std::find(s.names.begin(), s.names.end(), name) - s.names.begin())]; };
        const auto total = column("total_energy"), thermostat = column("thermostat_energy");
        double worst = 0, moved = 0;
        for (std::size_t r = 0; r < total.size(); ++r) {
            worst = std::max(worst, std::abs(total[r] + thermostat[r] - total[0] - thermostat[0]) / 256);
            moved = std::max(moved, std::abs(thermostat[r]) / 256);
        }
        MESSAGE(std::string(integrator), ": largest change of the conserved energy ", worst, " per particle; thermostat moved ", moved);
        CHECK(moved > 0.1);      // the thermostat did take energy out (T 1.44 -> 1.0)
        CHECK(worst < 2e-3);     // but none was lost: 0.1 would mean a wrong sign or factor
    }
}

TEST_CASE("md: a steered thermostat temperature is reached") {
    auto sim = test::make_sim(liquid("bussi"), Backend::Cpu);
    sim.step(1000);
    // One sample of T for 256 particles: sqrt(2 / 765) = 5 % canonical spread, so 3 of them.
    CHECK(test::observable(sim, "temperature") == test::relative(1.0, 0.15));
    sim.set("thermostat.temperature", Value(2.0));
    sim.step(3000);  // tau = 0.5: 100 steps; 1,000 steps to settle, then the mean
    const Moments t = moments(sim, "temperature", 2000);
    MESSAGE("steered to 2: <T> = ", t.mean, " +- ", t.mean_error);
    CHECK(t.mean_error < 0.015 * 2.0);  // 2,000 steps of samples: ~0.8 %
    CHECK(t.mean == test::relative(2.0, 0.03));
}

TEST_CASE("md: CPU and GPU trajectories agree to rounding" * doctest::test_suite("gpu")) {
    if (test::backends().size() < 2) return test::skip("no GPU: runs in scripts/gpu-check.sh");
    for (const char* precision : {"double", "float"})
        for (const char* integrator : {"nve", "langevin", "bussi"}) {
            CAPTURE(precision);
            CAPTURE(integrator);
            const bool dbl = std::string(precision) == "double";
            test::check_cpu_gpu_agree(liquid(integrator, fmt::format("precision: {}\n", precision)), 100, dbl ? 1e-9 : 2e-3,
                                      [&](Simulation& cpu, Simulation& gpu) {
                                          for (const char* name : {"potential_energy", "pressure", "temperature"}) {
                                              CAPTURE(name);
                                              CHECK(test::observable(cpu, name) ==
                                                    test::relative(test::observable(gpu, name), dbl ? 1e-9 : 1e-4));
                                          }
                                          // g(r) is a histogram: positions that differ by rounding move
                                          // the odd pair across a bin edge (in float, a count or two),
                                          // so it is compared as a whole: the summed bin differences.
                                          const auto a = test::field_values(cpu, "rdf"), g = test::field_values(gpu, "rdf");
                                          REQUIRE(a.size() == g.size());
                                          double diff = 0, total = 0;
                                          for (std::size_t i = 0; i < a.size(); ++i) diff += std::abs(a[i] - g[i]), total += a[i];
                                          CHECK(diff < (dbl ? 1e-9 : 2e-3) * total);
                                      },
                                      {"rdf"});
        }
}

TEST_CASE("md: every force evaluation sees every pair within the cut-off") {
    // 500 atoms (3 cells per axis: the CPU's half list), hot Langevin dynamics so that the
    // lists are rebuilt often; after every step the forces equal an O(N^2) sum over all pairs
    // (a pair missed by a late rebuild would be off by at least F(r_c) = 0.039).
    const std::string yaml =
        "solver: md\nseed: 9\nsystem: {lattice: fcc, nx: 5, ny: 5, nz: 5, density: 0.8442}\n"
        "initial: {temperature: 3.0}\npotential: {cutoff: plain}\nintegrator: {type: langevin, dt: 0.005}\n"
        "thermostat: {temperature: 3.0, friction: 5.0}\nneighbor: {skin: 0.3, sort_every: 3}\n";
    for (Backend b : test::backends()) {
        CAPTURE(backend_name(b));
        Simulation sim = test::make_sim(yaml, b);
        const std::size_t n = 500;
        const double length = std::cbrt(double(n) / 0.8442);
        double worst = 0;
        for (int step = 0; step < 150; ++step) {
            sim.step(1);
            const auto x = test::field_values(sim, "position"), f = test::field_values(sim, "force");
            for (std::size_t i = 0; i < n; ++i) {
                double sum[3] = {0, 0, 0};
                for (std::size_t j = 0; j < n; ++j) {
                    double d[3], r2 = 0;
                    for (std::size_t a = 0; a < 3; ++a) {
                        d[a] = x[a * n + i] - x[a * n + j];
                        d[a] -= length * std::round(d[a] / length);
                        r2 += d[a] * d[a];
                    }
                    if (j == i || r2 >= 2.5 * 2.5) continue;
                    const double inv6 = 1 / (r2 * r2 * r2), fr = 24 * inv6 * (2 * inv6 - 1) / r2;
                    for (int a = 0; a < 3; ++a) sum[a] += fr * d[a];
                }
                for (std::size_t a = 0; a < 3; ++a) worst = std::max(worst, std::abs(sum[a] - f[a * n + i]));
            }
        }
        CHECK(worst < 1e-9);
        CHECK(test::observable(sim, "neighbor_rebuilds") > 15);
    }
}

#if defined(_OPENMP)
TEST_CASE("md: the CPU trajectory does not depend on the number of threads") {
    // The half list's layer groups fix the order of every force sum; the displacement check is a
    // maximum. NVE with 1372 atoms (half list, 4 layer groups: two run at once), 1 thread against 2 and 3.
    const std::string yaml =
        "solver: md\nseed: 2\nsystem: {lattice: fcc, nx: 7, ny: 7, nz: 7, density: 0.8442}\n"
        "initial: {temperature: 1.44}\nneighbor: {skin: 0.3, sort_every: 2}\n";
    const auto run = [&] {
        Simulation sim = test::make_sim(yaml, Backend::Cpu);
        sim.step(100);
        return test::field_values(sim, "position");
    };
    const auto one = test::with_cpu_threads(1, run);
    CHECK(test::same_bits(one, test::with_cpu_threads(2, run)));
    CHECK(test::same_bits(one, test::with_cpu_threads(3, run)));
}
#endif
