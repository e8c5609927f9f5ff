// SPDX-License-Identifier: MIT
// Host only: the one place of core that sees mpi.h.
#include <simt/core/comm.hpp>

#include <cstdlib>
#include <cstring>
#include <simt/config.hpp>
#include <simt/core/error.hpp>
#if SIMT_ENABLE_MPI
#include <mpi.h>
#if __has_include(<mpi-ext.h>)
#include <mpi-ext.h>  // OpenMPI's MPIX_Query_cuda_support
#endif
#endif
#if SIMT_ENABLE_CUDA
#include <cuda_runtime.h>
#include <simt/core/backend.hpp>
#include <simt/core/cuda_check.hpp>
#endif

namespace simt {
namespace {
Comm g_world;

#if SIMT_ENABLE_MPI
MPI_Comm g_native = MPI_COMM_NULL;

/// The communicator a Comm talks on: a split's own, or the world's.
MPI_Comm native_of(const std::shared_ptr<void>& split) {
    return split ? *static_cast<const MPI_Comm*>(split.get()) : g_native;
}

void check(int rc, const char* call) {
    if (rc == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, text, &len);
    throw Error(std::string("mpi: ") + call + " failed: " + std::string(text, std::size_t(len)));
}

int as_count(std::size_t bytes) {
    SIMT_REQUIRE(bytes <= std::size_t(2147483647), "mpi: a message of more than 2 GiB");
    return int(bytes);
}

/// Set by OpenMPI's, MPICH's (PMI) and Slurm's launchers.
bool under_launcher() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_PROCID"})
        if (std::getenv(v)) return true;
    return false;
}
#endif
}  // namespace

const Comm& Comm::world() { return g_world; }

struct PendingMessages::Requests {
#if SIMT_ENABLE_MPI
    std::vector<MPI_Request> list;
    /// A slot for the next request, which MPI fills before anything else is added.
    MPI_Request* add() { return &list.emplace_back(MPI_REQUEST_NULL); }
#endif
};
PendingMessages::PendingMessages() : m_requests(std::make_unique<Requests>()) {}
PendingMessages::~PendingMessages() = default;

void Comm::barrier() const {
#if SIMT_ENABLE_MPI
    if (m_mpi) check(MPI_Barrier(native_of(m_split)), "MPI_Barrier");
#endif
}

void Comm::broadcast([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes, [[maybe_unused]] int root) const {
#if SIMT_ENABLE_MPI
    if (m_mpi) {
        if (m_rank == root) m_sent_bytes += bytes * std::size_t(m_size - 1);
        check(MPI_Bcast(data, as_count(bytes), MPI_BYTE, root, native_of(m_split)), "MPI_Bcast");
    }
#endif
}

std::int64_t Comm::sum(std::int64_t v) const {
#if SIMT_ENABLE_MPI
    if (m_mpi) {
        std::int64_t total = 0;
        check(MPI_Allreduce(&v, &total, 1, MPI_INT64_T, MPI_SUM, native_of(m_split)), "MPI_Allreduce");
        return total;
    }
#endif
    return v;
}

int Comm::max(int v) const {
#if SIMT_ENABLE_MPI
    if (m_mpi) {
        int most = 0;
        check(MPI_Allreduce(&v, &most, 1, MPI_INT, MPI_MAX, native_of(m_split)), "MPI_Allreduce");
        return most;
    }
#endif
    return v;
}

double Comm::sum_in_rank_order(double v) const {
    if (!parallel()) return v;
    const std::vector<unsigned char> all = gather(&v, sizeof v);
    double total = 0;
    for (std::size_t r = 0; r < all.size() / sizeof v; ++r) {
        double part;
        std::memcpy(&part, all.data() + r * sizeof v, sizeof v);
        total += part;
    }
    broadcast(&total, sizeof total);
    return total;
}

std::vector<unsigned char> Comm::gather(const void* data, std::size_t bytes, [[maybe_unused]] int root) const {
    const auto* first = static_cast<const unsigned char*>(data);
#if SIMT_ENABLE_MPI
    if (m_mpi) {
        const int mine = as_count(bytes);
        if (m_rank != root) m_sent_bytes += bytes;
        std::vector<int> counts(static_cast<std::size_t>(m_size)), offsets(counts.size());
        check(MPI_Gather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, root, native_of(m_split)), "MPI_Gather");
        std::vector<unsigned char> all;
        if (m_rank == root) {
            std::size_t total = 0;
            for (int r = 0; r < m_size; ++r) {
                offsets[std::size_t(r)] = as_count(total);
                total += std::size_t(counts[std::size_t(r)]);
            }
            all.resize(total);
        }
        check(MPI_Gatherv(first, mine, MPI_BYTE, all.data(), counts.data(), offsets.data(), MPI_BYTE, root,
                          native_of(m_split)),
              "MPI_Gatherv");
        return all;
    }
#endif
    return {first, first + bytes};
}

