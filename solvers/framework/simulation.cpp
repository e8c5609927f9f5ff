// SPDX-License-Identifier: MIT
#include <simt/solvers/simulation.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <fmt/format.h>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/core/memory.hpp>
#include <simt/io/xdmf.hpp>
#include <simt/solvers/image_output.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/solvers/watchdog.hpp>

namespace simt {
namespace {
// Between two looks at the stop flag: short enough that Ctrl-C answers within a moment on
// large grids, long enough that the check costs nothing.
constexpr std::int64_t steps_between_stop_checks = 64;

// The solvers that split their work across the ranks of mpirun (docs/parallel.md); any other
// would run whole on every rank and write the same files.
constexpr const char* solvers_across_ranks[] = {"heat", "lattice_mc", "lbm", "md", "navier_stokes", "option_pricing"};

std::string join(const std::vector<std::string>& names, const char* sep) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : sep) + n;
    return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t end = std::min(s.find(sep, start), s.size());
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
}  // namespace

Simulation::Simulation(io::Scenario scenario, const std::string& device, const Registry& solvers)
    : Simulation(std::move(scenario), device, solvers, /*record_initial=*/true) {}

Simulation::Simulation(io::Scenario scenario, const std::string& device, const Registry& solvers, bool record_initial)
    : m_scenario(std::move(scenario)) {
    m_solver_name = m_scenario.required_string("solver");
    const SolverEntry* entry = nullptr;
    try {
        entry = &solvers.find(m_solver_name);
    } catch (const ConfigError& e) {
        throw ConfigError(m_scenario.origin() + ": " + e.what());
    }
    m_schema.add(common_schema());
    m_schema.add(entry->schema);
    m_scenario.resolve_paths(m_schema);
    m_params = m_scenario.validate(m_schema);
    if (Comm::world().parallel() && std::find(std::begin(solvers_across_ranks), std::end(solvers_across_ranks),
                                              m_solver_name) == std::end(solvers_across_ranks))
        throw ConfigError(
            fmt::format("{}: this solver does not run across ranks yet (docs/parallel.md); run it "
                        "without mpirun",
                        m_solver_name));
    m_scenario_text = m_scenario.text();
    m_context = std::make_unique<Context>(resolve_backend(device.empty() ? m_params.string("device") : device));
    m_precision = scenario_precision(m_params);
    m_solver = entry->make(m_params, m_precision, *m_context);
    m_observables_every = m_params.integer("output.observables_every");
    m_checkpoint_every = m_params.integer("output.checkpoint_every");
    if (m_params.has("output.trajectory_every")) m_trajectory_every = m_params.integer("output.trajectory_every");
    m_images = std::make_unique<ImageOutput>(m_params, *m_solver, m_scenario.origin());

    m_series.names = {"step", "time"};
    for (const auto& [name, value] : m_solver->observables()) m_series.names.push_back(name);
    m_series.columns.resize(m_series.names.size());
    // The step-0 row is kept in memory only: the CLI may still choose another directory
    // (--output), and the first file write (a later row, set_output_dir) includes this row.
    if (record_initial && m_observables_every > 0) record_observables();
    m_output_dir = m_params.string("output.dir");
}

Simulation::~Simulation() = default;

std::unique_ptr<Simulation> Simulation::restore(const std::string& path, const std::string& device,
                                                const Registry& solvers) {
    io::CheckpointReader in(path);
    const io::CheckpointMeta& meta = in.meta();
    auto scenario = io::Scenario::from_string(meta.scenario, path + ":/simt/scenario");
    std::unique_ptr<Simulation> sim(new Simulation(std::move(scenario), device, solvers, /*record_initial=*/false));
    if (sim->m_solver_name != meta.solver) {
        throw CheckpointError(fmt::format("checkpoint '{}': written by solver '{}' but its scenario names '{}'", path,
                                          meta.solver, sim->m_solver_name));
    }
    sim->m_solver->load(in);
    // The counter follows from the scenario and the step; another one means a damaged file.
    if (meta.rng_counter != sim->m_solver->rng_counter())
        in.reject(fmt::format("/simt/rng_counter = {}", meta.rng_counter),
                  fmt::format("this scenario at step {} has drawn random numbers up to {}", meta.step,
                              sim->m_solver->rng_counter()));
    const auto names = split(in.read_state_text("observable_names"), ',');
    if (names != sim->m_series.names) {
        throw CheckpointError(fmt::format("checkpoint '{}': observables '{}' do not match this solver's '{}'", path,
                                          join(names, ","), join(sim->m_series.names, ",")));
    }
    for (std::size_t c = 0; c < names.size(); ++c) sim->m_series.columns[c] = in.read_series(names[c]);
    sim->m_restored_from = path;
    sim->m_last_checkpoint_step = sim->steps();
    sim->m_restored_step = sim->steps();
    return sim;
}

