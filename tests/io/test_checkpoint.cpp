// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <simt/core/error.hpp>
#include <simt/io/checkpoint.hpp>
#include <simt/io/h5md.hpp>
#include <simt/io/table.hpp>
#include <string>
#include <vector>

// The foreign-file cases need the raw HDF5 API (hdf5::hdf5 is linked to this test).
#include <hdf5.h>
#include "../temp_dir.hpp"

namespace fs = std::filesystem;
using namespace simt;
using namespace simt::io;
using simt::test::TempDir;

namespace {

// The message of the E that f throws, or a marker when it throws none.
template <class E, class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "<nothing thrown>";
}

#define CHECK_THROWS_CONTAINING(E, expr, fragment)                     \
    do {                                                               \
        const std::string msg_ = message_of<E>([&] { (void)(expr); }); \
        INFO("message: ", msg_);                                       \
        CHECK(msg_.find(fragment) != std::string::npos);               \
    } while (0)

CheckpointMeta sample_meta() {
    CheckpointMeta m;
    m.simt_version = "0.1.0";
    m.solver = "heat";
    m.step = 1234567890123;
    m.time = 0.1 + 0.2;
    m.backend = "cuda";
    m.precision = "double";
    m.scenario =
        "solver: heat\ngrid: {nx: 64, ny: 64}\n# \"quoted\" & <tagged> 'single' \\back\ttab $%{}\n\n";
    m.rng_seed = std::numeric_limits<std::uint64_t>::max();
    m.rng_counter = (std::uint64_t{1} << 63) + 5;
    return m;
}

template <class T>
std::vector<T> ramp(std::size_t n, T scale) {
    std::vector<T> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(static_cast<T>(i) * scale - static_cast<T>(7));
    return v;
}

// A complete checkpoint with a 64x64 double field "u", for the damaged-file cases.
void write_valid(const std::string& path) {
    CheckpointWriter w(path);
    w.write_meta(sample_meta());
    const std::vector<double> u = ramp<double>(64 * 64, 0.5);
    w.write_field("u", u.data(), {64, 64});
    w.write_series("energy", {1, 2, 3});
    w.write_state("k", Value{std::int64_t{3}});
    w.commit();
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string garbage(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(gen() & 0xff);
    return s;
}

// Opens the file and reads everything in it; a CheckpointError is fine, anything else fails.
void read_everything(const std::string& path) {
    try {
        CheckpointReader r(path);
        std::vector<double> u(64 * 64);
        r.read_field("u", u.data(), u.size());
        for (const std::string& s : r.series_names()) (void)r.read_series(s);
        (void)r.read_state("k");
    } catch (const CheckpointError&) {
    }
}
}  // namespace

