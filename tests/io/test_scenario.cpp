// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <simt/core/error.hpp>
#include <simt/io/scenario.hpp>

using namespace simt;
using namespace simt::io;

// Each fragment must appear in the message; a failure prints the whole message.
#define CHECK_HAS(msg, fragment) CHECK_MESSAGE((msg).find(fragment) != std::string::npos, (msg))

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

Schema test_schema() {
    Schema s;
    s.add(integer_key("simt", 1, 1, 1, "scenario format version"))
        .add(string_key("solver", std::nullopt, {}, "the solver to run"))
        .add(string_key("device", "auto", {"auto", "cpu", "cuda"}, "where to run"))
        .add(string_key("precision", "double", {"float", "double"}, "floating-point type"))
        .add(integer_key("seed", 0, 0, inf, "random seed"))
        .add(integer_key("grid.nx", std::nullopt, 1, inf, "cells along x"))
        .add(integer_key("grid.ny", 1, 1, inf, "cells along y"))
        .add(real_key("physics.diffusivity", 1.0, 0, inf, "m^2/s", true))
        .add(integer_key("run.steps", 100, 0, inf, "time steps"))
        .add(bool_key("run.verbose", false, "log every step"))
        .add(string_key("output.dir", "", {}, "where to write"));
    return s;
}

std::string bad(const std::string& name) { return std::string(SIMT_TEST_DATA_DIR) + "/bad_scenarios/" + name; }

// The ConfigError message of loading and validating a file, or a marker if none was thrown.
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "<no ConfigError>";
}

std::string file_error(const std::string& name) {
    return error_of([&] { Scenario::from_file(bad(name)).validate(test_schema()); });
}

std::string string_error(const std::string& text, const std::string& assignment = "") {
    return error_of([&] {
        Scenario s = Scenario::from_string(text, "scenario.yaml");
        if (!assignment.empty()) s.set_override(assignment);
        s.validate(test_schema());
    });
}

const std::string good = "simt: 1\nsolver: heat\ngrid:\n  nx: 8\n";
}  // namespace

TEST_CASE("unknown top-level key lists the allowed keys and suggests the near miss") {
    const std::string msg = file_error("unknown_top.yaml");
    CHECK_HAS(msg, "unknown_top.yaml:3:1: unknown key 'gird'");
    CHECK_HAS(msg, "allowed here: device, grid, output, physics, precision, run, seed, simt, solver");
    CHECK_HAS(msg, "did you mean 'grid'?");
}

TEST_CASE("unknown nested key names its path and its siblings") {
    const std::string msg = file_error("unknown_nested.yaml");
    CHECK_HAS(msg, "unknown_nested.yaml:4:3: unknown key 'grid.nz'; allowed here: nx, ny");
    CHECK_HAS(msg, "did you mean 'nx'?");
    CHECK(string_error(good + "zzzzzz: 1\n").find("did you mean") == std::string::npos);
}

TEST_CASE("wrong scalar types") {
    CHECK_HAS(file_error("string_for_int.yaml"), "string_for_int.yaml:3:7: grid.nx = 'abc' is not an integer");
    CHECK_HAS(file_error("float_for_int.yaml"), "float_for_int.yaml:3:7: grid.nx = 3.5 is not an integer");
    CHECK_HAS(file_error("int_overflow.yaml"), "int_overflow.yaml:3:7: grid.nx = 1e+20 is not an integer");
    CHECK_HAS(string_error(good + "seed: 1e3\n"), "scenario.yaml:5:7: seed = 1000 is not an integer");
    CHECK_HAS(string_error(good + "seed: \"4\"\n"), "scenario.yaml:5:7: seed = '4' is not an integer");
    CHECK_HAS(file_error("yes_for_bool.yaml"),
              "yes_for_bool.yaml:5:12: run.verbose = 'yes' is not a bool (true or false)");
    CHECK_HAS(file_error("infinite_real.yaml"),
              "infinite_real.yaml:5:16: physics.diffusivity = inf is not a finite number");
    CHECK_HAS(file_error("empty_value.yaml"), "empty_value.yaml:3:3: grid.nx has no value; expected an integer");
}

