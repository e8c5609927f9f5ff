// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include <limits>
#include <simt/core/error.hpp>
#include <simt/io/params.hpp>
#include <simt/io/schema.hpp>

using namespace simt;
using namespace simt::io;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

std::string check_error(const Schema& schema, const std::string& path, const Value& v) {
    try {
        schema.check(*schema.find(path), v);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "<no ConfigError>";
}

Schema sample() {
    Schema s;
    s.add(integer_key("grid.nx", 16, 1, 4096, "cells along x"))
        .add(integer_key("grid.ny", 16, 1, inf, "cells along y"))
        .add(real_key("physics.diffusivity", 1.0, 0, inf, "m^2/s", true))
        .add(real_key("physics.theta", 0.5, 0, 1, "implicitness"))
        .add(string_key("device", "auto", {"auto", "cpu", "cuda"}, "where to run"))
        .add(string_key("solver", std::nullopt, {}, "the solver"))
        .add(bool_key("run.verbose", false, "log every step"))
        .add(integer_key("a.b.c", 0, 0, inf, "deep"));
    return s;
}
}  // namespace

TEST_CASE("kind_name names every kind") {
    CHECK(kind_name(Kind::Bool) == "bool");
    CHECK(kind_name(Kind::Int) == "integer");
    CHECK(kind_name(Kind::Real) == "number");
    CHECK(kind_name(Kind::String) == "string");
}

TEST_CASE("builders fill the key spec") {
    const KeySpec i = integer_key("grid.nx", 16, 1, 64, "cells");
    CHECK(i.kind == Kind::Int);
    CHECK(std::get<std::int64_t>(*i.default_value) == 16);
    CHECK(i.min == 1);
    CHECK(i.max == 64);
    CHECK(i.doc == "cells");
    const KeySpec r = real_key("dt", std::nullopt, 0, inf, "s", true);
    CHECK(r.kind == Kind::Real);
    CHECK_FALSE(r.default_value.has_value());
    CHECK(r.min_exclusive);
    const KeySpec s = string_key("device", "auto", {"auto", "cpu"}, "");
    CHECK(std::get<std::string>(*s.default_value) == "auto");
    CHECK(s.choices.size() == 2);
    const KeySpec b = bool_key("on", true, "");
    CHECK(b.kind == Kind::Bool);
    CHECK(std::get<bool>(*b.default_value));
}

TEST_CASE("a duplicate path is a programming error") {
    Schema s = sample();
    CHECK_THROWS_AS(s.add(integer_key("grid.nx", 1, 1, 2, "")), Error);
    Schema other;
    other.add(bool_key("run.verbose", true, ""));
    CHECK_THROWS_WITH_AS(s.add(other), doctest::Contains("duplicate key 'run.verbose'"), Error);
    Schema extra;
    extra.add(bool_key("run.trace", false, ""));
    s.add(extra);
    CHECK(s.find("run.trace") != nullptr);
}

TEST_CASE("find, children and is_map") {
    const Schema s = sample();
    REQUIRE(s.find("grid.nx") != nullptr);
    CHECK(s.find("grid.nx")->max == 4096);
    CHECK(s.find("grid") == nullptr);
    CHECK(s.children("") == std::vector<std::string>{"a", "device", "grid", "physics", "run", "solver"});
    CHECK(s.children("grid") == std::vector<std::string>{"nx", "ny"});
    CHECK(s.children("a") == std::vector<std::string>{"b"});
    CHECK(s.children("a.b") == std::vector<std::string>{"c"});
    CHECK(s.children("grid.nx").empty());
    CHECK(s.children("gri").empty());
    CHECK(s.is_map(""));
    CHECK(s.is_map("grid"));
    CHECK(s.is_map("a.b"));
    CHECK_FALSE(s.is_map("grid.nx"));
    CHECK_FALSE(s.is_map("gri"));
    CHECK_FALSE(s.is_map("solver"));
}

TEST_CASE("check converts an integer for a real key and keeps valid values") {
    const Schema s = sample();
    const Value v = s.check(*s.find("physics.diffusivity"), Value(std::int64_t{2}));
    REQUIRE(std::holds_alternative<double>(v));
    CHECK(std::get<double>(v) == 2.0);
    CHECK(std::get<std::int64_t>(s.check(*s.find("grid.nx"), Value(std::int64_t{4096}))) == 4096);
    CHECK(std::get<double>(s.check(*s.find("physics.theta"), Value(1.0))) == 1.0);
    CHECK(std::get<std::string>(s.check(*s.find("device"), Value(std::string("cuda")))) == "cuda");
    CHECK(std::get<std::string>(s.check(*s.find("solver"), Value(std::string("anything")))) == "anything");
    CHECK(std::get<bool>(s.check(*s.find("run.verbose"), Value(true))));
}

