# SPDX-License-Identifier: MIT
"""Pictures of runs: sim.image against matplotlib's own colormaps, `simt plot` PNG files decoded
back with Pillow, simt.plot's figures, and the messages for what cannot be drawn."""
import shutil
import subprocess

import numpy as np
import pytest

import simt

mpl = pytest.importorskip("matplotlib")
PIL_Image = pytest.importorskip("PIL.Image")

EXIT_CONFIG, EXIT_IO, EXIT_DEVICE = 2, 4, 5


def heat(device, nz=None):
    grid = {"grid.nx": 24, "grid.ny": 16}
    if nz:
        grid["grid.nz"] = nz
    sim = simt.Simulation(simt.config("heat_3d.yaml" if nz else "heat_2d.yaml"), set=grid, device=device)
    sim.step(20)
    return sim


def matplotlib_colours(values, colormap, lo, hi):
    """What matplotlib draws for `values` (rows from the top) with its colormap, as bytes.
    coolwarm, a segmented map, is sampled finer than matplotlib's 256 levels: its steep end moves
    4 levels a step there; viridis is matplotlib's table of 256 colours itself."""
    cmap = mpl.colormaps[colormap]
    if colormap == "coolwarm":
        cmap = cmap.resampled(4096)
    rgba = cmap((values - lo) / (hi - lo), bytes=True)
    return rgba[..., :3].astype(int)


@pytest.mark.parametrize("colormap", ["viridis", "coolwarm"])
def test_image_matches_matplotlib_colormap(device, colormap):
    sim = heat(device)
    u = sim.field("u", copy=True)
    pic = sim.image("u", colormap=colormap)
    assert pic.shape == (16, 24, 3) and pic.dtype == np.uint8
    assert (pic.lo, pic.hi) == pytest.approx((u.min(), u.max()), rel=1e-6)
    # Picture rows run from the largest y down; matplotlib's table has 256 entries, simt's
    # interpolates between matplotlib's nodes: at most a few levels apart.
    expected = matplotlib_colours(u.T[::-1], colormap, pic.lo, pic.hi)
    assert np.abs(np.asarray(pic, dtype=int) - expected).max() <= 3


def test_image_of_3d_slice_and_projection(device):
    sim = heat(device, nz=6)
    u = sim.field("u", copy=True)
    lo, hi = float(u.min()), float(u.max())
    sliced = sim.image("u", slice="z=4", range=(lo, hi))
    assert np.abs(np.asarray(sliced, dtype=int) - matplotlib_colours(u[:, :, 4].T[::-1], "viridis", lo, hi)).max() <= 3
    projected = sim.image("u", projection="y", range=(lo, hi), width=48)
    assert projected.shape == (12, 48, 3)  # x across (24 cells, 2 pixels each), z up
    wide = matplotlib_colours(u.max(axis=1).T[::-1], "viridis", lo, hi).repeat(2, axis=0).repeat(2, axis=1)
    assert np.abs(np.asarray(projected, dtype=int) - wide).max() <= 3


def test_image_errors_name_the_field_and_the_rule():
    sim = heat("cpu", nz=6)
    with pytest.raises(simt.ConfigError, match=r"field 'u': slice z=6 is outside the field \(indices 0..5\)"):
        sim.image("u", slice="z=6")
    with pytest.raises(simt.ConfigError, match="unknown colormap 'jet'; known: viridis, coolwarm, grey"):
        sim.image("u", colormap="jet")
    with pytest.raises(simt.ConfigError, match="lo < hi"):
        sim.image("u", range=(1, 1))


def test_picture_shows_in_jupyter_as_png():
    png = heat("cpu").image("u")._repr_png_()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def run(simt_bin, *args):
    return subprocess.run([simt_bin, *map(str, args)], capture_output=True, text=True, timeout=300)


