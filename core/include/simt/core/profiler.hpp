// SPDX-License-Identifier: MIT
// Per-kernel timing: launches, total and mean time (CUDA events on the GPU, a steady clock on
// the CPU), bytes the kernel declares it moves, achieved GB/s. NVTX ranges name every GPU
// launch, so Nsight Systems shows the same labels.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <simt/core/backend.hpp>
#include <simt/core/macros.hpp>

namespace simt {
namespace detail {
/// Below this many indices a CPU loop runs on one thread: waking a thread team costs more
/// than the work (tens of microseconds, far more under some sandboxes).
constexpr Index min_parallel_indices = 16384;
}  // namespace detail

/// A kernel's label ("<module>.<variant>.<kernel>") and the bytes one launch reads plus writes.
struct Kernel {
    const char* label;
    double bytes = 0;
    /// A 1-D for_each over fewer indices runs on one CPU thread. A kernel whose every index
    /// is long work (a block of Monte Carlo paths) lowers it to 2, to use every core.
    Index cpu_parallel_from = detail::min_parallel_indices;
    Kernel(const char* l, double b = 0) : label(l), bytes(b) {}  // NOLINT: a label converts
};

/// One row of the profile table.
struct KernelTiming {
    std::string label;
    std::int64_t launches = 0;
    double total_s = 0;
    double bytes = 0;
    double mean_s() const { return launches ? total_s / launches : 0; }
    /// Achieved bandwidth [GB/s]; 0 when the kernel declares no bytes.
    double gbps() const { return total_s > 0 ? bytes / total_s * 1e-9 : 0; }
};

class Profiler {
   public:
    Profiler();
    ~Profiler();
    Profiler(const Profiler&) = delete;
    Profiler& operator=(const Profiler&) = delete;

    /// Timing costs a little per launch, so it is off until asked for.
    void enable(bool on) { m_enabled = on; }
    bool enabled() const { return m_enabled; }

    /// Marks one launch; stop() after the launch is queued. Inert when profiling is off, apart
    /// from the NVTX range on the GPU.
    class Launch {
       public:
        void stop();
        ~Launch();

       private:
        friend class Profiler;
        Launch(Profiler* p, const Kernel& k, Backend b, void* stream);
        Profiler* m_profiler;
        Kernel m_kernel;
        Backend m_backend;
        void* m_stream;
        int m_event_pair = -1;
        std::chrono::steady_clock::time_point m_t0;
        bool m_nvtx = false;
    };
    Launch start(const Kernel& k, Backend b, void* stream) { return Launch(this, k, b, stream); }

    /// Waits for pending GPU timings and returns one row per label, sorted by total time.
    std::vector<KernelTiming> report();
    /// The report as an aligned text table.
    std::string table();
    void reset();

   private:
    struct Pending {
        std::string label;
        double bytes;
        int event_pair;
    };
    KernelTiming& row(const std::string& label);
    int take_event_pair();
    void resolve_pending();

    bool m_enabled = false;
    std::map<std::string, KernelTiming> m_rows;
    std::vector<Pending> m_pending;
    std::vector<std::pair<void*, void*>> m_events;  // cudaEvent_t start/stop pairs, reused
    std::vector<int> m_free_events;
};
}  // namespace simt
