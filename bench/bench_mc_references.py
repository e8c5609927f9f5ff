# SPDX-License-Identifier: MIT
"""The GPU references of the Monte Carlo issue, run on the machine that runs bench_montecarlo:
a vectorised PyTorch European call (fp32: torch.randn, exp, clamp, one chunk of paths at a time)
and a hand-written CuPy RawKernel for the 252-fixing arithmetic Asian call (one thread per path,
cuRAND's Philox4_32_10 normals, __expf per step). Same market as bench_montecarlo: S = K = 100,
T = 1, r = 5%, q = 2%, sigma = 20%. Prints paths/s and path-steps/s with the price and its
standard error. A benchmark, not a test; needs torch and cupy with a GPU.
    python3 bench/bench_mc_references.py
"""
import math
import time

import cupy
import torch

S0, K, T, R, Q, SIGMA = 100.0, 100.0, 1.0, 0.05, 0.02, 0.2
FIXINGS = 252

ASIAN_KERNEL = r"""
#include <curand_kernel.h>
extern "C" __global__ void asian(unsigned long long seed, long long paths, int fixings, float s0, float strike,
                                 float drift_dt, float vol_sqrt_dt, float discount, float* payoff) {
    const long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= paths) return;
    curandStatePhilox4_32_10_t state;
    curand_init(seed, i, 0, &state);
    float log_s = 0.f, sum = 0.f;
    for (int k = 0; k < fixings; ++k) {
        log_s += drift_dt + vol_sqrt_dt * curand_normal(&state);
        sum += __expf(log_s);
    }
    payoff[i] = discount * fmaxf(s0 * sum / fixings - strike, 0.f);
}
"""


def report(name, paths, steps, seconds, total, total_sq):
    mean = total / paths
    se = math.sqrt(max(total_sq / paths - mean * mean, 0.0) / (paths - 1))
    print(f"cuda  {name:<44} {paths:>11} paths  {seconds:8.3f} s  {paths / seconds:9.3g} paths/s  "
          f"{paths * steps / seconds:9.3g} path-steps/s  price {mean:.5f} +- {se:.5f}")


def torch_european(paths, chunk=1 << 26):
    generator = torch.Generator(device="cuda").manual_seed(1)
    drift = (R - Q - 0.5 * SIGMA * SIGMA) * T
    vol = SIGMA * math.sqrt(T)
    discount = math.exp(-R * T)

    def run():
        total = torch.zeros((), dtype=torch.float64, device="cuda")
        total_sq = torch.zeros((), dtype=torch.float64, device="cuda")
        for _ in range(paths // chunk):
            z = torch.randn(chunk, device="cuda", dtype=torch.float32, generator=generator)
            pay = discount * torch.clamp(S0 * torch.exp(drift + vol * z) - K, min=0.0)
            total += pay.sum(dtype=torch.float64)
            total_sq += (pay.double() ** 2).sum()
        return total, total_sq

    run()  # warm-up
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    total, total_sq = run()
    torch.cuda.synchronize()
    report("European call fp32, PyTorch vectorised", paths, 1, time.perf_counter() - t0, total.item(),
           total_sq.item())


def cupy_asian(paths, block=256):
    kernel = cupy.RawKernel(ASIAN_KERNEL, "asian", options=("--std=c++17",))
    dt = T / FIXINGS
    args = (cupy.uint64(7), cupy.int64(paths), cupy.int32(FIXINGS), cupy.float32(S0), cupy.float32(K),
            cupy.float32((R - Q - 0.5 * SIGMA * SIGMA) * dt), cupy.float32(SIGMA * math.sqrt(dt)),
            cupy.float32(math.exp(-R * T)))
    payoff = cupy.empty(paths, dtype=cupy.float32)
    grid = ((paths + block - 1) // block,)
    kernel(grid, (block,), args + (payoff,))  # warm-up: compile and load
    cupy.cuda.Device().synchronize()
    t0 = time.perf_counter()
    kernel(grid, (block,), args + (payoff,))
    cupy.cuda.Device().synchronize()
    seconds = time.perf_counter() - t0
    pay = payoff.astype(cupy.float64)
    report("arithmetic Asian 252 fp32, CuPy RawKernel", paths, FIXINGS, seconds, float(pay.sum()),
           float((pay * pay).sum()))


if __name__ == "__main__":
    print(f"cuda  {torch.cuda.get_device_name()}; torch {torch.__version__}, cupy {cupy.__version__}")
    torch_european(1 << 30)
    cupy_asian(1 << 25)
