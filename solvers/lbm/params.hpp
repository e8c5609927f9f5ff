// SPDX-License-Identifier: MIT
// The lbm solver's scenario keys and their validated form: the lattice parameters the kernels
// take (relaxation rates, faces, obstacles), derived from lattice or physical units.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <simt/core/range.hpp>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>
#include <simt/solvers/precision.hpp>
#include <simt/stencils/lbm_kernels.hpp>

namespace simt::lbm {
inline constexpr const char* face_names[3][2] = {{"x_min", "x_max"}, {"y_min", "y_max"}, {"z_min", "z_max"}};
inline constexpr const char* axis_names[3] = {"x", "y", "z"};

/// The lbm keys (the common ones come from the registry).
io::Schema schema();

/// One face after validation; a velocity inlet is a bounce-back wall with a normal velocity.
struct Face {
    bool wall = false, moving = false, inlet = false, outlet = false, parabolic = false;
    double velocity[3] = {0, 0, 0};  ///< [cells/step]
};

/// Lattice units against physical ones: a cell is dx metres, a step dt seconds, density 1 is
/// `density` kg/m^3. All 1 in the lattice unit system.
struct Units {
    bool physical = false;
    double dx = 1, dt = 1, density = 1;
    double velocity() const { return dx / dt; }             ///< [m/s] per [cells/step]
    double viscosity() const { return dx * dx / dt; }       ///< [m^2/s] per [cells^2/step]
    double acceleration() const { return dx / (dt * dt); }  ///< [m/s^2] per [cells/step^2]
    /// [N] (3-D) or [N/m] (2-D, per unit depth) per lattice force unit.
    double force(int dim) const { return density * (dim == 3 ? dx : 1.0) * dx * dx * dx / (dt * dt); }
};

/// Parameters after validation, in lattice units, in the form the kernels take them.
struct Params {
    Units units;
    bool three_d = false;
    bool half_storage = false;  ///< populations stored as scaled fp16 (D3Q19, float)
    int n[3] = {1, 1, 1};
    double viscosity = 0.1, reynolds = 0, velocity = 0.1;
    bool trt = true;
    double magic = 0.25;
    double force[3] = {0, 0, 0};
    Face faces[3][2];
    bool taylor_green = false;
    double initial_velocity = 0;
    stencils::LbmObstacles obstacles;
    bool interpolated = false;  ///< interpolated bounce-back at obstacles
    /// Solid cells read from obstacles.mask_file (x fastest), empty without one.
    std::vector<std::uint8_t> mask_file_cells;
    /// Length of the drag and lift coefficients [cells]: the first obstacle's diameter or size_y.
    double obstacle_length = 0;
    /// The requested rank grid (parallel.ranks_x, _y, _z); 0: chosen.
    std::array<int, 3> ranks{0, 0, 0};
    /// Across ranks: the cells that read no halo stepped while the halos travel (parallel.overlap).
    bool overlap = true;

    /// Validates p (ConfigError naming the key otherwise) and reads the mask file, if any.
    static Params from(const io::Params& p, Precision precision);

    int dim() const { return three_d ? 3 : 2; }
    /// Whether any solid stands in the flow (an obstacle_k shape or a mask file), so that the
    /// force on solids is an observable.
    bool has_obstacles() const;
    bool periodic(int a, int side) const { return !faces[a][side].wall && !faces[a][side].outlet; }
    Index cells() const { return Index(n[0]) * n[1] * n[2]; }
    double tau() const { return 3 * viscosity + 0.5; }
    /// The largest speed the scenario names (characteristic, walls, initial field) over c_s.
    double mach() const;
    /// Warnings for a run that is stable but inaccurate (Mach number, relaxation time).
    std::vector<std::string> warnings() const;
    /// Steering: physics.viscosity or physics.reynolds (whichever the scenario uses), the body
    /// force, and face velocities; ConfigError for other keys and for values that break a rule.
    void steer(std::string_view key, double value);

    template <class Real>
    stencils::LbmCollision<Real> collision() const {
        stencils::LbmCollision<Real> c =
            trt ? stencils::trt_collision<Real>(tau(), magic) : stencils::bgk_collision<Real>(tau());
        for (int a = 0; a < 3; ++a) c.force[a] = Real(force[a]);
        return c;
    }
    template <class Real>
    stencils::LbmBoundaries<Real> boundaries() const {
        stencils::LbmBoundaries<Real> b;
        for (int a = 0; a < 3; ++a)
            for (int side = 0; side < 2; ++side) {
                b.faces.wall[a][side] = faces[a][side].wall;
                b.faces.outlet[a][side] = faces[a][side].outlet;
                b.faces.parabolic[a][side] = faces[a][side].parabolic;
                for (int c = 0; c < 3; ++c) b.faces.velocity[a][side][c] = Real(faces[a][side].velocity[c]);
            }
        b.obstacles = obstacles;
        b.interpolated = interpolated;
        for (int a = 0; a < 3; ++a) b.domain[a] = n[a];
        return b;
    }

   private:
    void read_faces(const io::Params& p);
    void read_obstacle(const io::Params& p, int o);
    void read_mask_file(const io::Params& p);
    void check_wall_velocity(int a, int side, int b, double u) const;
};
}  // namespace simt::lbm
