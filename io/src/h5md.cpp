// SPDX-License-Identifier: MIT
#include <simt/io/h5md.hpp>

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <simt/config.hpp>
#include <simt/core/error.hpp>
#include "hdf5_handle.hpp"

namespace simt::io {
using namespace detail;

namespace {
hid_t native(DType t) {
    switch (t) {
        case DType::F32: return H5T_NATIVE_FLOAT;
        case DType::F64: return H5T_NATIVE_DOUBLE;
        case DType::I32: return H5T_NATIVE_INT32;
        default: throw IoError("H5MD: element types are float, double or int32");
    }
}
}  // namespace

struct H5mdWriter::Impl {
    std::string path;
    std::size_t n = 0, frames = 0;
    File file;
    std::vector<H5mdElement> elements;
    std::vector<Dataset> step, time, value;  // per element, then the box edges
    std::array<double, 3> edges{};

    IoError fail(const std::string& what) const { return IoError(fmt::format("H5MD trajectory '{}': {}", path, what)); }
    void check(herr_t status, const char* what) const {
        if (status < 0) throw fail(what);
    }
    template <class H>
    H checked(H h, const char* what) const {
        if (!h.valid()) throw fail(what);
        return h;
    }
    Group group(hid_t parent, const char* name) const {
        return checked(Group(H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)), name);
    }
    /// A variable-length UTF-8 string attribute, scalar (one value) or 1-D.
    void strings(hid_t obj, const char* name, const std::vector<std::string>& values, bool scalar) const {
        const Type type = checked(Type(H5Tcopy(H5T_C_S1)), "string type");
        check(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
        check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
        const hsize_t count = values.size();
        const Space space = checked(Space(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr)), name);
        const Attr attr = checked(Attr(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT)), name);
        std::vector<const char*> text;
        for (const auto& v : values) text.push_back(v.c_str());
        check(H5Awrite(attr.get(), type.get(), text.data()), name);
    }
    void integers(hid_t obj, const char* name, const std::vector<std::int32_t>& values, bool scalar) const {
        const hsize_t count = values.size();
        const Space space = checked(Space(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr)), name);
        const Attr attr =
            checked(Attr(H5Acreate2(obj, name, H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT)), name);
        check(H5Awrite(attr.get(), H5T_NATIVE_INT32, values.data()), name);
    }
    /// Chunked creation properties with the Fletcher32 checksum, which readers verify.
    Plist checksummed(const std::vector<hsize_t>& chunk, const char* name) const {
        Plist props = checked(Plist(H5Pcreate(H5P_DATASET_CREATE)), name);
        check(H5Pset_chunk(props.get(), int(chunk.size()), chunk.data()), name);
        check(H5Pset_fletcher32(props.get()), name);
        return props;
    }
    /// A fixed dataset of `count` values (count > 0), one chunk.
    void fixed(hid_t parent, const char* name, hid_t file_type, hid_t mem_type, hsize_t count, const void* data) const {
        const Space space = checked(Space(H5Screate_simple(1, &count, nullptr)), name);
        const Plist props = checksummed({count}, name);
        const Dataset d = checked(
            Dataset(H5Dcreate2(parent, name, file_type, space.get(), H5P_DEFAULT, props.get(), H5P_DEFAULT)), name);
        check(H5Dwrite(d.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), name);
    }
    /// An empty extendable dataset: shape (0, tail...), chunked by frame.
    Dataset series(hid_t parent, const char* name, hid_t type, const std::vector<hsize_t>& tail) const {
        std::vector<hsize_t> dims{0}, max{H5S_UNLIMITED}, chunk{tail.empty() ? hsize_t(256) : hsize_t(1)};
        for (hsize_t t : tail) dims.push_back(t), max.push_back(t), chunk.push_back(t);
        const Space space = checked(Space(H5Screate_simple(int(dims.size()), dims.data(), max.data())), name);
        const Plist props = checksummed(chunk, name);
        return checked(Dataset(H5Dcreate2(parent, name, type, space.get(), H5P_DEFAULT, props.get(), H5P_DEFAULT)), name);
    }
    Dataset open(const std::string& name) const {
        if (H5Lexists(file.get(), name.c_str(), H5P_DEFAULT) <= 0) throw fail("no dataset " + name);
        return checked(Dataset(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT)), name.c_str());
    }
    /// Sets the frame count of a (frames, ...) dataset, keeping the other dimensions.
    void resize(const Dataset& d, std::size_t count) const {
        const Space space = checked(Space(H5Dget_space(d.get())), "shape");
        hsize_t dims[3] = {0, 0, 0};
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank < 1 || rank > 3 || H5Sget_simple_extent_dims(space.get(), dims, nullptr) < 0) throw fail("unreadable shape");
        dims[0] = count;
        check(H5Dset_extent(d.get(), dims), "resize");
    }
    /// Writes one frame (row `frames` of the already grown dataset) from memory of type mem.
    void write_row(const Dataset& d, hid_t mem, const void* data) const {
        const Space space = checked(Space(H5Dget_space(d.get())), "shape");
        hsize_t dims[3] = {0, 0, 0};
        const int rank = H5Sget_simple_extent_ndims(space.get());
        H5Sget_simple_extent_dims(space.get(), dims, nullptr);
        hsize_t start[3] = {frames, 0, 0}, count[3] = {1, dims[1], dims[2]};
        check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), "select");
        const Space memory = checked(Space(H5Screate_simple(rank, count, nullptr)), "memory shape");
        check(H5Dwrite(d.get(), mem, memory.get(), space.get(), H5P_DEFAULT, data), "write");
    }
};

