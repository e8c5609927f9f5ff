// SPDX-License-Identifier: MIT
// Particle trajectories in H5MD 1.1 (de Buyl, Colberg and Höfling, Comput. Phys. Commun. 185,
// 1546 (2014); nongnu.org/h5md): /h5md (version, author, creator), /particles/all/box (dimension,
// boundary, and edges as a time-dependent element, value (frames, 3): the spec allows a fixed
// dataset too, but MDAnalysis's reader opens only box/edges/value), /particles/all/species and
// /particles/all/mass (fixed, (N,)), and one time-dependent element per quantity,
// /particles/all/<name>/{step, time, value}, value (frames, N, 3) chunked by frame and extendable.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include <simt/io/checkpoint.hpp>

namespace simt::io {
/// One time-dependent quantity: /particles/all/<name>/value of type dtype (F32, F64 or I32).
struct H5mdElement {
    std::string name;
    DType dtype;
};

/// How H5mdWriter opens its file.
enum class H5mdOpen {
    Create,    ///< a new file (one already there is replaced)
    Continue,  ///< the trajectory already there, its frames after the given step dropped (a restart); Create if none
    AddTo,     ///< an existing HDF5 file of other content (a checkpoint): the H5MD groups are added to it
};

class H5mdWriter {
   public:
    /// Writes `path` for `particles` particles in a periodic box of `edges` with their species
    /// and masses (each left out when empty). With H5mdOpen::Continue, opens the trajectory
    /// there and drops its frames after `continue_after_step`; IoError if it does not match.
    H5mdWriter(const std::string& path, std::size_t particles, const std::array<double, 3>& edges,
               const std::vector<H5mdElement>& elements, const std::vector<std::int32_t>& species,
               const std::vector<double>& mass, H5mdOpen open, std::int64_t continue_after_step = 0);
    ~H5mdWriter();
    H5mdWriter(const H5mdWriter&) = delete;
    H5mdWriter& operator=(const H5mdWriter&) = delete;

    /// One frame: values[e] holds N x 3 numbers of element e's dtype, particle-major.
    void append(std::int64_t step, double time, const std::vector<const void*>& values);
    std::size_t frames() const;

   private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};
}  // namespace simt::io
