// SPDX-License-Identifier: MIT
#include "ranks.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>
#include <simt/config.hpp>
#include <simt/core/comm.hpp>

namespace py = pybind11;

namespace simt::python {
namespace {
/// Every rank's bytes as a list in rank order on rank 0, None on the others. Collective.
py::object gather_bytes(const py::bytes& mine) {
    const Comm& ranks = Comm::world();
    const std::string data = mine;
    std::vector<unsigned char> sizes, all;
    {
        py::gil_scoped_release release;
        const std::int64_t size = std::int64_t(data.size());
        sizes = ranks.gather(&size, sizeof size);
        all = ranks.gather(data.data(), data.size());
    }
    if (!ranks.root()) return py::none();
    py::list out;
    std::size_t at = 0;
    for (int r = 0; r < ranks.size(); ++r) {
        std::int64_t size = 0;
        std::copy_n(&sizes[sizeof size * std::size_t(r)], sizeof size, reinterpret_cast<unsigned char*>(&size));
        out.append(py::bytes(reinterpret_cast<const char*>(all.data()) + at, std::size_t(size)));
        at += std::size_t(size);
    }
    return out;
}
}  // namespace

void bind_ranks(py::module_& m) {
    // Started with the module, ended at the interpreter's exit (atexit runs before Python
    // tears down the module), so that no Python object outlives MPI in use.
    static std::unique_ptr<MpiSession> session = std::make_unique<MpiSession>();
    py::module_::import("atexit").attr("register")(py::cpp_function([] { session.reset(); }));
    m.attr("mpi_built") = bool(SIMT_ENABLE_MPI);
    m.def("rank", [] { return Comm::world().rank(); }, "This process's rank (0 without mpirun).");
    m.def("ranks", [] { return Comm::world().size(); }, "The number of ranks (1 without mpirun).");
    m.def("gather_bytes", &gather_bytes, py::arg("mine"),
          "Every rank's bytes as a list in rank order on rank 0, None elsewhere (collective).");
    m.def(
        "abort", [](int code) { Comm::world().abort(code); }, py::arg("code"),
        "Ends every rank with exit code `code` (MPI_Abort); the process alone without mpirun.");
}
}  // namespace simt::python