TEST_CASE("checkpoint round trip keeps meta, fields, series and state bit for bit") {
    TempDir dir;
    const std::string path = dir.file("ckpt_100.h5");
    const CheckpointMeta meta = sample_meta();

    std::vector<float> f32 = ramp<float>(3 * 5, 0.1f);
    f32[1] = -0.0f;
    f32[2] = std::numeric_limits<float>::denorm_min();
    f32[3] = std::numeric_limits<float>::max();
    std::vector<double> f64 = ramp<double>(2 * 3 * 4, 1.0 / 3.0);
    f64[0] = std::numeric_limits<double>::lowest();
    f64[5] = std::nextafter(1.0, 2.0);
    const std::vector<std::int32_t> i32 = ramp<std::int32_t>(4 * 2, -3);
    std::vector<std::int64_t> i64 = ramp<std::int64_t>(2 * 2 * 2, 1 << 20);
    i64[7] = std::numeric_limits<std::int64_t>::min();
    std::vector<std::uint16_t> u16 = ramp<std::uint16_t>(6, 7);
    u16[5] = 0xffff;
    const std::vector<double> energy = {1.5, -2.0, 3e300, 0.1};

    {
        CheckpointWriter w(path);
        CHECK(w.path() == path);
        w.write_meta(meta);
        w.write_field("f32", f32.data(), {3, 5});
        w.write_field("f64", f64.data(), {2, 3, 4});
        w.write_field("i32", i32.data(), {4, 2});
        w.write_field("i64", i64.data(), {2, 2, 2});
        w.write_field("u16", u16.data(), {6});
        w.write_series("energy", energy);
        w.write_series("empty", {});
        w.write_state("yes", Value{true});
        w.write_state("no", Value{false});
        w.write_state("count", Value{std::int64_t{-9007199254740993}});
        w.write_state("zeta", Value{0.1 + 0.7});
        w.write_state("label", Value{std::string("two\nlines & \"more\"")});
        w.commit();
    }

    CheckpointReader r(path);
    CHECK(r.path() == path);
    const CheckpointMeta& m = r.meta();
    CHECK(m.format_version == checkpoint_format_version);
    CHECK(m.simt_version == meta.simt_version);
    CHECK(m.solver == meta.solver);
    CHECK(m.step == meta.step);
    CHECK(std::memcmp(&m.time, &meta.time, sizeof(double)) == 0);
    CHECK(m.backend == meta.backend);
    CHECK(m.precision == meta.precision);
    CHECK(m.scenario == meta.scenario);
    CHECK(m.rng_seed == meta.rng_seed);
    CHECK(m.rng_counter == meta.rng_counter);

    CHECK(r.has_field("f32"));
    CHECK_FALSE(r.has_field("nope"));
    CHECK_FALSE(r.has_field("a/b"));
    CHECK(r.field_dims("f32") == std::vector<std::size_t>{3, 5});
    CHECK(r.field_dims("f64") == std::vector<std::size_t>{2, 3, 4});
    CHECK(r.field_dims("i32") == std::vector<std::size_t>{4, 2});
    CHECK(r.field_dims("i64") == std::vector<std::size_t>{2, 2, 2});
    CHECK(r.field_dtype("f32") == DType::F32);
    CHECK(r.field_dtype("f64") == DType::F64);
    CHECK(r.field_dtype("i32") == DType::I32);
    CHECK(r.field_dtype("i64") == DType::I64);
    CHECK(r.field_dtype("u16") == DType::U16);

    std::vector<float> f32_in(f32.size());
    std::vector<double> f64_in(f64.size());
    std::vector<std::int32_t> i32_in(i32.size());
    std::vector<std::int64_t> i64_in(i64.size());
    r.read_field("f32", f32_in.data(), f32_in.size());
    r.read_field("f64", f64_in.data(), f64_in.size());
    r.read_field("i32", i32_in.data(), i32_in.size());
    r.read_field("i64", i64_in.data(), i64_in.size());
    CHECK(std::memcmp(f32_in.data(), f32.data(), f32.size() * sizeof(float)) == 0);
    CHECK(std::memcmp(f64_in.data(), f64.data(), f64.size() * sizeof(double)) == 0);
    CHECK(i32_in == i32);
    CHECK(i64_in == i64);
    std::vector<std::uint16_t> u16_in(u16.size());
    r.read_field("u16", u16_in.data(), u16_in.size());
    CHECK(u16_in == u16);

    CHECK(r.series_names() == std::vector<std::string>{"empty", "energy"});
    CHECK(r.read_series("energy") == energy);
    CHECK(r.read_series("empty").empty());

    const Value yes = r.read_state("yes"), no = r.read_state("no"), count = r.read_state("count");
    const Value zeta = r.read_state("zeta"), label = r.read_state("label");
    REQUIRE(std::holds_alternative<bool>(yes));
    REQUIRE(std::holds_alternative<bool>(no));
    REQUIRE(std::holds_alternative<std::int64_t>(count));
    REQUIRE(std::holds_alternative<double>(zeta));
    REQUIRE(std::holds_alternative<std::string>(label));
    CHECK(std::get<bool>(yes));
    CHECK_FALSE(std::get<bool>(no));
    CHECK(std::get<std::int64_t>(count) == -9007199254740993);
    CHECK(std::get<double>(zeta) == 0.1 + 0.7);
    CHECK(std::get<std::string>(label) == "two\nlines & \"more\"");
}

