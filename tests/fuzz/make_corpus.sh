#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the fuzz targets' seed corpora under OUT (default build/fuzz/corpus): scenarios and
# books from configs/, tests/data and tests/fuzz/seeds (issue 12's cases); checkpoints written
# by short runs of small versions of the configs (SIMT_BIN, default build/cpu/bin/simt), plus
# copies carrying issue 12's impossible contents (h5py from .venv). Nothing large is committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/build/fuzz/corpus}"
simt="${SIMT_BIN:-$root/build/cpu/bin/simt}"
python="${PYTHON:-$root/.venv/bin/python}"
rm -rf "$out"
mkdir -p "$out"/{scenario,book,checkpoint}

cp "$root"/configs/*.yaml "$root"/tests/data/bad_scenarios/*.yaml "$root"/tests/fuzz/seeds/scenario/* "$out/scenario/"
cp "$root"/configs/books/* "$root"/tests/fuzz/seeds/book/* "$out/book/"

# name | config | overrides that make it small
runs=(
  "heat_2d|heat_2d.yaml|grid.nx=8 grid.ny=8"
  "heat_3d|heat_3d.yaml|grid.nx=6 grid.ny=6 grid.nz=4"
  "lbm_cavity|lid_driven_cavity.yaml|grid.nx=8 grid.ny=8"
  "lbm_taylor_green|taylor_green.yaml|grid.nx=8 grid.ny=8"
  "ns_cavity|cavity_ns.yaml|grid.nx=8 grid.ny=8"
  "ns_taylor_green_3d|taylor_green_ns_3d.yaml|grid.nx=6 grid.ny=6 grid.nz=6"
  "md_lj|lj_nvt.yaml|system.nx=4 system.ny=4 system.nz=4"
  "md_kob_andersen|kob_andersen.yaml|system.particles=250"
  "option_book|option_book.yaml|pricing.paths_per_step=64"
)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for run in "${runs[@]}"; do
  IFS='|' read -r name config overrides <<<"$run"
  sets=()
  for o in $overrides output.checkpoint_every=0 output.observables_every=1; do sets+=(--set "$o"); done
  OMP_NUM_THREADS=1 "$simt" run "$root/configs/$config" "${sets[@]}" --steps 2 --output "$work/$name" >/dev/null 2>&1
  cp "$(ls "$work/$name"/checkpoint_*.h5 | tail -n 1)" "$out/checkpoint/$name.h5"
done

# Issue 12's checkpoints: valid HDF5, impossible contents.
"$python" - "$out/checkpoint" <<'PY'
import shutil, sys
import h5py
import numpy as np

d = sys.argv[1]
def variant(source, name, change):
    path = f"{d}/{name}.h5"
    shutil.copy(f"{d}/{source}.h5", path)
    with h5py.File(path, "r+") as f:
        change(f)

def set_item(dataset, index, value):
    def change(f):
        data = f[dataset][...]
        data.flat[index] = value
        f[dataset][...] = data
    return change

variant("md_lj", "md_state_id_huge", set_item("fields/state_id", 7, 2000000000))
variant("md_lj", "md_state_id_negative", set_item("fields/state_id", 7, -1))
variant("md_kob_andersen", "md_state_type_huge", set_item("fields/state_type", 3, 1000000))
variant("md_lj", "md_position_far", set_item("fields/state_position", 0, 1e12))
variant("md_lj", "md_step_negative", lambda f: f["simt"].attrs.modify("step", np.int64(-5)))
variant("heat_2d", "heat_nan", set_item("fields/u", 5, np.nan))
PY
echo "make_corpus: $(ls "$out/scenario" | wc -l) scenarios, $(ls "$out/book" | wc -l) books, $(ls "$out/checkpoint" | wc -l) checkpoints in $out"
