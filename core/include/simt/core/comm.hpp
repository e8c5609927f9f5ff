// SPDX-License-Identifier: MIT
// Comm: the ranks of one run. Under an MPI launcher in an MPI build it is MPI_COMM_WORLD;
// otherwise (no MPI in the build, or a plain `simt run`) it is one rank and every call is local.
// No MPI header appears here, so kernel files (compiled by nvcc) may include it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace simt {
/// Messages posted by Comm::isend and Comm::irecv and not yet waited for (MPI requests, kept
/// out of sight of kernel files). Comm::wait_all finishes them all.
class PendingMessages {
   public:
    PendingMessages();
    ~PendingMessages();
    PendingMessages(const PendingMessages&) = delete;
    PendingMessages& operator=(const PendingMessages&) = delete;

   private:
    friend class Comm;
    struct Requests;
    std::unique_ptr<Requests> m_requests;
};

class Comm {
   public:
    /// The run's ranks: one rank until an MpiSession has started MPI.
    static const Comm& world();

    int rank() const { return m_rank; }
    int size() const { return m_size; }
    bool root() const { return m_rank == 0; }
    /// More than one rank: collective calls talk to the others.
    bool parallel() const { return m_size > 1; }

    void barrier() const;
    /// Copies `bytes` from `root`'s buffer into every rank's.
    void broadcast(void* data, std::size_t bytes, int root = 0) const;
    /// Sum over ranks, exact (integers).
    std::int64_t sum(std::int64_t v) const;
    /// Sum over ranks of a double, added in rank order on rank 0 and sent to every rank: the
    /// same bits on every rank and in every run of this rank count.
    double sum_in_rank_order(double v) const;
    /// Largest value over ranks.
    int max(int v) const;
    /// Every rank's bytes, concatenated in rank order on `root` (empty elsewhere); sizes may differ.
    std::vector<unsigned char> gather(const void* data, std::size_t bytes, int root = 0) const;
    /// Every rank sends send_bytes[r] bytes (from `send`, one part after the other in rank
    /// order) to each rank r and receives recv_bytes[r] from it (into `recv`, likewise): the
    /// transposes of a distributed transform (MPI_Alltoallv). Collective.
    void alltoallv(const void* send, const std::vector<std::size_t>& send_bytes, void* recv,
                   const std::vector<std::size_t>& recv_bytes) const;
    /// Sends `send_bytes` to rank `dest` while receiving `recv_bytes` from rank `source`; a rank
    /// of -1 means no partner on that side (nothing sent or received).
    void sendrecv(const void* send, std::size_t send_bytes, int dest, void* recv, std::size_t recv_bytes, int source,
                  int tag) const;
    /// Non-blocking halves of sendrecv, so that work can run while messages travel: each posts
    /// one message into `pending` (a rank of -1 posts nothing); wait_all returns when every
    /// posted message has arrived or left, and empties `pending`. Buffers stay untouched until then.
    void isend(const void* data, std::size_t bytes, int dest, int tag, PendingMessages& pending) const;
    void irecv(void* data, std::size_t bytes, int source, int tag, PendingMessages& pending) const;
    void wait_all(PendingMessages& pending) const;
    /// Bytes this rank has handed to MPI for other ranks since MPI started (messages, its part of
    /// a gather, a broadcast's copies to the others; not the few bytes of sum and max): the
    /// traffic per step the scaling benchmark reports.
    std::uint64_t sent_bytes() const { return m_sent_bytes; }
    /// Whether MPI may be handed GPU memory (CUDA-aware MPI, MPIX_Query_cuda_support).
    bool device_aware() const;
    /// Ends every rank with `exit_code`: what an error on one rank does, so that none waits forever.
    [[noreturn]] void abort(int exit_code) const;
    /// The ranks of this communicator that pass the same `color`, as a communicator of their own,
    /// numbered in the order of `key` (then of their rank here): a group of ranks that shares a
    /// piece of work. Collective over this communicator; one rank gets a copy of itself.
    Comm split(int color, int key) const;
    /// The MPI_Comm (as a pointer to it) for libraries that take one (parallel HDF5); null on one rank.
    const void* native() const;

   private:
    friend class MpiSession;
    int m_rank = 0, m_size = 1;
    bool m_mpi = false;
    mutable std::uint64_t m_sent_bytes = 0;  // a tally, not state: counting leaves the calls const
    std::shared_ptr<void> m_split;           // a split's own MPI_Comm, freed with its last copy; null: the world's
};

/// Starts MPI for the life of the object when the process was started by an MPI launcher
/// (mpirun, srun) in an MPI build, makes Comm::world() its ranks and gives each rank a GPU
/// (rank modulo the visible devices; several ranks may share one). Otherwise does nothing.
class MpiSession {
   public:
    /// For simt's own main().
    MpiSession(int& argc, char**& argv);
    /// For simt as a library inside another program (the Python module): joins an MPI that the
    /// program started already (mpi4py imported first) on a communicator of simt's own (a copy
    /// of MPI_COMM_WORLD), or starts one (MPI_Init_thread) under a launcher. It finalizes only
    /// an MPI it started.
    MpiSession();
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

   private:
    /// Makes the MPI_Comm at `native` the ranks of Comm::world() and gives this rank its GPU.
    static void join(const void* native);
    bool m_started_mpi = false;  ///< MPI_Finalize at the end
    bool m_own_comm = false;     ///< Comm::world() is a copy of MPI_COMM_WORLD to free at the end
};
}  // namespace simt