TEST_CASE("checkpoint commit is atomic") {
    TempDir dir;
    const std::string path = dir.file("ckpt.h5"), tmp = path + ".tmp";
    const std::vector<double> u(16, 1.0);

    SUBCASE("only the temporary file exists before commit, only the checkpoint after") {
        CheckpointWriter w(path);
        w.write_meta(sample_meta());
        w.write_field("u", u.data(), {4, 4});
        CHECK(fs::exists(tmp));
        CHECK_FALSE(fs::exists(path));
        w.commit();
        CHECK(fs::exists(path));
        CHECK_FALSE(fs::exists(tmp));
        CHECK_THROWS_AS(w.write_field("v", u.data(), {16}), Error);
        CHECK_THROWS_AS(w.commit(), Error);
    }
    SUBCASE("a writer destroyed without commit leaves nothing") {
        {
            CheckpointWriter w(path);
            w.write_meta(sample_meta());
            w.write_field("u", u.data(), {4, 4});
        }
        CHECK_FALSE(fs::exists(tmp));
        CHECK_FALSE(fs::exists(path));
    }
    SUBCASE("commit replaces an existing checkpoint, which stays readable until then") {
        write_valid(path);
        CheckpointMeta second = sample_meta();
        second.step = 2;
        CheckpointWriter w(path);
        w.write_meta(second);
        CHECK(CheckpointReader(path).meta().step == sample_meta().step);
        w.commit();
        CHECK(CheckpointReader(path).meta().step == 2);
        CHECK_FALSE(fs::exists(tmp));
    }
    SUBCASE("what commit's hook adds to the closed temporary file is in the checkpoint") {
        CheckpointWriter w(path);
        w.write_meta(sample_meta());
        w.commit([&](const std::string& file) {
            CHECK(file == tmp);
            CHECK_FALSE(fs::exists(path));
            const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);  // closed by commit: opens
            REQUIRE(f >= 0);
            CHECK(H5Gclose(H5Gcreate2(f, "added", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)) >= 0);
            CHECK(H5Fclose(f) >= 0);
        });
        CHECK_FALSE(fs::exists(tmp));
        const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        REQUIRE(f >= 0);
        CHECK(H5Lexists(f, "added", H5P_DEFAULT) > 0);
        H5Fclose(f);
        CHECK(CheckpointReader(path).meta().step == sample_meta().step);
    }
    SUBCASE("a missing directory is an IoError naming the path") {
        const std::string missing = dir.file("no_such_dir/ckpt.h5");
        CHECK_THROWS_CONTAINING(IoError, CheckpointWriter(missing), missing);
        CHECK_FALSE(fs::exists(dir.path / "no_such_dir"));
    }
}

TEST_CASE("checkpoint writer reports the failing HDF5 call and rejects bad names") {
    TempDir dir;
    const std::string path = dir.file("ckpt.h5");
    const std::vector<double> u(4, 1.0);
    CheckpointWriter w(path);
    w.write_field("u", u.data(), {4});
    CHECK_THROWS_CONTAINING(IoError, w.write_field("u", u.data(), {4}),
                            "checkpoint: H5Dcreate2(/fields/u) failed for '" + path + ".tmp'");
    CHECK_THROWS_AS(w.write_field("a/b", u.data(), {4}), Error);
    CHECK_THROWS_AS(w.write_field("", u.data(), {4}), Error);
    CHECK_THROWS_AS(w.write_field("v", u.data(), {}), Error);
}

