// SPDX-License-Identifier: MIT
#include <string>
#include <simt/core/error.hpp>
#include <simt/spins/lattice.hpp>

namespace simt::spins {
void check_lattice(const Lattice& lattice) {
    const std::string where =
        "spins: lattice dim = " + std::to_string(lattice.dim) + ", L = " + std::to_string(lattice.L);
    if (lattice.dim != 2 && lattice.dim != 3) throw Error(where + ": dim must be 2 or 3");
    // Even: the checkerboard's colours must alternate across the periodic seam too.
    if (lattice.L < 4 || lattice.L % 2 != 0) throw Error(where + ": L must be even and at least 4");
    if (lattice.L > (lattice.dim == 2 ? 65536 : 2048)) {
        throw Error(where + ": L must be at most 65536 in 2-D and 2048 in 3-D (2^32 and 2^33 sites)");
    }
}
}  // namespace simt::spins
