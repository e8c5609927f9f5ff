// SPDX-License-Identifier: MIT
// Exit codes of the `simt` command, so scripts and batch systems can tell failures apart.
#pragma once

namespace simt::cli {
enum ExitCode : int {
    ok = 0,
    error = 1,           ///< anything not below
    config_error = 2,    ///< bad scenario, --set or command line
    diverged = 3,        ///< NaN/Inf watchdog stopped the run
    io_error = 4,        ///< checkpoint or output files
    device_error = 5,    ///< CUDA failure or unsupported device request
    bad_rows = 6,        ///< simt price: some rows of the book were not priced (the rest were)
    interrupted = 128,   ///< + signal number: 130 after SIGINT, 143 after SIGTERM
};
}  // namespace simt::cli