TEST_CASE("checkpoint write_time_series writes equal columns atomically") {
    TempDir dir;
    const std::string path = dir.file("observables.h5");
    write_time_series(path, {"time", "energy"}, {{0.0, 0.5, 1.0}, {3.0, 2.5, 2.25}});
    CHECK(fs::exists(path));
    CHECK_FALSE(fs::exists(path + ".tmp"));
    // Not a checkpoint: /simt holds only format_version and simt_version, and the reader says so.
    CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "missing attribute /simt/solver");

    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    std::vector<double> energy(3);
    const hid_t ds = H5Dopen2(file, "/observables/energy", H5P_DEFAULT);
    REQUIRE(ds >= 0);
    CHECK(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, energy.data()) >= 0);
    CHECK(energy == std::vector<double>{3.0, 2.5, 2.25});
    int version = 0;
    const hid_t attr = H5Aopen_by_name(file, "/simt", "format_version", H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(attr >= 0);
    CHECK(H5Aread(attr, H5T_NATIVE_INT, &version) >= 0);
    CHECK(version == checkpoint_format_version);
    H5Aclose(attr);
    H5Dclose(ds);
    H5Fclose(file);

    const std::string bad = dir.file("bad.h5");
    CHECK_THROWS_AS(write_time_series(bad, {"a", "b"}, {{1.0, 2.0}, {1.0}}), Error);
    CHECK_THROWS_AS(write_time_series(bad, {"a"}, {{1.0}, {2.0}}), Error);
    CHECK_FALSE(fs::exists(bad));
    CHECK_FALSE(fs::exists(bad + ".tmp"));
}

TEST_CASE("checkpoint reader names what is wrong with a bad file") {
    TempDir dir;
    const std::string valid = dir.file("valid.h5");
    write_valid(valid);
    const std::string bytes = read_bytes(valid);
    REQUIRE(bytes.size() > 32 * 1024);
    const std::string path = dir.file("bad.h5");

    SUBCASE("missing") {
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path),
                                "checkpoint '" + path + "': no such file");
    }
    SUBCASE("text") {
        write_bytes(path, "step: 100\ntime: 0.5\n");
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "': not an HDF5 file");
    }
    SUBCASE("random binary") {
        write_bytes(path, garbage(8192, 1));
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "': not an HDF5 file");
    }
    SUBCASE("empty") {
        write_bytes(path, "");
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "': not an HDF5 file");
    }
    SUBCASE("truncated to 50% and 10%") {
        for (std::size_t keep : {bytes.size() / 2, bytes.size() / 10}) {
            CAPTURE(keep);
            write_bytes(path, bytes.substr(0, keep));
            CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "': truncated or corrupted");
        }
    }
    SUBCASE("a damaged superblock fails at open") {
        std::string damaged = bytes;
        damaged.replace(8, 64, garbage(64, 2));  // keeps the signature, breaks what follows
        write_bytes(path, damaged);
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "': truncated or corrupted");
        damaged.replace(0, 4096, garbage(4096, 3));
        write_bytes(path, damaged);
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "': not an HDF5 file");
    }
    SUBCASE("4 KiB of garbage anywhere is a CheckpointError or harmless, never a crash") {
        for (std::size_t offset = 0; offset + 4096 <= bytes.size(); offset += 1024) {
            CAPTURE(offset);
            std::string damaged = bytes;
            damaged.replace(offset, 4096, garbage(4096, static_cast<unsigned>(offset)));
            write_bytes(path, damaged);
            read_everything(path);
        }
    }
    SUBCASE("newer format") {
        CheckpointMeta m = sample_meta();
        m.format_version = checkpoint_format_version + 1;
        CheckpointWriter w(path);
        w.write_meta(m);
        w.commit();
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path),
                                "checkpoint '" + path +
                                    "': format version 2 is newer than this simt reads (1); "
                                    "upgrade simt");
    }
    SUBCASE("invalid format version") {
        CheckpointMeta m = sample_meta();
        m.format_version = 0;
        CheckpointWriter w(path);
        w.write_meta(m);
        w.commit();
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "format version 0 is invalid");
    }
}

TEST_CASE("checkpoint reader rejects foreign HDF5 files") {
    TempDir dir;
    const std::string path = dir.file("foreign.h5");
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hsize_t n = 4;
    const double data[4] = {1, 2, 3, 4};
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t ds =
        H5Dcreate2(file, "data", H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0);
    H5Dclose(ds);
    H5Sclose(space);

    SUBCASE("without a /simt group") {
        H5Fclose(file);
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path),
                                "checkpoint '" + path + "': not a simt checkpoint (no /simt group)");
    }
    SUBCASE("with a /simt group but no format_version") {
        H5Gclose(H5Gcreate2(file, "simt", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        H5Fclose(file);
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path), "': not a simt checkpoint");
    }
}

