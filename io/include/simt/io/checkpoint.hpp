// SPDX-License-Identifier: MIT
// HDF5 checkpoints. Layout:
//   /simt           attributes: format_version, simt_version, solver, step, time, backend,
//                   precision, scenario (full YAML text), rng_seed, rng_counter
//   /fields/<name>  arrays (grid fields stored z, y, x: C order with x fastest, as XDMF reads)
//   /state          attributes: solver-specific scalars (thermostat variables, ...)
//   /observables/<name>  time series, one value per recorded step
//   /h5md, /particles    particle solvers: the state as one H5MD frame (io/h5md.hpp), added by
//                        the Simulation through commit()'s hook
// Writes go to "<path>.tmp" and are renamed over <path> on commit(), so a crash or a full disk
// never leaves a half-written checkpoint under the real name. Every HDF5 call is checked. A run
// across ranks writes one file together, the same layout as one rank's (docs/parallel.md).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <simt/core/comm.hpp>
#include <simt/core/value.hpp>

namespace simt::io {
/// The newest layout this build writes and the newest it can read.
inline constexpr int checkpoint_format_version = 1;

struct CheckpointMeta {
    int format_version = checkpoint_format_version;
    std::string simt_version;
    std::string solver;
    std::int64_t step = 0;
    double time = 0;
    std::string backend;    ///< "cpu" | "cuda", where it was written (restart may use another)
    std::string precision;  ///< "float" | "double"
    std::string scenario;   ///< full YAML text, overrides applied
    std::uint64_t rng_seed = 0;
    std::uint64_t rng_counter = 0;  ///< how far the solver's random streams have advanced
};

enum class DType { F32, F64, I32, I64, U8, U16 };

class CheckpointWriter {
   public:
    /// Opens "<path>.tmp" for writing (IoError if that fails, e.g. missing directory).
    explicit CheckpointWriter(std::string path);
    /// Every rank of `ranks` opens one file together (parallel HDF5): each call below is then
    /// collective, with the same arguments on every rank except write_field_block's block;
    /// rank 0 renames the file once all have closed it.
    CheckpointWriter(std::string path, const Comm& ranks);
    ~CheckpointWriter();  // not committed: the temporary file is removed
    CheckpointWriter(const CheckpointWriter&) = delete;
    CheckpointWriter& operator=(const CheckpointWriter&) = delete;

    void write_meta(const CheckpointMeta& meta);
    /// /fields/<name>; dims in C order (slowest first), data contiguous.
    void write_field(const std::string& name, const float* data, const std::vector<std::size_t>& dims);
    void write_field(const std::string& name, const double* data, const std::vector<std::size_t>& dims);
    /// /fields/<name> of `dims`, of which this rank writes the block of `count` elements from
    /// `offset` (C order); the ranks' blocks tile the array.
    void write_field_block(const std::string& name, const float* data, const std::vector<std::size_t>& dims,
                           const std::vector<std::size_t>& offset, const std::vector<std::size_t>& count);
    void write_field_block(const std::string& name, const double* data, const std::vector<std::size_t>& dims,
                           const std::vector<std::size_t>& offset, const std::vector<std::size_t>& count);
    void write_field(const std::string& name, const std::int32_t* data, const std::vector<std::size_t>& dims);
    void write_field(const std::string& name, const std::int64_t* data, const std::vector<std::size_t>& dims);
    /// Raw 16-bit words, e.g. half-precision populations (stored as bits, read back unchanged).
    void write_field(const std::string& name, const std::uint16_t* data, const std::vector<std::size_t>& dims);
    void write_field_block(const std::string& name, const std::uint16_t* data, const std::vector<std::size_t>& dims,
                           const std::vector<std::size_t>& offset, const std::vector<std::size_t>& count);
    /// /observables/<name>
    void write_series(const std::string& name, const std::vector<double>& values);
    /// /state attribute
    void write_state(const std::string& name, const Value& v);
    /// Flushes, closes and renames the temporary file over the final path (atomic on POSIX).
    /// `add`, when given, is called with the temporary file's path once it is closed and before
    /// the rename, so what it adds (the md solver's H5MD frame) is part of the atomic write.
    void commit(const std::function<void(const std::string& path)>& add = {});
    const std::string& path() const;

   private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

class CheckpointReader {
   public:
    /// Opens and checks the file: a missing, truncated, corrupted, foreign (no /simt group) or
    /// newer-format file, or one whose step or time is negative or not finite, is a
    /// CheckpointError saying which, never a crash.
    explicit CheckpointReader(std::string path);
    ~CheckpointReader();
    CheckpointReader(const CheckpointReader&) = delete;
    CheckpointReader& operator=(const CheckpointReader&) = delete;

    const CheckpointMeta& meta() const;
    bool has_field(const std::string& name) const;
    /// The names under /fields, in name order.
    std::vector<std::string> field_names() const;
    std::vector<std::size_t> field_dims(const std::string& name) const;
    DType field_dtype(const std::string& name) const;
    /// Reads /fields/<name> into `out`, which holds `count` elements; the stored type and size
    /// must match exactly (CheckpointError otherwise: restart is bit for bit, no conversions),
    /// floating-point values must be finite, and data that fail their checksum are an error.
    void read_field(const std::string& name, float* out, std::size_t count) const;
    void read_field(const std::string& name, double* out, std::size_t count) const;
    void read_field(const std::string& name, std::int32_t* out, std::size_t count) const;
    void read_field(const std::string& name, std::int64_t* out, std::size_t count) const;
    void read_field(const std::string& name, std::uint16_t* out, std::size_t count) const;
    /// Reads columns first .. first + count - 1 of /fields/<name>, whose last axis must be n long,
    /// for every index of its leading axes: out[row count + k] is element (row, first + k).
    /// The rules of read_field; a particle solver's ranks read their slices of (3, N) arrays so.
    void read_field_columns(const std::string& name, float* out, std::size_t n, std::size_t first,
                            std::size_t count) const;
    void read_field_columns(const std::string& name, double* out, std::size_t n, std::size_t first,
                            std::size_t count) const;
    void read_field_columns(const std::string& name, std::int32_t* out, std::size_t n, std::size_t first,
                            std::size_t count) const;
    std::vector<std::string> series_names() const;
    std::vector<double> read_series(const std::string& name) const;
    Value read_state(const std::string& name) const;  // CheckpointError if absent
    /// /state/<name> as a finite float, an integer or text; CheckpointError naming the attribute
    /// when it is absent, of another type or (a float) NaN or infinite.
    double read_state_real(const std::string& name) const;
    std::int64_t read_state_integer(const std::string& name) const;
    std::string read_state_text(const std::string& name) const;
    /// Throws the CheckpointError for contents that break a rule of the solver reading them:
    /// "checkpoint '<path>': <where>: <rule>", where says dataset, index and value.
    [[noreturn]] void reject(const std::string& where, const std::string& rule) const;
    const std::string& path() const;

   private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Writes a file holding only /observables/<name> series (plus /simt with format_version and
/// simt_version), atomically like a checkpoint: the run's observables.h5. The "step" series is
/// written as int64, the others as float64.
void write_time_series(const std::string& path, const std::vector<std::string>& names,
                       const std::vector<std::vector<double>>& columns);
}  // namespace simt::io
