#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# simt beside LAMMPS on LAMMPS's bench/in.lj (32,000 LJ atoms, fcc at density 0.8442, T 1.44,
# r_c 2.5, skin 0.3, dt 0.005, NVE), in the same run: simt on 1 and 2 OpenMP threads and on 2 MPI
# ranks, LAMMPS (`lmp`, lj/cut) on 1 and 2 ranks, each pair back to back. Two list policies, the
# same in both programs: in.lj's own (rebuild every 20 steps unchecked; simt checks every 20
# steps, and at T 1.44 every check finds a particle past skin/2) and a check every step
# (LAMMPS `every 1 check yes`, simt `check_every: 1`). Prints steps/s, atom-steps/s and simt /
# LAMMPS. simt's time is its `simt run` wall time (the final checkpoint included), LAMMPS's its
# "Loop time"; each the best of REPEAT runs (a shared machine's load only slows a run down).
# Debian's LAMMPS has no OPENMP package: its threads column is its ranks.
#   bench/md_vs_lammps.sh [BUILD_DIR] [STEPS]        (default build/cpu, 500 steps)
#   LMP=/path/to/lmp, LMP_ARGS="-sf opt" (LAMMPS's OPT package), REPEAT=3 through the environment
set -euo pipefail
build=${1:-build/cpu}
steps=${2:-500}
simt=$build/bin/simt
lmp=${LMP:-lmp}
[[ -x $simt ]] || { echo "md_vs_lammps.sh: no $simt; build the target simt first" >&2; exit 2; }
command -v "$lmp" >/dev/null || { echo "md_vs_lammps.sh: no $lmp on the PATH (set LMP)" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpi=(mpirun --allow-run-as-root --oversubscribe -x OMP_NUM_THREADS=1 -np)
repeat=${REPEAT:-3}

# The largest of `repeat` rates that the command prints, one per run.
best() {
    for ((r = 0; r < repeat; ++r)); do "$@"; done | sort -g | tail -n 1
}

# steps/s of `simt run` on configs/lj_liquid.yaml (in.lj's system), checking every $1 steps.
simt_rate() {
    local check=$1
    shift
    "$@" "$simt" run "$root/configs/lj_liquid.yaml" --device cpu --steps "$steps" --progress-every 0 \
        --output "$work/simt" --set output.observables_every=0 --set neighbor.check_every="$check" 2>&1 |
        sed -n 's/.*, \([0-9.e+]*\) steps\/s;.*/\1/p'
}

# steps/s of LAMMPS on bench/in.lj with `neigh_modify delay 0 every $1 check $2`.
lammps_rate() {
    local every=$1 check=$2
    shift 2
    # shellcheck disable=SC2086
    (cd "$work" && OMP_NUM_THREADS=1 "$@" "$lmp" ${LMP_ARGS:-} -in "$root/bench/in.lj" -var every "$every" \
        -var check "$check" -var steps "$steps" -log none -echo none -screen screen.txt >/dev/null 2>&1) || true
    sed -n 's/^Loop time of \([0-9.e+-]*\) on [0-9]* procs for \([0-9]*\) steps.*/\2 \1/p' "$work/screen.txt" 2>/dev/null |
        awk '{ printf "%.6g\n", $1 / $2 }'
}

row() {  # name, simt steps/s, LAMMPS steps/s
    awk -v name="$1" -v s="$2" -v l="$3" 'BEGIN {
        if (s == "" || l == "") { printf "%-52s  simt %s  LAMMPS %s  (a run failed)\n", name, s, l; exit }
        printf "%-52s  simt %7.1f steps/s %9.3g atom-steps/s   LAMMPS %7.1f steps/s %9.3g   simt / LAMMPS %.2f\n",
               name, s, 32000 * s, l, 32000 * l, s / l }'
}

echo "md_vs_lammps: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $steps steps, LAMMPS ${LMP_ARGS:-lj/cut}"
for policy in "20 no" "1 yes"; do
    read -r every check <<<"$policy"
    label=$([[ $every == 20 ]] && echo "in.lj's list policy (every 20)" || echo "checked every step")
    row "$label, 1 thread / 1 rank" "$(OMP_NUM_THREADS=1 best simt_rate "$every" env)" \
        "$(best lammps_rate "$every" "$check" env)"
    lammps_2=$(best lammps_rate "$every" "$check" "${mpi[@]}" 2)
    row "$label, simt 2 threads / LAMMPS 2 ranks" "$(OMP_NUM_THREADS=2 best simt_rate "$every" env)" "$lammps_2"
    row "$label, 2 ranks / 2 ranks" "$(best simt_rate "$every" "${mpi[@]}" 2)" "$lammps_2"
done