TEST_CASE("checkpoint read_field checks type and size exactly, and names absent names") {
    TempDir dir;
    const std::string path = dir.file("ckpt.h5");
    write_valid(path);
    CheckpointReader r(path);
    std::vector<float> f(64 * 64);
    std::vector<double> d(64 * 64 + 1);
    std::vector<std::int64_t> i(64 * 64);
    CHECK_THROWS_CONTAINING(
        CheckpointError, r.read_field("u", f.data(), f.size()),
        "checkpoint '" + path + "': field 'u' holds 4096 double values, expected 4096 float");
    CHECK_THROWS_CONTAINING(CheckpointError, r.read_field("u", d.data(), d.size()),
                            "field 'u' holds 4096 double values, expected 4097 double");
    CHECK_THROWS_CONTAINING(CheckpointError, r.read_field("u", i.data(), i.size()),
                            "field 'u' holds 4096 double values, expected 4096 int64");
    CHECK_THROWS_CONTAINING(CheckpointError, r.read_field("v", d.data(), 4096), "no field 'v'");
    CHECK_THROWS_CONTAINING(CheckpointError, r.field_dims("v"), "no field 'v'");
    CHECK_THROWS_CONTAINING(CheckpointError, r.read_series("power"), "no series 'power'");
    CHECK_THROWS_CONTAINING(CheckpointError, r.read_state("thermostat_xi"), "no state 'thermostat_xi'");
    r.read_field("u", d.data(), 4096);
    CHECK(d[10] == 10 * 0.5 - 7);
}

namespace {
// Opens `path` read-write for a test to damage one object with the HDF5 API.
struct Editable {
    hid_t file;
    explicit Editable(const std::string& path) : file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT)) {
        REQUIRE(file >= 0);
    }
    ~Editable() { H5Fclose(file); }
    void set_attr(const char* object, const char* name, hid_t type, const void* value) const {
        const hid_t g = H5Oopen(file, object, H5P_DEFAULT);
        const hid_t a = H5Aopen(g, name, H5P_DEFAULT);
        REQUIRE(a >= 0);
        CHECK(H5Awrite(a, type, value) >= 0);
        H5Aclose(a);
        H5Oclose(g);
    }
    /// Replaces /fields/<name> by a contiguous double dataset holding `values`, as a file
    /// written before checksums were stored.
    void replace_contiguous(const char* name, const std::vector<double>& values, const std::vector<hsize_t>& dims) const {
        const std::string full = std::string("/fields/") + name;
        CHECK(H5Ldelete(file, full.c_str(), H5P_DEFAULT) >= 0);
        const hid_t space = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
        const hid_t ds = H5Dcreate2(file, full.c_str(), H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        REQUIRE(ds >= 0);
        CHECK(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
        H5Dclose(ds);
        H5Sclose(space);
    }
};

// Every dataset in the file at `path` that holds data, with whether it carries Fletcher32.
std::vector<std::pair<std::string, bool>> datasets_and_checksums(const std::string& path) {
    std::vector<std::pair<std::string, bool>> found;
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const auto visit = [](hid_t obj, const char* name, const H5O_info_t* info, void* out) -> herr_t {
        if (info->type != H5O_TYPE_DATASET) return 0;
        const hid_t ds = H5Dopen2(obj, name, H5P_DEFAULT);
        const hid_t space = H5Dget_space(ds);
        const hid_t dcpl = H5Dget_create_plist(ds);
        unsigned flags = 0;
        const bool summed =
            H5Pget_filter_by_id2(dcpl, H5Z_FILTER_FLETCHER32, &flags, nullptr, nullptr, 0, nullptr, nullptr) >= 0;
        if (H5Sget_simple_extent_npoints(space) > 0)
            static_cast<std::vector<std::pair<std::string, bool>>*>(out)->emplace_back(name, summed);
        H5Pclose(dcpl);
        H5Sclose(space);
        H5Dclose(ds);
        return 0;
    };
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    CHECK(H5Ovisit(file, H5_INDEX_NAME, H5_ITER_INC, visit, &found) >= 0);
    H5Fclose(file);
    return found;
}
}  // namespace