TEST_CASE("out-of-range values and bad choices") {
    CHECK_HAS(file_error("negative_size.yaml"), "negative_size.yaml:3:7: grid.nx = -4 must be >= 1");
    CHECK_HAS(file_error("exclusive_min.yaml"),
              "exclusive_min.yaml:5:16: physics.diffusivity = 0 must be > 0");
    CHECK_HAS(file_error("bad_choice.yaml"), "bad_choice.yaml:2:9: device = 'gpu' is not one of: auto, cpu, cuda");
    CHECK_HAS(string_error("simt: 2\nsolver: heat\ngrid:\n  nx: 8\n"), "scenario.yaml:1:7: simt = 2 must be <= 1");
}

TEST_CASE("missing required keys") {
    const std::string msg = file_error("missing_solver.yaml");
    CHECK_HAS(msg, "missing_solver.yaml: missing required key 'solver' (the solver to run)");
    CHECK_HAS(file_error("missing_nested.yaml"), "missing_nested.yaml:3:3: missing required key 'grid.nx'");
    CHECK_HAS(string_error("solver: heat\n"), "scenario.yaml: missing required key 'grid.nx'");
}

TEST_CASE("YAML syntax errors carry line and column") {
    CHECK_HAS(file_error("syntax_error.yaml"), "syntax_error.yaml:3:1: YAML syntax error: end of map flow not found");
    CHECK_HAS(file_error("tab_indent.yaml"), "tab_indent.yaml:3:4: YAML syntax error");
    CHECK_HAS(file_error("bad_indent.yaml"), "bad_indent.yaml:4:2: YAML syntax error");
}

TEST_CASE("files that hold no scenario") {
    CHECK_HAS(file_error("empty.yaml"), "empty.yaml: the scenario is empty");
    CHECK_HAS(file_error("comments_only.yaml"), "comments_only.yaml: the scenario is empty");
    CHECK_HAS(file_error("top_list.yaml"), "top_list.yaml:1:1: the top level must be a map");
    CHECK_HAS(file_error("top_list.yaml"), "not a list");
    CHECK_HAS(string_error("just words\n"), "scenario.yaml:1:1: the top level must be a map");
    CHECK_HAS(file_error("two_documents.yaml"), "two_documents.yaml: holds 2 YAML documents");
    CHECK_THROWS_WITH_AS(Scenario::from_file("no/such/x.yaml"),
                         "cannot open scenario 'no/such/x.yaml': No such file or directory", ConfigError);
    CHECK_THROWS_WITH_AS(Scenario::from_file(SIMT_TEST_DATA_DIR), doctest::Contains("Is a directory"), ConfigError);
}

TEST_CASE("a stray comma or closing bracket where a node should start is an error, not a hang") {
    // Found by tests/fuzz: yaml-cpp 0.7's LoadAll added empty documents for it until memory ran out.
    for (const char* text : {",:r eolvs  nx: 4\nphyIsics:\n  diffusivity: .inf\n", ",\n", "]\nsolver: heat\n",
                             "solver: heat\n---\n}\n"}) {
        CAPTURE(text);
        CHECK_THROWS_AS(Scenario::from_string(text, "scenario.yaml"), ConfigError);
    }
    // A second document after a good one is still counted.
    CHECK_HAS(string_error("solver: heat\n---\nsolver: lbm\n---\nsolver: md\n"), "holds 3 YAML documents");
}

