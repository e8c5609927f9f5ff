// SPDX-License-Identifier: MIT
// The spin models: Ising, H = -J sum_<ij> s_i s_j - h sum_i s_i with s = +-1 (byte 1 is +1,
// byte 0 is -1), and the q-state Potts model, H = -J sum_<ij> delta(s_i, s_j) - h sum_i
// delta(s_i, 0) (the field favours state 0), with states 0..q-1 in one byte. k_B = 1.
#pragma once
#include <string>
#include <string_view>

namespace simt::spins {
enum class Model { ising, potts };

struct ModelParams {
    Model model = Model::ising;
    int q = 2;       ///< states per spin (2 for Ising)
    double J = 1.0;  ///< coupling [energy]; > 0 ferromagnetic
    double h = 0.0;  ///< external field [energy]
    double T = 1.0;  ///< temperature [energy], > 0
};

/// Largest q the kernels take (their per-site tables are sized for it).
constexpr int max_potts_states = 32;

/// Throws simt::Error unless T > 0, J and h finite and 2 <= q <= max_potts_states (q = 2 for Ising).
void check_model(const ModelParams& m);
/// A number for a message, as a user writes it (%g): 0.5, not 0.500000.
std::string number_text(double v);
/// "ising" | "potts".
std::string_view model_name(Model m);
}  // namespace simt::spins