def test_simt_plot_writes_the_picture_sim_image_makes(simt_bin, tmp_path):
    sim = heat("cpu", nz=6)
    sim.checkpoint(tmp_path / "c.h5")
    out = tmp_path / "u.png"
    r = run(simt_bin, "plot", tmp_path / "c.h5", "--field", "u", "--slice", "x=3", "--colormap", "coolwarm",
            "--width", "32", "-o", out)
    assert r.returncode == 0, r.stderr
    decoded = np.asarray(PIL_Image.open(out))
    assert decoded.shape == (12, 32, 3)  # y across, z up: 16 x 6 cells at 2 pixels a cell
    assert np.array_equal(decoded, sim.image("u", slice="x=3", colormap="coolwarm", width=32))


def test_simt_plot_errors(simt_bin, tmp_path):
    heat("cpu").checkpoint(tmp_path / "c.h5")
    r = run(simt_bin, "plot", tmp_path / "c.h5", "--field", "uu", "-o", tmp_path / "x.png")
    assert r.returncode == EXIT_CONFIG
    assert "(heat) has no field 'uu'; its fields: u; did you mean 'u'?" in r.stderr
    r = run(simt_bin, "plot", tmp_path / "c.h5", "--field", "u", "--slice", "z=", "-o", tmp_path / "x.png")
    assert r.returncode == EXIT_CONFIG and "slice 'z=': the index after '=' must be a whole number" in r.stderr
    r = run(simt_bin, "plot", tmp_path / "c.h5", "-o", tmp_path / "x.png")
    assert r.returncode == EXIT_CONFIG and "needs either --field NAME" in r.stderr
    r = run(simt_bin, "plot", tmp_path / "c.h5", "--field", "u", "-o", tmp_path / "no" / "x.png")
    assert r.returncode == EXIT_IO and "cannot write" in r.stderr
    assert not (tmp_path / "x.png").exists()


def test_simt_plot_draws_particles_and_fields_the_checkpoint_does_not_store(simt_bin, tmp_path):
    md = simt.Simulation(simt.config("lj_liquid.yaml"), set={"system.nx": 4, "system.ny": 4, "system.nz": 4}, device="cpu")
    md.step(5)
    md.checkpoint(tmp_path / "md.h5")
    out = tmp_path / "md.png"
    r = run(simt_bin, "plot", tmp_path / "md.h5", "--field", "velocity", "--slab", "0.2,0.6", "--width", "100", "-o", out)
    assert r.returncode == 0, r.stderr
    assert np.array_equal(np.asarray(PIL_Image.open(out)), md.image("velocity", slab=(0.2, 0.6), width=100))
    r = run(simt_bin, "plot", tmp_path / "md.h5", "--field", "position", "-o", out)
    assert r.returncode == EXIT_CONFIG and "'position' is per particle" in r.stderr
    ns = simt.Simulation(simt.config("cavity_ns.yaml"), set={"grid.nx": 16, "grid.ny": 16}, device="cpu")
    ns.step(3)
    ns.checkpoint(tmp_path / "ns.h5")
    r = run(simt_bin, "plot", tmp_path / "ns.h5", "--field", "vorticity", "-o", out)  # computed, not stored
    assert r.returncode == 0, r.stderr
    assert np.array_equal(np.asarray(PIL_Image.open(out)), ns.image("vorticity"))


def test_simt_plot_charts_observables(simt_bin, tmp_path, monkeypatch):
    import sys
    monkeypatch.setenv("SIMT_PYTHON", sys.executable)
    run_dir = tmp_path / "run"
    r = run(simt_bin, "run", simt.config("heat_2d.yaml"), "--set", "grid.nx=16", "--set", "grid.ny=16",
            "--set", "output.observables_every=10", "--steps", "50", "--output", run_dir)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "obs.png"
    r = run(simt_bin, "plot", run_dir / "observables.h5", "--y", "u_mean,u_rms", "-o", out)
    assert r.returncode == 0, r.stderr
    assert PIL_Image.open(out).size == (640, 480)  # matplotlib's default figure at 100 dpi
    r = run(simt_bin, "plot", run_dir / "observables.h5", "--y", "u_men", "-o", out)
    assert r.returncode == EXIT_CONFIG and "no observable 'u_men'" in r.stderr and "did you mean 'u_mean'?" in r.stderr
    monkeypatch.setenv("SIMT_PYTHON", "no-such-python")
    r = run(simt_bin, "plot", run_dir / "observables.h5", "--y", "u_mean", "-o", out)
    assert r.returncode == EXIT_DEVICE and "'no-such-python' cannot be started" in r.stderr