void Simulation::set_output_dir(const std::string& dir) {
    m_output_dir = dir;
    m_csv_written = false;
    if (!dir.empty() && m_series.rows() > 0 && Comm::world().root()) rewrite_csv();
}

void Simulation::step(std::int64_t n) {
    SIMT_REQUIRE(n >= 0, "step: the number of steps must be >= 0");
    run_until(steps() + n);
}

Simulation::Outcome Simulation::run_until(std::int64_t target, std::atomic<int>* stop,
                                          const std::function<void(std::int64_t, std::int64_t)>& progress) {
    write_trajectory();  // the first frame of a run
    const Comm& ranks = Comm::world();
    m_images->write_if_due(*m_context, *m_solver, m_output_dir);
    while (steps() < target && !m_solver->finished()) {
        // A signal to any rank stops them all at this step: the ranks decide on the value they
        // agreed, never on a flag read again (a signal arriving meanwhile waits for the next
        // check), and a set flag is never overwritten.
        int signal = stop ? stop->load() : 0;
        if (stop && ranks.parallel()) {
            signal = ranks.max(signal);
            if (signal) stop->store(signal);
        }
        if (signal) {
            if (!m_output_dir.empty()) {
                checkpoint(scheduled_checkpoint_path());
                write_observable_files();
            }
            return Outcome::Interrupted;
        }
        const std::int64_t now = steps();
        std::int64_t next = target;
        if (m_observables_every > 0) next = std::min(next, (now / m_observables_every + 1) * m_observables_every);
        if (m_checkpoint_every > 0) next = std::min(next, (now / m_checkpoint_every + 1) * m_checkpoint_every);
        if (m_trajectory_every > 0) next = std::min(next, (now / m_trajectory_every + 1) * m_trajectory_every);
        if (m_images->every() > 0) next = std::min(next, (now / m_images->every() + 1) * m_images->every());
        if (stop) next = std::min(next, now + steps_between_stop_checks);
        m_solver->step(next - now);
        // A solver that finished between scheduled records gets its last state recorded too.
        const bool last =
            m_solver->finished() && (m_series.rows() == 0 || m_series.columns[0].back() != double(steps()));
        if (m_observables_every > 0 && (steps() % m_observables_every == 0 || last)) record_observables();
        write_trajectory();
        m_images->write_if_due(*m_context, *m_solver, m_output_dir);
        if (m_checkpoint_every > 0 && steps() % m_checkpoint_every == 0 && !m_output_dir.empty()) {
            checkpoint(scheduled_checkpoint_path());
        }
        if (progress) progress(steps(), target);
    }
    return Outcome::Completed;
}

std::string Simulation::finish() {
    watchdog();
    if (m_output_dir.empty()) return "";
    if (m_last_checkpoint_step != steps()) checkpoint(scheduled_checkpoint_path());
    write_observable_files();
    return m_last_checkpoint.empty() ? m_restored_from : m_last_checkpoint;
}

void Simulation::write_observable_files() {
    if (!Comm::world().root()) return;                         // across ranks every rank holds the same rows
    if (!m_csv_written && m_series.rows() > 0) rewrite_csv();  // a run that recorded only its first row
    io::write_time_series((std::filesystem::path(m_output_dir) / "observables.h5").string(), m_series.names,
                          m_series.columns);
}

