// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <algorithm>
#include <unistd.h>
#include <fmt/format.h>

namespace simt::cli {
Progress::Progress(std::string label, std::string unit, double log_interval, std::function<std::string()> details)
    : m_label(std::move(label)),
      m_unit(std::move(unit)),
      m_log_interval(log_interval),
      m_details(std::move(details)),
      m_tty(isatty(STDERR_FILENO)) {}

void Progress::operator()(std::int64_t done, std::int64_t total) {
    if (!m_tty && m_log_interval <= 0) return;
    const auto now = Clock::now();
    if (m_first < 0) {
        m_first = done;
        m_t0 = m_last = now;
        if (!m_tty) return;  // a log line needs a rate to report
    }
    const double since_last = std::chrono::duration<double>(now - m_last).count();
    if (m_tty ? since_last < 0.2 && done != total : since_last < m_log_interval) return;
    m_last = now;
    const double elapsed = std::chrono::duration<double>(now - m_t0).count();
    const double rate = elapsed > 0 ? (done - m_first) / elapsed : 0;
    const long eta = rate > 0 ? long((total - done) / rate) : 0;
    std::string line = fmt::format("{} {} {}/{} ({:3.0f}%)  {:.3g} {}s/s  ETA {}:{:02}", m_label, m_unit, done, total,
                                   100.0 * done / std::max<std::int64_t>(total, 1), rate, m_unit, eta / 60, eta % 60);
    if (!m_tty && m_details) line += "  " + m_details();  // the live line stays one terminal row
    if (m_tty) fmt::print(stderr, "\r{}   {}", line, done == total ? "\n" : "");
    else fmt::print(stderr, "{}\n", line);
    std::fflush(stderr);
}
}  // namespace simt::cli