def test_simt_movie_says_what_it_needs(simt_bin, tmp_path):
    r = run(simt_bin, "movie", tmp_path, "-o", tmp_path / "m.mp4")
    assert r.returncode == EXIT_IO and "holds no frames" in r.stderr
    frame = tmp_path / "u.png"
    PIL_Image.fromarray(heat("cpu").image("u", width=32)).save(frame)
    for step in (10, 20, 30):
        shutil.copy(frame, tmp_path / f"image_u_{step:09d}.png")
    r = run(simt_bin, "movie", tmp_path, "--field", "v", "-o", tmp_path / "m.mp4")
    assert r.returncode == EXIT_CONFIG and "no frames of field 'v'; it has frames of u" in r.stderr
    r = run(simt_bin, "movie", tmp_path, "-o", tmp_path / "m.mp4")
    if shutil.which("ffmpeg"):
        assert r.returncode == 0, r.stderr
        if shutil.which("ffprobe"):  # the movie holds the three frames, at the frame size made even
            probe = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                    "stream=nb_read_frames,width,height", "-of", "csv=p=0", tmp_path / "m.mp4"],
                                   capture_output=True, text=True, check=True)
            width, height, frames = (int(v) for v in probe.stdout.strip().split(","))
            frame_height, frame_width = np.asarray(PIL_Image.open(frame)).shape[:2]
            even = (frame_width + frame_width % 2, frame_height + frame_height % 2)  # padded for yuv420p
            assert frames == 3 and (width, height) == even, probe.stdout
        else:
            assert (tmp_path / "m.mp4").stat().st_size > 0
    else:
        assert r.returncode == EXIT_DEVICE and "needs ffmpeg, which is not installed: apt-get install ffmpeg" in r.stderr


def test_plot_helpers_draw(tmp_path):
    import simt.plot
    sim = heat("cpu")
    sim.step(20)
    ax = simt.plot.field(sim, "u", colormap="coolwarm")
    assert len(ax.images) == 1 and ax.images[0].get_array().shape == (16, 24, 3)
    ax = simt.plot.observables(sim, ["u_mean", "u_rms"])
    assert [line.get_label() for line in ax.lines] == ["u_mean", "u_rms"]
    results = np.rec.fromarrays([np.array([5.0, 3.0]), np.array([4.9, 2.9]), np.array([5.1, 3.2])],
                                names=["price", "ci_low", "ci_high"])
    ax = simt.plot.prices(results, x=[90, 110])
    assert ax.get_xlabel() == "strike"
    ax = simt.plot.convergence([1000, 4000, 16000], [0.4, 0.2, 0.1])
    assert np.allclose(ax.lines[1].get_ydata(), [0.4, 0.2, 0.1])  # 1/sqrt(N) through the first point
    with pytest.raises(ValueError, match="no observable 'energy'; there are: step, time"):
        simt.plot.observables(sim, "energy")