void Simulation::record_observables() {
    const Observables obs = m_solver->observables();
    m_series.columns[0].push_back(double(steps()));
    m_series.columns[1].push_back(time());
    for (std::size_t i = 0; i < obs.size(); ++i) m_series.columns[i + 2].push_back(obs[i].second);
    watchdog();
    if (!m_output_dir.empty() && Comm::world().root()) write_csv_row(m_series.rows() - 1);
}

Simulation::ParticleFrame Simulation::particle_frame(const ParticleFields& particles) {
    // Each field (N, 3) with strides (1, N) on the device: to the host, then particle-major.
    ParticleFrame frame;
    std::vector<FieldRef> fields;
    for (const auto& name : particles.names) fields.push_back(m_solver->field(name));
    frame.particles = std::size_t(fields[0].shape[0]);
    const std::size_t n = frame.particles;
    m_context->synchronize();
    for (const FieldRef& f : fields) {
        frame.elements.push_back({f.name, f.dtype});
        const std::size_t bytes = f.element_bytes();
        std::vector<unsigned char> blocks(3 * n * bytes), rows(3 * n * bytes);
        detail::copy_bytes(blocks.data(), Backend::Cpu, f.data, f.location, blocks.size());
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t a = 0; a < 3; ++a)
                std::copy_n(&blocks[(a * n + i) * bytes], bytes, &rows[(3 * i + a) * bytes]);
        frame.rows.push_back(std::move(rows));
    }
    for (const auto& rows : frame.rows) frame.values.push_back(rows.data());
    return frame;
}

void Simulation::write_trajectory() {
    if (m_trajectory_every <= 0 || m_output_dir.empty() || steps() % m_trajectory_every != 0 ||
        steps() == m_last_trajectory_step)
        return;
    const auto particles = m_solver->outputs().particles;
    if (!particles)
        throw ConfigError(fmt::format("{}: output.trajectory_every needs a particle solver", m_solver_name));
    const ParticleFrame frame = particle_frame(*particles);  // collective: md across ranks gathers the system
    if (!Comm::world().root()) {                             // every rank holds the whole frame, rank 0 writes it
        m_last_trajectory_step = steps();
        return;
    }
    if (!m_trajectory) {
        std::filesystem::create_directories(m_output_dir);
        const bool append = m_restored_step >= 0;
        m_trajectory = std::make_unique<io::H5mdWriter>(
            (std::filesystem::path(m_output_dir) / "trajectory.h5").string(), frame.particles, particles->box,
            frame.elements, particles->species, particles->masses,
            append ? io::H5mdOpen::Continue : io::H5mdOpen::Create, m_restored_step);
        // A restarted run's first frame is already in the file when the restart step was a frame.
        if (append && m_trajectory->frames() > 0 && steps() == m_restored_step) {
            m_last_trajectory_step = steps();
            return;
        }
    }
    m_trajectory->append(steps(), time(), frame.values);
    m_last_trajectory_step = steps();
}

void Simulation::watchdog() {
    const Comm& ranks = Comm::world();  // each rank counts in its block, all of them decide
    for (const auto& name : m_solver->field_names()) {
        const FieldRef f = m_solver->field(name);
        const Index bad = ranks.sum(count_nonfinite(*m_context, f));
        if (bad == 0) continue;
        throw DivergedError(
            fmt::format("{}: step {}: field '{}' holds {} NaN/Inf value{} of {}; the run is stopped. {}", m_solver_name,
                        steps(), name, bad, bad == 1 ? "" : "s", ranks.sum(f.size()), good_checkpoint_note()));
    }
}

std::string Simulation::good_checkpoint_note() const {
    if (!m_last_checkpoint.empty()) return "The last good checkpoint this run wrote is " + m_last_checkpoint;
    if (m_restored_from.empty()) return "This run wrote no checkpoint.";
    return fmt::format("This run wrote no checkpoint; it restarted at step {} from {}", m_restored_step,
                       m_restored_from);
}

