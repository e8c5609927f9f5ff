// SPDX-License-Identifier: MIT
// The particles' arrays as a checkpoint holds them: each (3, N) or (N,) in some storage order with
// the particle ids beside them. Writing and reading with every check of a stored state, shared by
// the one-process solver (its storage order) and the one across ranks (id order). Host code.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>
#include <fmt/format.h>
#include <simt/io/checkpoint.hpp>
#include <simt/particles/box.hpp>
#include "framework/checkpoint_rules.hpp"
#include "md/params.hpp"

namespace simt::md {
/// Host copies, component-major ([axis][particle]) like the device arrays.
template <class Real>
struct ParticleState {
    std::vector<Real> position, velocity, force, reference, origin;
    std::vector<std::int32_t> image, type, id;
};

template <class Real>
void save_particles(io::CheckpointWriter& out, const ParticleState<Real>& s) {
    const std::size_t n = s.id.size();
    const std::vector<std::size_t> vec{3, n}, scalar{n};
    out.write_field("state_position", s.position.data(), vec);
    out.write_field("state_velocity", s.velocity.data(), vec);
    out.write_field("state_force", s.force.data(), vec);
    out.write_field("state_reference", s.reference.data(), vec);
    out.write_field("state_origin", s.origin.data(), vec);
    out.write_field("state_image", s.image.data(), vec);
    out.write_field("state_type", s.type.data(), scalar);
    out.write_field("state_id", s.id.data(), scalar);
}

/// Particles first .. first + count - 1 (in storage order) of a checkpoint of n, every array
/// checked against the scenario `p` and its `box`; the ids only for lying in 0 .. n-1: each
/// appearing once is for `ids`, which the caller gives every slice.
template <class Real>
ParticleState<Real> load_particle_slice(const io::CheckpointReader& in, const Params& p,
                                        const particles::Box<Real>& box, std::size_t n, std::size_t first,
                                        std::size_t count, checkpoint_rules::PermutationCheck& ids) {
    const auto read = [&](const char* name, auto& host, std::size_t rows) {
        host.resize(rows * count);
        in.read_field_columns(name, host.data(), n, first, count);
    };
    // Each of the rows of a (rows, n) slice, for messages that name the stored element.
    const auto check_rows = [&](const char* name, const auto& v, std::size_t rows, auto lo, auto hi, const char* rule) {
        for (std::size_t a = 0; a < rows; ++a)
            checkpoint_rules::require_within(in, name, v.data() + a * count, count, rows > 1 ? n : 0, a * n + first, lo,
                                             hi, rule);
    };
    ParticleState<Real> s;
    read("state_id", s.id, 1);
    ids.add(s.id.data(), first, count);
    read("state_type", s.type, 1);
    const std::string types = fmt::format("types run from 0 to {} (system.types)", p.types - 1);
    check_rows("state_type", s.type, 1, 0, p.types - 1, types.c_str());
    // Stored positions are wrapped into the box; a particle outside it is no state of this run.
    read("state_position", s.position, 3);
    read("state_reference", s.reference, 3);
    const auto inside_box = [&](const char* name, const std::vector<Real>& x) {
        for (std::size_t a = 0; a < 3; ++a)
            checkpoint_rules::require_within(in, name, x.data() + a * count, count, n, a * n + first, 0.0,
                                             double(box.length[a]), "positions lie in the box [0, L] along each axis");
    };
    inside_box("state_position", s.position);
    inside_box("state_reference", s.reference);
    // Beyond 2^24 box lengths an unwrapped coordinate keeps no digit of the wrapped one.
    read("state_image", s.image, 3);
    const std::int64_t max_image = std::int64_t(1) << 24;
    check_rows("state_image", s.image, 3, -max_image, max_image, "|image| is at most 2^24 box lengths");
    // As at the start of a run (md/params.cpp): no particle may cross half the box in one step,
    // by its velocity or by one kick of its force; beyond, the minimum image is meaningless
    // and the float-to-int image count overflows.
    const double half_box = 0.5 * double(std::min({box.length[0], box.length[1], box.length[2]}));
    const double lightest = *std::min_element(p.mass, p.mass + p.types);
    const double max_speed = half_box / p.dt, max_force = lightest * half_box / (p.dt * p.dt);
    read("state_velocity", s.velocity, 3);
    check_rows("state_velocity", s.velocity, 3, -max_speed, max_speed,
               "a particle moves less than half the box a step (|v| dt <= L/2)");
    read("state_force", s.force, 3);
    check_rows("state_force", s.force, 3, -max_force, max_force,
               "one kick moves a particle less than half the box (|f| dt^2 / m <= L/2)");
    read("state_origin", s.origin, 3);
    return s;
}

/// The n particles of a checkpoint, every array checked against the scenario `p` and its `box`.
template <class Real>
ParticleState<Real> load_particles(const io::CheckpointReader& in, const Params& p, const particles::Box<Real>& box,
                                   std::size_t n) {
    checkpoint_rules::PermutationCheck ids(in, "state_id", n);
    return load_particle_slice(in, p, box, n, 0, n, ids);
}
}  // namespace simt::md