TEST_CASE("binary garbage is rejected before parsing") {
    const auto path = std::filesystem::temp_directory_path() / "simt_test_garbage.yaml";
    {
        std::ofstream out(path, std::ios::binary);
        for (int b = 0; b < 256; ++b) out.put(static_cast<char>(b));
    }
    const std::string msg = error_of([&] { Scenario::from_file(path.string()); });
    std::filesystem::remove(path);
    CHECK_HAS(msg, "simt_test_garbage.yaml:1:1: not a text file (byte 0x00)");
    CHECK_HAS(string_error("solver: heat\ngrid: \xff\n"), "scenario.yaml:2:7: not a text file (byte 0xff)");
    CHECK_HAS(string_error("solver: h\x01\n"), "scenario.yaml:1:10: not a text file (byte 0x01)");
    // Valid UTF-8 outside ASCII is text.
    CHECK(string_error(good + "output:\n  dir: \xc3\xa9t\xc3\xa9\n") == "<no ConfigError>");
}

TEST_CASE("structure errors: duplicates, maps, lists") {
    CHECK_HAS(file_error("duplicate_key.yaml"), "duplicate_key.yaml:4:3: duplicate key 'nx' in grid");
    CHECK_HAS(file_error("duplicate_key.yaml"), "first given at");
    CHECK_HAS(string_error(good + "solver: again\n"), "scenario.yaml:5:1: duplicate key 'solver'");
    CHECK_HAS(file_error("map_for_scalar.yaml"),
              "map_for_scalar.yaml:3:7: grid.nx expected a single value, got a map; expected an integer");
    CHECK_HAS(file_error("sequence_value.yaml"),
              "sequence_value.yaml:3:7: grid.nx expected a single value, got a list");
    CHECK_HAS(file_error("scalar_for_map.yaml"),
              "scalar_for_map.yaml:2:7: grid is a section with keys nx, ny; expected a map, got a single value");
    CHECK_HAS(string_error(good + "? [a]\n: 1\n"), "a key must be a plain name, not a list");
}

TEST_CASE("--set errors name the override") {
    CHECK_HAS(string_error(good, "grid.nx=-4"), "--set grid.nx=-4: grid.nx = -4 must be >= 1");
    CHECK_HAS(string_error(good, "grid.nx=abc"), "--set grid.nx=abc: grid.nx = 'abc' is not an integer");
    CHECK_HAS(string_error(good, "grid.nz=3"), "--set grid.nz=3: unknown key 'grid.nz'; allowed here: nx, ny");
    CHECK_HAS(string_error(good, "physcs.diffusivity=2"), "--set physcs.diffusivity=2: unknown key 'physcs'");
    CHECK_HAS(string_error(good, "physcs.diffusivity=2"), "did you mean 'physics'?");
    Scenario s = Scenario::from_string(good, "scenario.yaml");
    CHECK_THROWS_WITH_AS(s.set_override("grid.nx"), "--set expects key=value, got 'grid.nx'", ConfigError);
    CHECK_THROWS_WITH_AS(s.set_override("=4"), "--set expects key=value, got '=4'", ConfigError);
    CHECK_THROWS_WITH_AS(s.set_override("grid..nx=4"), doctest::Contains("'grid..nx' is not a key path"),
                         ConfigError);
    CHECK_THROWS_WITH_AS(s.set_override("solver.name=x"),
                         "--set solver.name=x: solver is a single value, not a map, so solver.name cannot be set",
                         ConfigError);
    s.set_override("grid.nx", Value(std::int64_t{-4}));
    CHECK_THROWS_WITH_AS(s.validate(test_schema()), "set grid.nx=-4: grid.nx = -4 must be >= 1", ConfigError);
}

TEST_CASE("defaults fill every absent key") {
    const Params p = Scenario::from_string(good, "scenario.yaml").validate(test_schema());
    CHECK(p.all().size() == test_schema().keys().size());
    CHECK(p.string("solver") == "heat");
    CHECK(p.integer("grid.nx") == 8);
    CHECK(p.integer("grid.ny") == 1);
    CHECK(p.string("device") == "auto");
    CHECK(p.real("physics.diffusivity") == 1.0);
    CHECK(p.integer("run.steps") == 100);
    CHECK_FALSE(p.boolean("run.verbose"));
    CHECK(p.string("output.dir").empty());
    // An empty section leaves its keys at their defaults.
    CHECK(Scenario::from_string(good + "run:\n", "s.yaml").validate(test_schema()).integer("run.steps") == 100);
}

