// SPDX-License-Identifier: MIT
// Progress of a long command on stderr. On a terminal: one line redrawn in place at most five
// times a second. Otherwise (a batch job's log): a full line every `log_interval` seconds, like
// LAMMPS's thermo output, so the log shows the run is alive and how it fares.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace simt::cli {
/// Seconds between two progress lines when stderr is not a terminal, unless --progress-every says.
inline constexpr double default_log_interval = 5.0;

class Progress {
   public:
    /// `unit` names what is counted ("step", "option"); `details` (may be empty) appends the
    /// current state, e.g. the observables, to each log line. log_interval <= 0: no lines off a terminal.
    Progress(std::string label, std::string unit, double log_interval, std::function<std::string()> details = {});
    /// Reports `done` of `total`; call it as often as convenient, it limits its own output.
    void operator()(std::int64_t done, std::int64_t total);

   private:
    using Clock = std::chrono::steady_clock;
    std::string m_label, m_unit;
    double m_log_interval;
    std::function<std::string()> m_details;
    bool m_tty;
    std::int64_t m_first = -1;
    Clock::time_point m_t0, m_last;
};
}  // namespace simt::cli
