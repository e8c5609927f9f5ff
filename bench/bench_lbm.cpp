// SPDX-License-Identifier: MIT
// Lattice Boltzmann throughput: the fused stream-collide step of D2Q9 and D3Q19 in double,
// float and (D3Q19) fp16 storage, in MLUPs and as a fraction of the measured copy bandwidth
// (bytes: each population read and written once, 2 Q sizeof(stored) per cell). A benchmark, not
// a test.
//   bench_lbm [--device auto|cpu|cuda] [--quick] [--sweep]
// --sweep also times D3Q19 float and fp16 under several thread-block shapes.
// FluidX3D's own case for comparison: 256^3 D3Q19, SRT (BGK).
// Last, the cost of output.images frames (issue 19's budget: under 1 % of the run time at one
// frame per 100 steps on the GPU for 256^3).
#include <filesystem>
#include <string>
#include "bench_common.hpp"

using namespace simt;
using namespace simt::bench;

namespace {
/// precision "fp16" is float with fp16 storage.
void bench_lattice(Backend b, const char* lattice, const std::string& precision, const char* collision, int n,
                   int steps, double ceiling, const LaunchShape* shape = nullptr) {
    const bool d3 = std::string(lattice) == "D3Q19", half = precision == "fp16";
    const std::string yaml = fmt::format(
        "solver: lbm\nlattice: {}\nprecision: {}\nstorage: {}\ngrid: {{nx: {}, ny: {}, nz: {}}}\n"
        "physics: {{viscosity: 0.05, collision: {}}}\noutput: {{observables_every: 0}}\n",
        lattice, half ? "float" : precision, half ? "fp16" : "native", n, n, d3 ? n : 1, collision);
    const std::string label = std::string(d3 ? "lbm.d3q19.step" : "lbm.d2q9.step") + (half ? ".fp16" : "");
    const std::string block = shape ? fmt::format(" block {}x{}x{}", shape->block_x, shape->block_y, shape->block_z) : "";
    bench_solver_kernel(b, yaml, label,
                        fmt::format("{} {} {} {}^{}{}", label, precision, collision, n, d3 ? 3 : 2, block), steps,
                        ceiling, shape);
}

/// A run of D3Q19 float with a frame of the speed's middle z plane (512 pixels wide) every 100
/// steps: the colouring kernels and the PNG writing (render.*) against the steps, per frame.
void bench_frames(Backend b, int n) {
    const auto dir = std::filesystem::temp_directory_path() / "simt_bench_lbm_frames";
    const std::string yaml = fmt::format(
        "solver: lbm\nlattice: D3Q19\nprecision: float\ngrid: {{nx: {0}, ny: {0}, nz: {0}}}\n"
        "physics: {{viscosity: 0.05}}\noutput: {{observables_every: 0, dir: {1}, "
        "images: {{field: speed, every: 100, width: 512}}}}\n",
        n, dir.string());
    Simulation sim(io::Scenario::from_string(yaml, "bench"), std::string(backend_name(b)));
    sim.step(2);  // warm-up, and the frame of step 0
    sim.context().synchronize();
    sim.context().profiler().enable(true);
    sim.step(198);  // frames at steps 100 and 200
    double frames_s = 0, steps_s = 0;
    std::int64_t frames = 0;
    for (const auto& r : sim.context().profiler().report()) {
        if (r.label.rfind("render.", 0) != 0) {
            steps_s += r.total_s;
        } else {
            frames_s += r.total_s;
            if (r.label == "render.png.write") frames = r.launches;
        }
    }
    std::filesystem::remove_all(dir);
    fmt::print("{:<5} {:<44} {:8.3f} ms a frame, {:8.3f} ms per 100 steps: {:.2f} % of the run time\n", backend_name(b),
               fmt::format("output.images frame, D3Q19 float {}^3", n), frames_s / frames * 1e3,
               steps_s / 198 * 100 * 1e3, 100 * frames_s / (frames_s + steps_s));
}

void run(const BenchOptions& o) {
    const Backend b = o.backend;
    const bool gpu = b == Backend::Cuda;
    const double ceiling = print_ceiling(o);
    const int n2 = o.quick ? 256 : gpu ? 4096 : 1024;
    const int n3 = o.quick ? 32 : gpu ? 256 : 96;
    const int steps = o.quick ? 4 : gpu ? 50 : 10;
    for (const char* precision : {"float", "double"}) {
        bench_lattice(b, "D2Q9", precision, "trt", n2, steps, ceiling);
        bench_lattice(b, "D3Q19", precision, "bgk", n3, steps, ceiling);
        bench_lattice(b, "D3Q19", precision, "trt", n3, steps, ceiling);
    }
    bench_lattice(b, "D3Q19", "fp16", "bgk", n3, steps, ceiling);
    bench_lattice(b, "D3Q19", "fp16", "trt", n3, steps, ceiling);
    if (o.sweep && gpu) {
        for (const LaunchShape s : {LaunchShape{32, 4, 1}, LaunchShape{64, 2, 1}, LaunchShape{64, 4, 1},
                                    LaunchShape{128, 1, 1}, LaunchShape{256, 1, 1}, LaunchShape{32, 8, 1},
                                    LaunchShape{64, 2, 2}}) {
            bench_lattice(b, "D3Q19", "float", "bgk", n3, steps, ceiling, &s);
            bench_lattice(b, "D3Q19", "fp16", "bgk", n3, steps, ceiling, &s);
        }
    }
    bench_frames(b, n3);
}
}  // namespace

int main(int argc, char** argv) {
    return run_bench(argc, argv, "bench_lbm: lattice Boltzmann step throughput against the copy bandwidth",
                     "also time D3Q19 float and fp16 under several thread-block shapes", run);
}