H5mdWriter::H5mdWriter(const std::string& path, std::size_t particles, const std::array<double, 3>& edges,
                       const std::vector<H5mdElement>& elements, const std::vector<std::int32_t>& species,
                       const std::vector<double>& mass, H5mdOpen open, std::int64_t continue_after_step)
    : m_impl(std::make_unique<Impl>()) {
    quiet_hdf5();
    Impl& m = *m_impl;
    m.path = path;
    m.n = particles;
    m.elements = elements;
    m.edges = edges;
    if (open == H5mdOpen::Continue && std::filesystem::is_regular_file(path)) {
        m.file = m.checked(File(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT)), "cannot be opened");
        std::vector<std::string> names;
        for (const auto& e : elements) names.push_back(e.name);
        names.emplace_back("box/edges");
        for (const auto& name : names) {
            m.step.push_back(m.open("/particles/all/" + name + "/step"));
            m.time.push_back(m.open("/particles/all/" + name + "/time"));
            m.value.push_back(m.open("/particles/all/" + name + "/value"));
        }
        // Keep the frames up to the restart's step; a later part of the run is written again.
        const Space space = m.checked(Space(H5Dget_space(m.step[0].get())), "shape");
        hsize_t stored = 0;
        H5Sget_simple_extent_dims(space.get(), &stored, nullptr);
        std::vector<std::int64_t> steps(stored);
        if (stored > 0) m.check(H5Dread(m.step[0].get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, steps.data()), "read step");
        m.frames = std::size_t(std::count_if(steps.begin(), steps.end(), [&](std::int64_t s) { return s <= continue_after_step; }));
        for (std::size_t e = 0; e < m.value.size(); ++e)
            for (const Dataset* d : {&m.step[e], &m.time[e], &m.value[e]}) m.resize(*d, m.frames);
        return;
    }
    m.file = open == H5mdOpen::AddTo
                 ? m.checked(File(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT)), "cannot be opened")
                 : m.checked(File(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT)), "cannot be created");
    const Group h5md = m.group(m.file.get(), "h5md");
    m.integers(h5md.get(), "version", {1, 1}, false);
    const Group author = m.group(h5md.get(), "author");
    m.strings(author.get(), "name", {"simt"}, true);
    const Group creator = m.group(h5md.get(), "creator");
    m.strings(creator.get(), "name", {"simt"}, true);
    m.strings(creator.get(), "version", {SIMT_VERSION}, true);
    const Group root = m.group(m.file.get(), "particles");
    const Group all = m.group(root.get(), "all");
    const Group box = m.group(all.get(), "box");
    m.integers(box.get(), "dimension", {3}, true);
    m.strings(box.get(), "boundary", {"periodic", "periodic", "periodic"}, false);
    if (!species.empty()) m.fixed(all.get(), "species", H5T_STD_I32LE, H5T_NATIVE_INT32, species.size(), species.data());
    if (!mass.empty()) m.fixed(all.get(), "mass", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, mass.size(), mass.data());
    for (const auto& e : elements) {
        const Group g = m.group(all.get(), e.name.c_str());
        m.step.push_back(m.series(g.get(), "step", H5T_STD_I64LE, {}));
        m.time.push_back(m.series(g.get(), "time", H5T_IEEE_F64LE, {}));
        m.value.push_back(m.series(g.get(), "value", native(e.dtype), {hsize_t(particles), 3}));
    }
    const Group box_edges = m.group(box.get(), "edges");
    m.step.push_back(m.series(box_edges.get(), "step", H5T_STD_I64LE, {}));
    m.time.push_back(m.series(box_edges.get(), "time", H5T_IEEE_F64LE, {}));
    m.value.push_back(m.series(box_edges.get(), "value", H5T_IEEE_F64LE, {3}));
}

H5mdWriter::~H5mdWriter() = default;

std::size_t H5mdWriter::frames() const { return m_impl->frames; }

void H5mdWriter::append(std::int64_t step, double time, const std::vector<const void*>& values) {
    Impl& m = *m_impl;
    if (values.size() != m.elements.size()) throw m.fail("a frame needs one array per element");
    for (std::size_t e = 0; e < m.value.size(); ++e) {
        const bool box = e == m.elements.size();  // the edges, after the elements
        for (const Dataset* d : {&m.step[e], &m.time[e], &m.value[e]}) m.resize(*d, m.frames + 1);
        m.write_row(m.step[e], H5T_NATIVE_INT64, &step);
        m.write_row(m.time[e], H5T_NATIVE_DOUBLE, &time);
        m.write_row(m.value[e], box ? H5T_NATIVE_DOUBLE : native(m.elements[e].dtype), box ? m.edges.data() : values[e]);
    }
    ++m.frames;
    m.check(H5Fflush(m.file.get(), H5F_SCOPE_LOCAL), "flush");
}
}  // namespace simt::io