void Simulation::checkpoint(const std::string& path) {
    watchdog();  // a checkpoint must never hold a diverged state
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    io::CheckpointWriter out(path, Comm::world());  // one file, written by every rank
    io::CheckpointMeta meta;
    meta.simt_version = SIMT_VERSION;
    meta.solver = m_solver_name;
    meta.step = steps();
    meta.time = time();
    meta.backend = std::string(backend_name(m_context->backend()));
    meta.precision = precision_name(m_precision);
    meta.scenario = m_scenario_text;
    meta.rng_seed = std::uint64_t(m_params.integer("seed"));
    meta.rng_counter = m_solver->rng_counter();
    out.write_meta(meta);
    m_solver->save(out);
    for (std::size_t c = 0; c < m_series.names.size(); ++c) out.write_series(m_series.names[c], m_series.columns[c]);
    out.write_state("observable_names", join(m_series.names, ","));
    const Outputs shown = m_solver->outputs();
    if (const auto& particles = shown.particles) {
        // The particles as one H5MD frame as well, so trajectory readers open checkpoints.
        const ParticleFrame frame = particle_frame(*particles);
        out.commit([&](const std::string& file) {
            io::H5mdWriter h5md(file, frame.particles, particles->box, frame.elements, particles->species,
                                particles->masses, io::H5mdOpen::AddTo);
            h5md.append(steps(), time(), frame.values);
        });
    } else {
        out.commit();
    }
    if (const auto& grid = shown.grid; grid && Comm::world().root()) {
        std::vector<io::XdmfField> fields;
        for (const auto& name : grid->names) {
            const FieldRef f = m_solver->field(name);
            fields.push_back({name, 1, f.dtype == io::DType::F32 ? "float" : "double"});
        }
        io::XdmfGrid mesh = grid->mesh;
        mesh.time = time();
        io::write_xdmf(path, mesh, fields);
    }
    if (const auto& results = shown.results; results && Comm::world().root()) {
        for (const std::string& why : results->left_out)
            fmt::print(stderr, "{}: not written to results.csv: {}\n", m_solver_name, why);
        io::write_results_table((std::filesystem::path(path).parent_path() / "results.csv").string(), results->columns);
    }
    m_last_checkpoint = path;
    m_last_checkpoint_step = steps();
}

void Simulation::set(const std::string& key, const Value& v) {
    const io::KeySpec* spec = m_schema.find(key);
    if (!spec) throw ConfigError(fmt::format("{}: unknown key '{}'", m_solver_name, key));
    if (!spec->steerable) {
        std::vector<std::string> steerable;
        for (const auto& k : m_schema.keys())
            if (k.steerable) steerable.push_back(k.path);
        throw ConfigError(fmt::format("{}: '{}' cannot be changed during a run; steerable keys: {}", m_solver_name, key,
                                      steerable.empty() ? "none" : join(steerable, ", ")));
    }
    const Value checked = m_schema.check(*spec, v);
    m_solver->set(key, checked);
    m_params.set(key, checked);
    m_scenario.set_override(key, checked);
    m_scenario_text = m_scenario.text();
}

std::string Simulation::scheduled_checkpoint_path() const {
    return (std::filesystem::path(m_output_dir) / fmt::format("checkpoint_{:09d}.h5", steps())).string();
}

std::string Simulation::csv_row(std::size_t row) const {
    std::string line;
    for (std::size_t c = 0; c < m_series.columns.size(); ++c) {
        line += (c ? "," : "") + fmt::format("{:.17g}", m_series.columns[c][row]);
    }
    return line + '\n';
}

void Simulation::write_csv_row(std::size_t row) {
    const auto path = std::filesystem::path(m_output_dir) / "observables.csv";
    if (!m_csv_written || !std::filesystem::exists(path)) {  // never append to an earlier run's file
        rewrite_csv();
        return;
    }
    std::ofstream out(path, std::ios::app);
    out << csv_row(row);
    if (!out) throw IoError("cannot write " + path.string());
}

void Simulation::rewrite_csv() {
    std::filesystem::create_directories(m_output_dir);
    const auto path = std::filesystem::path(m_output_dir) / "observables.csv";
    std::ofstream out(path, std::ios::trunc);
    out << join(m_series.names, ",") << '\n';
    for (std::size_t r = 0; r < m_series.rows(); ++r) out << csv_row(r);
    if (!out) throw IoError("cannot write " + path.string());
    m_csv_written = true;
}
}  // namespace simt