TEST_CASE("checkpoint reader rejects non-finite values and impossible scalars, naming dataset and index") {
    TempDir dir;
    const std::string path = dir.file("ckpt.h5");
    std::vector<double> u = ramp<double>(64 * 64, 0.5);
    std::vector<double> read(u.size());

    SUBCASE("a NaN or an Inf in a field") {
        for (double bad : {std::nan(""), -HUGE_VAL}) {
            u[77] = bad;
            CheckpointWriter w(path);
            w.write_meta(sample_meta());
            w.write_field("u", u.data(), {64, 64});
            w.commit();
            CheckpointReader r(path);
            CHECK_THROWS_CONTAINING(CheckpointError, r.read_field("u", read.data(), read.size()),
                                    "checkpoint '" + path + "': /fields/u[77] = ");
            CHECK_THROWS_CONTAINING(CheckpointError, r.read_field("u", read.data(), read.size()),
                                    ": values must be finite");
        }
    }
    SUBCASE("step -5, a negative or infinite time") {
        write_valid(path);
        const std::int64_t step = -5;
        Editable(path).set_attr("/simt", "step", H5T_NATIVE_INT64, &step);
        CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path),
                                "checkpoint '" + path + "': /simt/step = -5: the step count cannot be negative");
        write_valid(path);
        for (const auto& [time, shown] : {std::pair{-0.5, "-0.5"}, std::pair{HUGE_VAL, "inf"}}) {
            Editable(path).set_attr("/simt", "time", H5T_NATIVE_DOUBLE, &time);
            CHECK_THROWS_CONTAINING(CheckpointError, CheckpointReader(path),
                                    std::string("/simt/time = ") + shown + ": the time must be finite");
        }
    }
    SUBCASE("typed state: a NaN, a string where a number belongs") {
        CheckpointWriter w(path);
        w.write_meta(sample_meta());
        w.write_state("dt", Value{std::nan("")});
        w.write_state("label", Value{std::string("x")});
        w.write_state("count", Value{std::int64_t{3}});
        w.commit();
        CheckpointReader r(path);
        CHECK_THROWS_CONTAINING(CheckpointError, r.read_state_real("dt"), "/state/dt = nan: values must be finite");
        CHECK_THROWS_CONTAINING(CheckpointError, r.read_state_real("label"), "attribute /state/label is not a float");
        CHECK_THROWS_CONTAINING(CheckpointError, r.read_state_integer("label"), "/state/label is not an integer");
        CHECK_THROWS_CONTAINING(CheckpointError, r.read_state_text("count"), "/state/count is not a string");
        CHECK(r.read_state_integer("count") == 3);
        CHECK(r.read_state_text("label") == "x");
        CHECK_THROWS_CONTAINING(CheckpointError, r.reject("/fields/x[1] = 2", "the rule"),
                                "checkpoint '" + path + "': /fields/x[1] = 2: the rule");
    }
}

