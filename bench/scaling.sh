#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Strong and weak scaling across ranks: bench_scaling on 1, 2 and 4 ranks (4 with
# --oversubscribe: on a machine of fewer cores the ranks share them, and the figures say so),
# one OpenMP thread per rank, the one-rank times kept for the efficiency of the others.
# Output goes to OUTDIR (scaling_<N>.txt per rank count) and to the terminal.
#   bench/scaling.sh OUTDIR [BUILD_DIR] [RANKS...]     (default build/cpu, ranks 1 2 4)
#   extra bench_scaling options (--quick, --device cuda) through BENCH_SCALING_ARGS
set -euo pipefail
out=${1:?usage: bench/scaling.sh OUTDIR [BUILD_DIR] [RANKS...]}
build=${2:-build/cpu}
shift $(($# < 2 ? $# : 2))
ranks=("${@:-1 2 4}")
read -ra ranks <<<"${ranks[*]}"
bench=$build/bin/bench_scaling
[[ -x $bench ]] || { echo "scaling.sh: no $bench; build the target bench_scaling first" >&2; exit 2; }
mkdir -p "$out"
reference=$out/one_rank_times.tsv
rm -f "$reference"
if [[ ${ranks[0]} != 1 ]]; then echo "scaling.sh: the first rank count must be 1 (the efficiency's reference)" >&2; exit 2; fi
for n in "${ranks[@]}"; do
    # shellcheck disable=SC2086
    mpirun --allow-run-as-root --oversubscribe -np "$n" -x OMP_NUM_THREADS=1 \
        "$bench" --reference "$reference" ${BENCH_SCALING_ARGS:-} 2>"$out/scaling_$n.err" | tee "$out/scaling_$n.txt"
done
