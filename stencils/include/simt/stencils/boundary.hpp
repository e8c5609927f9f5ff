// SPDX-License-Identifier: MIT
// Face boundary conditions for cell-centred grids, applied through ghost values: the value a
// stencil sees one cell outside the domain.
#pragma once
#include <simt/core/macros.hpp>

namespace simt::stencils {
enum class BoundaryType : int { Periodic, Dirichlet, Neumann };

/// One face: Dirichlet `value` is u on the face; Neumann `value` is the outward normal
/// derivative du/dn on the face.
struct Face {
    BoundaryType type = BoundaryType::Periodic;
    double value = 0;
};

/// The six faces of a box: lo[axis] at coordinate 0, hi[axis] at L.
struct Faces {
    Face lo[3], hi[3];
};

/// Ghost value beyond a face, second-order accurate at the face:
/// Dirichlet  (u_in + u_ghost) / 2 = value;   Neumann  (u_ghost - u_in) / h = value;
/// Periodic   the cell at the opposite end (`wrapped`).
template <class Real>
SIMT_INLINE Real ghost_value(const Face& f, Real inside, Real wrapped, Real h) {
    switch (f.type) {
        case BoundaryType::Dirichlet: return Real(2) * Real(f.value) - inside;
        case BoundaryType::Neumann: return inside + h * Real(f.value);
        default: return wrapped;
    }
}
}  // namespace simt::stencils