void Comm::alltoallv(const void* send, const std::vector<std::size_t>& send_bytes, void* recv,
                     const std::vector<std::size_t>& recv_bytes) const {
    SIMT_REQUIRE(send_bytes.size() == std::size_t(m_size) && recv_bytes.size() == std::size_t(m_size),
                 "mpi: alltoallv needs a byte count for every rank");
#if SIMT_ENABLE_MPI
    if (m_mpi) {
        std::vector<int> send_counts(send_bytes.size()), send_offsets(send_counts.size());
        std::vector<int> recv_counts(recv_bytes.size()), recv_offsets(recv_counts.size());
        std::size_t send_total = 0, recv_total = 0;
        for (std::size_t r = 0; r < send_bytes.size(); ++r) {
            send_counts[r] = as_count(send_bytes[r]), send_offsets[r] = as_count(send_total);
            recv_counts[r] = as_count(recv_bytes[r]), recv_offsets[r] = as_count(recv_total);
            send_total += send_bytes[r], recv_total += recv_bytes[r];
            if (int(r) != m_rank) m_sent_bytes += send_bytes[r];
        }
        check(MPI_Alltoallv(send, send_counts.data(), send_offsets.data(), MPI_BYTE, recv, recv_counts.data(),
                            recv_offsets.data(), MPI_BYTE, g_native),
              "MPI_Alltoallv");
        return;
    }
#endif
    if (send_bytes[0]) std::memcpy(recv, send, send_bytes[0]);
}

void Comm::sendrecv(const void* send, std::size_t send_bytes, int dest, void* recv, std::size_t recv_bytes, int source,
                    [[maybe_unused]] int tag) const {
#if SIMT_ENABLE_MPI
    if (m_mpi) {
        if (dest >= 0) m_sent_bytes += send_bytes;
        check(MPI_Sendrecv(send, as_count(send_bytes), MPI_BYTE, dest < 0 ? MPI_PROC_NULL : dest, tag, recv,
                           as_count(recv_bytes), MPI_BYTE, source < 0 ? MPI_PROC_NULL : source, tag, native_of(m_split),
                           MPI_STATUS_IGNORE),
              "MPI_Sendrecv");
        return;
    }
#endif
    // One rank: a partner can only be this rank itself.
    SIMT_REQUIRE(dest < 0 && source < 0, "mpi: sendrecv to another rank in a run of one rank");
    (void)send, (void)send_bytes, (void)recv, (void)recv_bytes;
}

void Comm::isend([[maybe_unused]] const void* data, [[maybe_unused]] std::size_t bytes, int dest,
                 [[maybe_unused]] int tag, [[maybe_unused]] PendingMessages& pending) const {
    if (dest < 0) return;
    SIMT_REQUIRE(m_mpi, "mpi: isend to another rank in a run of one rank");
#if SIMT_ENABLE_MPI
    m_sent_bytes += bytes;
    check(MPI_Isend(data, as_count(bytes), MPI_BYTE, dest, tag, native_of(m_split), pending.m_requests->add()),
          "MPI_Isend");
#endif
}