def test_output_images_write_the_frames_sim_image_draws(simt_bin, tmp_path):
    out = tmp_path / "run"
    r = run(simt_bin, "run", simt.config("heat_3d.yaml"), "--set", "grid.nx=20", "--set", "grid.ny=12", "--set",
            "grid.nz=8", "--set", "output.images.field=u", "--set", "output.images.every=40", "--set",
            "output.images.projection=z", "--set", "output.images.colormap=coolwarm", "--set",
            "output.images.range=0,1", "--steps", "100", "--output", out, "--profile")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.glob("image_*.png")) == [f"image_u_{s:09d}.png" for s in (0, 40, 80)]
    assert "render.png.write" in r.stdout + r.stderr and "render.field.colour" in r.stdout + r.stderr
    # The frame at step 80 is what sim.image draws of the same state.
    sim = simt.Simulation(simt.config("heat_3d.yaml"), set={"grid.nx": 20, "grid.ny": 12, "grid.nz": 8}, device="cpu")
    sim.step(80)
    frame = np.asarray(PIL_Image.open(out / "image_u_000000080.png"))
    assert np.array_equal(frame, sim.image("u", projection="z", colormap="coolwarm", range=(0, 1)))


def test_output_images_errors_name_the_key(simt_bin, tmp_path):
    r = run(simt_bin, "run", simt.config("heat_2d.yaml"), "--set", "output.images.field=w", "--steps", "1",
            "--output", tmp_path)
    assert r.returncode == EXIT_CONFIG and "output.images.field = 'w' is not a field of this solver; its fields: u" in r.stderr
    r = run(simt_bin, "run", simt.config("lid_driven_cavity.yaml"), "--set", "output.images.field=vortcity", "--steps",
            "1", "--output", tmp_path)
    assert r.returncode == EXIT_CONFIG and "did you mean 'vorticity'?" in r.stderr
    r = run(simt_bin, "run", simt.config("heat_2d.yaml"), "--set", "output.images.field=u", "--set",
            "output.images.range=1", "--steps", "1", "--output", tmp_path)
    assert r.returncode == EXIT_CONFIG and "heat_2d.yaml: output.images: range '1' must be two finite numbers" in r.stderr
    r = run(simt_bin, "validate", simt.config("heat_2d.yaml"), "--set", "output.images.slice=w=2")
    assert r.returncode == EXIT_CONFIG and "heat_2d.yaml: output.images: slice 'w=2': axis 'w' must be x, y or z" in r.stderr


def test_md_pictures_are_discs_coloured_by_type_or_speed():
    md = simt.Simulation(simt.config("lj_liquid.yaml"), set={"system.nx": 4, "system.ny": 4, "system.nz": 4}, device="cpu")
    md.step(5)
    by_type = md.image("type", width=120)
    assert by_type.shape == (120, 120, 3)
    def background(pic):
        return np.all(np.asarray(pic) == 255, axis=2).mean()
    # Discs of diameter sigma at density 0.84: the whole box covers nearly all, a thin slab less.
    assert 0 < background(by_type) < 0.1
    assert background(md.image("type", width=120, slab=(0.0, 0.1))) > background(by_type) + 0.1
    speed = np.linalg.norm(md.field("velocity", copy=True), axis=1)
    by_speed = md.image("velocity", slab=(0.25, 0.5))
    assert (by_speed.lo, by_speed.hi) == pytest.approx((speed.min(), speed.max()), rel=1e-6)
    with pytest.raises(simt.ConfigError, match="'force' is per particle: particles are drawn coloured by 'type'"):
        md.image("force")
    with pytest.raises(simt.ConfigError, match="slab '0.5,0.2' must be two fractions of the box"):
        md.image("type", slab=(0.5, 0.2))


def test_ising_spins_are_drawn_from_their_bytes():
    sim = simt.Simulation(simt.config("ising_2d_critical.yaml"), set={"lattice.L": 32}, device="cpu")
    sim.step(5)
    spin = sim.field("spin", copy=True)
    assert spin.dtype == np.uint8 and len(np.unique(spin)) == 2
    pic = np.asarray(sim.image("spin", colormap="grey"))
    assert np.array_equal(pic[..., 0], np.where(spin.T[::-1] == spin.max(), 255, 0))
