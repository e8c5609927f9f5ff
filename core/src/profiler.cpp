// SPDX-License-Identifier: MIT
#include <simt/core/profiler.hpp>

#include <algorithm>
#include <cstdio>
#if SIMT_ENABLE_CUDA
#include <nvtx3/nvToolsExt.h>
#include <simt/core/cuda_check.hpp>
#endif

namespace simt {
Profiler::Profiler() = default;

Profiler::~Profiler() {
#if SIMT_ENABLE_CUDA
    for (auto& [start, stop] : m_events) {
        cudaEventDestroy(static_cast<cudaEvent_t>(start));
        cudaEventDestroy(static_cast<cudaEvent_t>(stop));
    }
#endif
}

Profiler::Launch::Launch(Profiler* p, const Kernel& k, Backend b, void* stream)
    : m_profiler(p), m_kernel(k), m_backend(b), m_stream(stream) {
#if SIMT_ENABLE_CUDA
    if (b == Backend::Cuda) {
        nvtxRangePushA(k.label);
        m_nvtx = true;
    }
#endif
    if (!p->m_enabled) return;
    if (b == Backend::Cuda) {
#if SIMT_ENABLE_CUDA
        m_event_pair = p->take_event_pair();
        SIMT_CUDA_CHECK(cudaEventRecord(static_cast<cudaEvent_t>(p->m_events[m_event_pair].first),
                                        static_cast<cudaStream_t>(stream)));
#endif
    } else {
        m_t0 = std::chrono::steady_clock::now();
    }
}

void Profiler::Launch::stop() {
#if SIMT_ENABLE_CUDA
    if (m_nvtx) {
        nvtxRangePop();
        m_nvtx = false;
    }
#endif
    if (!m_profiler) return;
    Profiler& p = *m_profiler;
    m_profiler = nullptr;
    if (!p.m_enabled) return;
    if (m_event_pair >= 0) {
#if SIMT_ENABLE_CUDA
        SIMT_CUDA_CHECK(cudaEventRecord(static_cast<cudaEvent_t>(p.m_events[m_event_pair].second),
                                        static_cast<cudaStream_t>(m_stream)));
        p.m_pending.push_back({m_kernel.label, m_kernel.bytes, m_event_pair});
#endif
        return;
    }
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_t0).count();
    KernelTiming& r = p.row(m_kernel.label);
    r.launches += 1;
    r.total_s += dt;
    r.bytes += m_kernel.bytes;
}

Profiler::Launch::~Launch() {
#if SIMT_ENABLE_CUDA
    if (m_nvtx) nvtxRangePop();  // the launch threw: close the range, record nothing
#endif
    if (m_profiler && m_event_pair >= 0) m_profiler->m_free_events.push_back(m_event_pair);
}

KernelTiming& Profiler::row(const std::string& label) {
    KernelTiming& r = m_rows[label];
    r.label = label;
    return r;
}

int Profiler::take_event_pair() {
#if SIMT_ENABLE_CUDA
    if (m_free_events.empty()) {
        cudaEvent_t a = nullptr, b = nullptr;
        SIMT_CUDA_CHECK(cudaEventCreate(&a));
        SIMT_CUDA_CHECK(cudaEventCreate(&b));
        m_events.emplace_back(a, b);
        return int(m_events.size()) - 1;
    }
#endif
    const int i = m_free_events.back();
    m_free_events.pop_back();
    return i;
}

void Profiler::resolve_pending() {
#if SIMT_ENABLE_CUDA
    for (const Pending& p : m_pending) {
        auto [start, stop] = m_events[p.event_pair];
        SIMT_CUDA_CHECK(cudaEventSynchronize(static_cast<cudaEvent_t>(stop)));
        float ms = 0;
        SIMT_CUDA_CHECK(cudaEventElapsedTime(&ms, static_cast<cudaEvent_t>(start), static_cast<cudaEvent_t>(stop)));
        KernelTiming& r = row(p.label);
        r.launches += 1;
        r.total_s += ms * 1e-3;
        r.bytes += p.bytes;
        m_free_events.push_back(p.event_pair);
    }
#endif
    m_pending.clear();
}

std::vector<KernelTiming> Profiler::report() {
    resolve_pending();
    std::vector<KernelTiming> rows;
    for (const auto& [label, r] : m_rows) rows.push_back(r);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.total_s > b.total_s; });
    return rows;
}

std::string Profiler::table() {
    const auto rows = report();
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-32s %10s %12s %12s %10s\n", "kernel", "launches", "total [ms]",
                  "mean [us]", "GB/s");
    out += line;
    for (const auto& r : rows) {
        std::snprintf(line, sizeof line, "%-32s %10lld %12.3f %12.3f %10.1f\n", r.label.c_str(),
                      (long long)r.launches, r.total_s * 1e3, r.mean_s() * 1e6, r.gbps());
        out += line;
    }
    return out;
}

void Profiler::reset() {
    resolve_pending();
    m_rows.clear();
}
}  // namespace simt