TEST_CASE("check rejects wrong types with the path and the value") {
    const Schema s = sample();
    CHECK(check_error(s, "grid.nx", Value(3.5)) == "grid.nx = 3.5 is not an integer");
    CHECK(check_error(s, "grid.nx", Value(std::string("abc"))) == "grid.nx = 'abc' is not an integer");
    CHECK(check_error(s, "physics.theta", Value(std::string("x"))) == "physics.theta = 'x' is not a number");
    CHECK(check_error(s, "run.verbose", Value(std::int64_t{1})) ==
          "run.verbose = 1 is not a bool (true or false)");
    CHECK(check_error(s, "device", Value(true)) == "device = true is not a string");
}

TEST_CASE("check enforces limits and choices") {
    const Schema s = sample();
    CHECK(check_error(s, "grid.nx", Value(std::int64_t{-4})) == "grid.nx = -4 must be >= 1");
    CHECK(check_error(s, "grid.nx", Value(std::int64_t{5000})) == "grid.nx = 5000 must be <= 4096");
    CHECK(check_error(s, "physics.diffusivity", Value(0.0)) == "physics.diffusivity = 0 must be > 0");
    CHECK(check_error(s, "physics.theta", Value(1.5)) == "physics.theta = 1.5 must be <= 1");
    CHECK(check_error(s, "physics.theta", Value(-0.1)) == "physics.theta = -0.1 must be >= 0");
    CHECK(check_error(s, "physics.diffusivity", Value(inf)) == "physics.diffusivity = inf is not a finite number");
    CHECK(check_error(s, "physics.diffusivity", Value(std::numeric_limits<double>::quiet_NaN()))
              .find("is not a finite number") != std::string::npos);
    CHECK(check_error(s, "device", Value(std::string("metal"))) == "device = 'metal' is not one of: auto, cpu, cuda");
}

TEST_CASE("a misspelt choice gets the nearest allowed value suggested") {
    const Schema s = sample();
    CHECK(check_error(s, "device", Value(std::string("cdua"))) ==
          "device = 'cdua' is not one of: auto, cpu, cuda; did you mean 'cuda'?");
    Schema faces;
    faces.add(string_key("type", "periodic", {"periodic", "dirichlet", "neumann"}, "face"));
    CHECK(check_error(faces, "type", Value(std::string("nueman"))).find("did you mean 'neumann'?") != std::string::npos);
}

TEST_CASE("an integer key's bounds read as integers in messages") {
    Schema s;
    s.add(integer_key("particles", 1, 1, 1e15, "count"));
    CHECK(check_error(s, "particles", Value(std::int64_t{2000000000000000})) ==
          "particles = 2000000000000000 must be <= 1000000000000000");
}

TEST_CASE("Params accessors and their errors") {
    Params p;
    p.set("grid.nx", std::int64_t{8});
    p.set("physics.diffusivity", 0.25);
    p.set("device", std::string("cpu"));
    p.set("run.verbose", true);
    CHECK(p.has("grid.nx"));
    CHECK_FALSE(p.has("grid.ny"));
    CHECK(p.integer("grid.nx") == 8);
    CHECK(p.real("grid.nx") == 8.0);  // an integer converts
    CHECK(p.real("physics.diffusivity") == 0.25);
    CHECK(p.string("device") == "cpu");
    CHECK(p.boolean("run.verbose"));
    CHECK(p.all().size() == 4);
    CHECK_THROWS_WITH_AS(p.at("grid.ny"), doctest::Contains("'grid.ny'"), ConfigError);
    CHECK_THROWS_WITH_AS(p.integer("physics.diffusivity"),
                         "parameter 'physics.diffusivity' is a number (0.25), not an integer", ConfigError);
    CHECK_THROWS_WITH_AS(p.real("device"), "parameter 'device' is a string (cpu), not a number", ConfigError);
    CHECK_THROWS_WITH_AS(p.string("grid.nx"), "parameter 'grid.nx' is an integer (8), not a string", ConfigError);
    CHECK_THROWS_WITH_AS(p.boolean("device"), doctest::Contains("not a bool"), ConfigError);
}
