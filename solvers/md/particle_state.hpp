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

/// The n particles of a checkpoint, every array checked against the scenario `p` and its `box`.
template <class Real>
ParticleState<Real> load_particles(const io::CheckpointReader& in, const Params& p, const particles::Box<Real>& box,
                                   std::size_t n) {
    const auto read = [&](const char* name, auto& host, std::size_t count) {
        host.resize(count);
        in.read_field(name, host.data(), count);
    };
    ParticleState<Real> s;
    read("state_id", s.id, n);
    checkpoint_rules::require_permutation(in, "state_id", s.id.data(), n);
    read("state_type", s.type, n);
    const std::string types = fmt::format("types run from 0 to {} (system.types)", p.types - 1);
    checkpoint_rules::require_within(in, "state_type", s.type.data(), n, 0, 0, 0, p.types - 1, types.c_str());
    // Stored positions are wrapped into the box; a particle outside it is no state of this run.
    read("state_position", s.position, 3 * n);
    read("state_reference", s.reference, 3 * n);
    const auto inside_box = [&](const char* name, const std::vector<Real>& x) {
        for (int a = 0; a < 3; ++a)
            checkpoint_rules::require_within(in, name, x.data() + a * n, n, n, a * n, 0.0, double(box.length[a]),
                                             "positions lie in the box [0, L] along each axis");
    };
    inside_box("state_position", s.position);
    inside_box("state_reference", s.reference);
    // Beyond 2^24 box lengths an unwrapped coordinate keeps no digit of the wrapped one.
    read("state_image", s.image, 3 * n);
    const std::int64_t max_image = std::int64_t(1) << 24;
    checkpoint_rules::require_within(in, "state_image", s.image.data(), 3 * n, n, 0, -max_image, max_image,
                                     "|image| is at most 2^24 box lengths");
    // As at the start of a run (md/params.cpp): no particle may cross half the box in one step,
    // by its velocity or by one kick of its force; beyond, the minimum image is meaningless
    // and the float-to-int image count overflows.
    const double half_box = 0.5 * double(std::min({box.length[0], box.length[1], box.length[2]}));
    const double lightest = *std::min_element(p.mass, p.mass + p.types);
    const double max_speed = half_box / p.dt, max_force = lightest * half_box / (p.dt * p.dt);
    read("state_velocity", s.velocity, 3 * n);
    checkpoint_rules::require_within(in, "state_velocity", s.velocity.data(), 3 * n, n, 0, -max_speed, max_speed,
                                     "a particle moves less than half the box a step (|v| dt <= L/2)");
    read("state_force", s.force, 3 * n);
    checkpoint_rules::require_within(in, "state_force", s.force.data(), 3 * n, n, 0, -max_force, max_force,
                                     "one kick moves a particle less than half the box (|f| dt^2 / m <= L/2)");
    read("state_origin", s.origin, 3 * n);
    return s;
}
}  // namespace simt::md