TEST_CASE("values of every kind are read") {
    const Params p = Scenario::from_string(good + "physics:\n  diffusivity: 2\nrun:\n  steps: +5\n  verbose: true\n"
                                                  "seed: 42\noutput:\n  dir: 2024\n",
                                           "scenario.yaml")
                         .validate(test_schema());
    CHECK(std::holds_alternative<double>(p.at("physics.diffusivity")));  // an integer literal for a real key
    CHECK(p.real("physics.diffusivity") == 2.0);
    CHECK(p.integer("run.steps") == 5);
    CHECK(p.boolean("run.verbose"));
    CHECK(p.integer("seed") == 42);
    CHECK(p.string("output.dir") == "2024");  // a string key takes any scalar as text
    CHECK(Scenario::from_string(good + "physics:\n  diffusivity: 1e-3\n", "s.yaml")
              .validate(test_schema())
              .real("physics.diffusivity") == 1e-3);
}

TEST_CASE("overrides replace, create and survive copies") {
    Scenario s = Scenario::from_string(good, "scenario.yaml");
    s.set_override("grid.nx=32");
    s.set_override("physics.diffusivity=0.5");  // creates the physics map
    s.set_override("run.verbose = true");
    s.set_override("output.dir=");              // an empty string, not null
    s.set_override("device", Value(std::string("cpu")));
    Params p = s.validate(test_schema());
    CHECK(p.integer("grid.nx") == 32);
    CHECK(p.real("physics.diffusivity") == 0.5);
    CHECK(p.boolean("run.verbose"));
    CHECK(p.string("output.dir").empty());
    CHECK(p.string("device") == "cpu");

    Scenario copy = s;
    copy.set_override("grid.nx=64");
    CHECK(copy.validate(test_schema()).integer("grid.nx") == 64);
    CHECK(s.validate(test_schema()).integer("grid.nx") == 32);
    CHECK(copy.validate(test_schema()).real("physics.diffusivity") == 0.5);
    // The copy keeps the file positions of the original.
    Scenario bad_copy = Scenario::from_file(bad("negative_size.yaml"));
    Scenario assigned = Scenario::from_string(good, "other.yaml");
    assigned = bad_copy;
    CHECK_THROWS_WITH_AS(assigned.validate(test_schema()), doctest::Contains("negative_size.yaml:3:7: grid.nx"),
                         ConfigError);
    CHECK(assigned.origin() == bad("negative_size.yaml"));
}

TEST_CASE("text() round-trips with the overrides applied") {
    Scenario s = Scenario::from_string(good + "output:\n  dir: \"a: b\"\n", "scenario.yaml");
    s.set_override("physics.diffusivity=0.1");
    s.set_override("run.verbose=true");
    s.set_override("grid.nx", Value(std::int64_t{12}));
    const Params before = s.validate(test_schema());
    const Params after = Scenario::from_string(s.text(), "checkpoint").validate(test_schema());
    CHECK(before.all() == after.all());
    CHECK(after.string("output.dir") == "a: b");
    CHECK(after.real("physics.diffusivity") == 0.1);
}

TEST_CASE("required_string") {
    const Scenario s = Scenario::from_string(good, "scenario.yaml");
    CHECK(s.required_string("solver") == "heat");
    CHECK_THROWS_WITH_AS(s.required_string("mode"), "scenario.yaml: missing required key 'mode'", ConfigError);
    CHECK_THROWS_WITH_AS(Scenario::from_string("solver:\n", "s.yaml").required_string("solver"),
                         "s.yaml: missing required key 'solver'", ConfigError);
    CHECK_THROWS_WITH_AS(s.required_string("grid"),
                         "scenario.yaml:4:3: grid expected a single value, got a map; expected a string", ConfigError);
    CHECK_THROWS_WITH_AS(Scenario::from_file(bad("missing_solver.yaml")).required_string("solver"),
                         doctest::Contains("missing_solver.yaml: missing required key 'solver'"), ConfigError);
}
