// SPDX-License-Identifier: MIT
// The exception hierarchy: every user-facing failure is one of these, with a message that
// names the component and the subject ("heat: grid.nx = -4 must be >= 1 (run.yaml:3:7)").
#pragma once
#include <stdexcept>
#include <string>

namespace simt {
class Error : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};
/// A scenario, a --set override or a steering key that is wrong.
class ConfigError : public Error {
   public:
    using Error::Error;
};
/// Files: cannot open, cannot write, cannot rename.
class IoError : public Error {
   public:
    using Error::Error;
};
/// A checkpoint that is missing, truncated, corrupted, foreign or of a newer format.
class CheckpointError : public IoError {
   public:
    using IoError::IoError;
};
/// A CUDA runtime or library call that failed.
class DeviceError : public Error {
   public:
    using Error::Error;
};
/// Asked for something this build or machine cannot do (device: cuda without a GPU).
class Unsupported : public Error {
   public:
    using Error::Error;
};
/// The watchdog found NaN or Inf in a field: the run stops, the last good checkpoint stays.
class DivergedError : public Error {
   public:
    using Error::Error;
};
}  // namespace simt

/// Host-only precondition that throws simt::Error with the given message.
#define SIMT_REQUIRE(cond, msg)                 \
    do {                                        \
        if (!(cond)) throw ::simt::Error(msg);  \
    } while (0)