TEST_CASE("a flipped data byte fails the Fletcher32 checksum, and files written without checksums still read") {
    TempDir dir;
    const std::string path = dir.file("ckpt.h5");
    write_valid(path);
    // u[i] = 0.5 i - 7: the bytes of u[100], u[101] occur once, inside the field's chunk.
    const std::vector<double> u = ramp<double>(64 * 64, 0.5);
    const std::string needle(reinterpret_cast<const char*>(&u[100]), 2 * sizeof(double));
    std::string bytes = read_bytes(path);
    const std::size_t at = bytes.find(needle);
    REQUIRE(at != std::string::npos);
    REQUIRE(bytes.find(needle, at + 1) == std::string::npos);
    std::vector<double> read(u.size());

    SUBCASE("flipped") {
        bytes[at + 3] = char(bytes[at + 3] ^ 0x10);
        write_bytes(path, bytes);
        CheckpointReader r(path);
        CHECK_THROWS_CONTAINING(CheckpointError, r.read_field("u", read.data(), read.size()),
                                "checkpoint '" + path + "': /fields/u: the data fail their Fletcher32 checksum");
        CHECK(r.read_series("energy") == std::vector<double>{1, 2, 3});  // the rest still reads
    }
    SUBCASE("a series flipped") {
        const std::vector<double> energy = {1, 2, 3};
        const std::string series(reinterpret_cast<const char*>(energy.data()), 3 * sizeof(double));
        const std::size_t s = bytes.find(series);
        REQUIRE(s != std::string::npos);
        bytes[s + 9] = char(bytes[s + 9] ^ 0x01);
        write_bytes(path, bytes);
        CheckpointReader r(path);
        CHECK_THROWS_CONTAINING(CheckpointError, r.read_series("energy"), "/observables/energy: the data fail");
        r.read_field("u", read.data(), read.size());
    }
    SUBCASE("an old file without checksums") {
        Editable(path).replace_contiguous("u", u, {64, 64});
        const auto found = datasets_and_checksums(path);
        CHECK(std::count(found.begin(), found.end(), std::pair<std::string, bool>{"fields/u", false}) == 1);
        CheckpointReader r(path);
        r.read_field("u", read.data(), read.size());
        CHECK(read == u);
    }
}

TEST_CASE("every dataset simt writes carries the Fletcher32 checksum") {
    TempDir dir;
    const std::string ckpt = dir.file("ckpt.h5"), series = dir.file("observables.h5");
    const std::string table = dir.file("results.h5"), trajectory = dir.file("trajectory.h5");
    write_valid(ckpt);
    write_time_series(series, {"step", "energy"}, {{0, 10}, {1.5, 1.25}});
    TableColumn name{"name", true, false, {}, {"call", "", "a longer label"}}, price{"price", false, false, {1, 2, 3}, {}};
    write_hdf5_table(table, "results", {name, price});
    {
        const std::vector<float> x(2 * 3, 0.5f);
        H5mdWriter h5md(trajectory, 2, {2, 2, 2}, {{"position", DType::F32}}, {0, 1}, {1.0, 2.0}, H5mdOpen::Create);
        h5md.append(0, 0.0, {x.data()});
    }
    for (const std::string& path : {ckpt, series, table, trajectory}) {
        const auto found = datasets_and_checksums(path);
        CHECK(found.size() >= 2);
        for (const auto& [name, summed] : found) {
            INFO(path, ": ", name);
            CHECK(summed);
        }
    }
    // The text column reads back as fixed-width, zero-padded UTF-8.
    const hid_t file = H5Fopen(table.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t ds = H5Dopen2(file, "/results/name", H5P_DEFAULT);
    const hid_t type = H5Dget_type(ds);
    REQUIRE(H5Tget_size(type) == 14);
    std::string text(3 * 14, 'x');
    CHECK(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()) >= 0);
    CHECK(text == std::string("call") + std::string(10, '\0') + std::string(14, '\0') + "a longer label");
    H5Tclose(type);
    H5Dclose(ds);
    H5Fclose(file);
}

TEST_CASE("checkpoint write_field_block puts a rank's block where its offset says, with the whole array's dims") {
    const TempDir dir;
    const std::string path = dir.file("block.h5");
    // Rows 1 and 2 of a 3 x 4 array (C order): a block as one rank of two would write it.
    const std::vector<double> rows = {1, 2, 3, 4, 5, 6, 7, 8};
    {
        CheckpointWriter w(path);
        w.write_meta(CheckpointMeta{});
        w.write_field_block("u", rows.data(), {3, 4}, {1, 0}, {2, 4});
        w.commit();
    }
    CheckpointReader r(path);
    CHECK(r.field_dims("u") == std::vector<std::size_t>{3, 4});
    std::vector<double> all(12, -1.0);
    r.read_field("u", all.data(), all.size());
    // Row 0 was written by no one: HDF5's fill value.
    CHECK(all == std::vector<double>{0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});
}
