// SPDX-License-Identifier: MIT
#include <cmath>
#include <cstdio>
#include <string>
#include <simt/core/error.hpp>
#include <simt/spins/spin_model.hpp>

namespace simt::spins {
void check_model(const ModelParams& m) {
    const std::string name(model_name(m.model));
    if (!(m.T > 0) || !std::isfinite(m.T))
        throw Error("spins: " + name + " T = " + number_text(m.T) + " must be > 0 and finite");
    if (!std::isfinite(m.J) || !std::isfinite(m.h)) throw Error("spins: " + name + " J and h must be finite");
    if (m.model == Model::ising && m.q != 2) throw Error("spins: ising has q = 2; got " + std::to_string(m.q));
    if (m.q < 2 || m.q > max_potts_states) {
        throw Error("spins: potts q = " + std::to_string(m.q) + " must be in [2, " + std::to_string(max_potts_states) +
                    "]");
    }
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string_view model_name(Model m) { return m == Model::ising ? "ising" : "potts"; }
}  // namespace simt::spins
