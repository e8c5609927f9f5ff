// SPDX-License-Identifier: MIT
// Simulation: one scenario run — the Context, one Solver, and the output schedule:
// observables every k steps (CSV + HDF5 time series), checkpoints every m steps (HDF5 + XDMF,
// written atomically), a NaN/Inf watchdog that stops before a bad state reaches a checkpoint,
// and a stop flag (set by SIGINT/SIGTERM in the CLI) honoured between steps.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <simt/core/context.hpp>
#include <simt/io/h5md.hpp>
#include <simt/io/params.hpp>
#include <simt/io/scenario.hpp>
#include <simt/solvers/precision.hpp>
#include <simt/solvers/registry.hpp>
#include <simt/solvers/solver.hpp>

namespace simt {
class ImageOutput;

/// Observables recorded so far: columns "step", "time", then the solver's names.
struct ObservableSeries {
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;
    std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

class Simulation {
   public:
    /// Validates the scenario against the common and the solver's schema and builds the solver.
    /// `device` ("auto" | "cpu" | "cuda"), when not empty, overrides the scenario's device key;
    /// the solver comes from `solvers` (a test may add its own to a Registry of its own).
    explicit Simulation(io::Scenario scenario, const std::string& device = "",
                        const Registry& solvers = builtin_solvers());
    /// Continues from a checkpoint, on `device` or the scenario's own; exact to the bit.
    static std::unique_ptr<Simulation> restore(const std::string& checkpoint_path, const std::string& device = "",
                                               const Registry& solvers = builtin_solvers());
    ~Simulation();

    /// Advances n steps, keeping the output schedule and the watchdog.
    void step(std::int64_t n);
    enum class Outcome { Completed, Interrupted };
    /// Advances until steps() == target or the solver says it is finished, checking `stop` between steps; on a stop
    /// request it writes a checkpoint (when writing files) and returns Interrupted. Across ranks the ranks agree first:
    /// a flag set on any rank is stored into every rank's. `progress` is called between chunks with (steps, target).
    Outcome run_until(std::int64_t target, std::atomic<int>* stop = nullptr,
                      const std::function<void(std::int64_t, std::int64_t)>& progress = {});
    /// End of a run: the watchdog, a final checkpoint (if not written at this step) and
    /// observables.h5. Returns the checkpoint path ("" when not writing files).
    std::string finish();

    /// Writes a checkpoint (+ XDMF for grid solvers) to `path` atomically, after the watchdog.
    void checkpoint(const std::string& path);
    /// Steering: the key must be steerable in the schema; the value is checked like YAML.
    void set(const std::string& key, const Value& v);

    /// Output directory for files; "" writes none (the Python default).
    void set_output_dir(const std::string& dir);
    const std::string& output_dir() const { return m_output_dir; }
    /// The newest checkpoint this run wrote, "" if none.
    const std::string& last_checkpoint() const { return m_last_checkpoint; }

    std::int64_t steps() const { return m_solver->steps(); }
    double time() const { return m_solver->time(); }
    const std::string& solver_name() const { return m_solver_name; }
    Precision precision() const { return m_precision; }
    const io::Params& params() const { return m_params; }
    const std::string& scenario_text() const { return m_scenario_text; }
    Solver& solver() { return *m_solver; }
    Context& context() { return *m_context; }
    const ObservableSeries& series() const { return m_series; }
    /// Current observables, synchronising the device.
    Observables observables() { return m_solver->observables(); }

   private:
    Simulation(io::Scenario scenario, const std::string& device, const Registry& solvers, bool record_initial);
    void record_observables();
    /// The (N, 3) fields a solver shows as particles, on the host, particle-major (as H5MD
    /// stores them).
    struct ParticleFrame {
        std::size_t particles = 0;
        std::vector<io::H5mdElement> elements;
        std::vector<std::vector<unsigned char>> rows;  // per element
        std::vector<const void*> values;               // rows[e].data()
    };
    ParticleFrame particle_frame(const ParticleFields& particles);
    /// Appends the particle fields to <output.dir>/trajectory.h5 (H5MD) on output.trajectory_every steps.
    void write_trajectory();
    void watchdog();
    /// The watchdog's pointer to where the run can resume from.
    std::string good_checkpoint_note() const;
    /// observables.csv (when no row has reached it yet) and observables.h5: at the end of a run or a stop.
    void write_observable_files();
    std::string csv_row(std::size_t row) const;
    void write_csv_row(std::size_t row);
    void rewrite_csv();
    std::string scheduled_checkpoint_path() const;

    std::string m_solver_name;
    io::Scenario m_scenario;  // kept current with steering, so checkpoints restart as steered
    std::string m_scenario_text;
    io::Schema m_schema;      // common keys + the solver's
    io::Params m_params;
    Precision m_precision = Precision::Double;
    std::unique_ptr<Context> m_context;
    std::unique_ptr<Solver> m_solver;
    ObservableSeries m_series;
    std::int64_t m_observables_every = 0;
    std::int64_t m_checkpoint_every = 0;
    std::int64_t m_trajectory_every = 0;
    std::unique_ptr<io::H5mdWriter> m_trajectory;
    std::unique_ptr<ImageOutput> m_images;  // output.images frames
    std::int64_t m_last_trajectory_step = -1;
    std::int64_t m_restored_step = -1;  // a restart continues the trajectory from here
    std::string m_output_dir;
    bool m_csv_written = false;  // observables.csv in m_output_dir holds this run's rows
    std::string m_last_checkpoint;
    std::string m_restored_from;  // the checkpoint a restart began from
    std::int64_t m_last_checkpoint_step = -1;
};
}  // namespace simt