void Comm::irecv([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes, int source, [[maybe_unused]] int tag,
                 [[maybe_unused]] PendingMessages& pending) const {
    if (source < 0) return;
    SIMT_REQUIRE(m_mpi, "mpi: irecv from another rank in a run of one rank");
#if SIMT_ENABLE_MPI
    check(MPI_Irecv(data, as_count(bytes), MPI_BYTE, source, tag, native_of(m_split), pending.m_requests->add()),
          "MPI_Irecv");
#endif
}

void Comm::wait_all([[maybe_unused]] PendingMessages& pending) const {
#if SIMT_ENABLE_MPI
    auto& list = pending.m_requests->list;
    if (list.empty()) return;
    check(MPI_Waitall(int(list.size()), list.data(), MPI_STATUSES_IGNORE), "MPI_Waitall");
    list.clear();
#endif
}

bool Comm::device_aware() const {
#if SIMT_ENABLE_MPI && defined(MPIX_CUDA_AWARE_SUPPORT) && MPIX_CUDA_AWARE_SUPPORT
    return m_mpi && MPIX_Query_cuda_support() == 1;
#else
    return false;
#endif
}

void Comm::abort(int exit_code) const {
#if SIMT_ENABLE_MPI
    if (m_mpi) MPI_Abort(g_native, exit_code);
#endif
    std::exit(exit_code);
}

const void* Comm::native() const {
#if SIMT_ENABLE_MPI
    if (m_mpi) return m_split ? m_split.get() : &g_native;
#endif
    return nullptr;
}

Comm Comm::split(int color, int key) const {
    Comm part = *this;
#if SIMT_ENABLE_MPI
    if (!m_mpi) return part;
    auto* own = new MPI_Comm(MPI_COMM_NULL);
    part.m_split = std::shared_ptr<void>(own, [](void* p) {
        auto* c = static_cast<MPI_Comm*>(p);
        int finalized = 0;
        MPI_Finalized(&finalized);
        if (!finalized && *c != MPI_COMM_NULL) MPI_Comm_free(c);
        delete c;
    });
    check(MPI_Comm_split(native_of(m_split), color, key, own), "MPI_Comm_split");
    MPI_Comm_rank(*own, &part.m_rank);
    MPI_Comm_size(*own, &part.m_size);
    part.m_sent_bytes = 0;
#else
    (void)color, (void)key;
#endif
    return part;
}

void MpiSession::join([[maybe_unused]] const void* native) {
#if SIMT_ENABLE_MPI
    g_native = *static_cast<const MPI_Comm*>(native);
    // Errors come back as codes (turned into exceptions), not as MPI's own abort.
    MPI_Comm_set_errhandler(g_native, MPI_ERRORS_RETURN);
    MPI_Comm_rank(g_native, &g_world.m_rank);
    MPI_Comm_size(g_native, &g_world.m_size);
    g_world.m_mpi = true;
#if SIMT_ENABLE_CUDA
    if (cuda_available()) {
        int devices = 0;
        SIMT_CUDA_CHECK(cudaGetDeviceCount(&devices));
        SIMT_CUDA_CHECK(cudaSetDevice(g_world.m_rank % devices));
    }
#endif
#endif
}

MpiSession::MpiSession([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#if SIMT_ENABLE_MPI
    if (!under_launcher()) return;
    check(MPI_Init(&argc, &argv), "MPI_Init");
    m_started_mpi = true;
    const MPI_Comm world = MPI_COMM_WORLD;
    join(&world);
#endif
}

MpiSession::MpiSession() {
#if SIMT_ENABLE_MPI
    int running = 0;
    check(MPI_Initialized(&running), "MPI_Initialized");
    if (!running) {
        if (!under_launcher()) return;
        // Calls may come from any Python thread, one at a time (the GIL orders them).
        int provided = 0;
        check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
        m_started_mpi = true;
    }
    // A communicator of simt's own: its collectives never meet the program's messages.
    MPI_Comm own = MPI_COMM_NULL;
    check(MPI_Comm_dup(MPI_COMM_WORLD, &own), "MPI_Comm_dup");
    m_own_comm = true;
    join(&own);
#endif
}

MpiSession::~MpiSession() {
#if SIMT_ENABLE_MPI
    if (!g_world.m_mpi) return;
    int finalized = 0;
    MPI_Finalized(&finalized);  // the program may have ended MPI first (mpi4py at its exit)
    if (m_own_comm && !finalized) MPI_Comm_free(&g_native);
    if (m_started_mpi && !finalized) MPI_Finalize();
    g_world = Comm{};
    g_native = MPI_COMM_NULL;
#endif
}
}  // namespace simt
