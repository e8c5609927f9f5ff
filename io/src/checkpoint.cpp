// SPDX-License-Identifier: MIT
#include <simt/io/checkpoint.hpp>

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <fmt/format.h>
#include <simt/config.hpp>
#include <simt/core/comm.hpp>
#include <simt/core/error.hpp>
#include <simt/io/table.hpp>
#if SIMT_ENABLE_MPI
#include <mpi.h>
#endif
#include "hdf5_handle.hpp"
#include <utility>

namespace simt::io {
namespace {
namespace fs = std::filesystem;
using namespace detail;

// The longest string attribute read (a scenario text): a damaged size cannot ask for more.
constexpr std::size_t max_string_bytes = std::size_t(64) << 20;

// Turns a negative HDF5 return into an exception naming the call and the file: IoError while
// writing, CheckpointError while reading (where a failing call means the file is damaged).
class Checker {
   public:
    Checker(std::string file, bool reading) : m_file(std::move(file)), m_reading(reading) {}

    template <class T>
    T operator()(T result, const std::string& call) const {
        if (result < 0) {
            if (m_reading) fail(fmt::format("truncated or corrupted ({} failed)", call));
            throw IoError(fmt::format("checkpoint: {} failed for '{}'", call, m_file));
        }
        return result;
    }
    [[noreturn]] void fail(const std::string& what) const {
        if (m_reading) throw CheckpointError(fmt::format("checkpoint '{}': {}", m_file, what));
        throw IoError(fmt::format("checkpoint: {} for '{}'", what, m_file));
    }

   private:
    std::string m_file;
    bool m_reading;
};

// Closing the file closes whatever is still open in it, and v2 object headers carry checksums,
// so damaged metadata is reported as an error instead of being trusted.
Plist file_access(const Checker& ck) {
    Plist fapl(ck(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"));
    ck(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "H5Pset_fclose_degree");
    ck(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), "H5Pset_libver_bounds");
    return fapl;
}

Type string_type(const Checker& ck, H5T_cset_t cset, std::size_t size = H5T_VARIABLE) {
    Type t(ck(H5Tcopy(H5T_C_S1), "H5Tcopy"));
    ck(H5Tset_size(t.get(), size), "H5Tset_size");
    if (size != H5T_VARIABLE) ck(H5Tset_strpad(t.get(), H5T_STR_NULLPAD), "H5Tset_strpad");
    ck(H5Tset_cset(t.get(), cset), "H5Tset_cset");
    return t;
}

// Booleans are stored as h5py does: an int8 enum {FALSE, TRUE}.
Type bool_type(const Checker& ck) {
    Type t(ck(H5Tenum_create(H5T_NATIVE_INT8), "H5Tenum_create"));
    const std::int8_t no = 0, yes = 1;
    ck(H5Tenum_insert(t.get(), "FALSE", &no), "H5Tenum_insert");
    ck(H5Tenum_insert(t.get(), "TRUE", &yes), "H5Tenum_insert");
    return t;
}

hid_t native_type(DType t) {
    switch (t) {
        case DType::F32: return H5T_NATIVE_FLOAT;
        case DType::F64: return H5T_NATIVE_DOUBLE;
        case DType::I32: return H5T_NATIVE_INT32;
        case DType::I64: return H5T_NATIVE_INT64;
        case DType::U8: return H5T_NATIVE_UINT8;
        case DType::U16: return H5T_NATIVE_UINT16;
    }
    return H5I_INVALID_HID;
}

const char* dtype_name(DType t) {
    switch (t) {
        case DType::F32: return "float";
        case DType::F64: return "double";
        case DType::I32: return "int32";
        case DType::I64: return "int64";
        case DType::U8: return "uint8";
        case DType::U16: return "uint16";
    }
    return "?";
}

std::optional<DType> dtype_of(const Checker& ck, hid_t type, const std::string& where) {
    const H5T_class_t cls = H5Tget_class(type);
    ck(static_cast<int>(cls), fmt::format("H5Tget_class({})", where));
    const std::size_t size = H5Tget_size(type);
    if (cls == H5T_FLOAT && size == 4) return DType::F32;
    if (cls == H5T_FLOAT && size == 8) return DType::F64;
    if (cls != H5T_INTEGER) return std::nullopt;
    const H5T_sign_t sign = H5Tget_sign(type);
    if (sign == H5T_SGN_2 && size == 4) return DType::I32;
    if (sign == H5T_SGN_2 && size == 8) return DType::I64;
    if (sign == H5T_SGN_NONE && size == 1) return DType::U8;
    if (sign == H5T_SGN_NONE && size == 2) return DType::U16;
    return std::nullopt;
}

// A name that stays one link below its group.
bool valid_link_name(const std::string& name) {
    return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

// ---- writing -------------------------------------------------------------------------------

// A rank's part of a dataset: `count` elements from `offset` (C order, like the dims).
struct Slab {
    const std::vector<std::size_t>& offset;
    const std::vector<std::size_t>& count;
};

// The writer behind CheckpointWriter and write_time_series. Across several ranks every call is
// collective (parallel HDF5 through MPI-IO): attributes and whole arrays carry the same values
// on every rank and rank 0 writes them; a Slab is each rank's own block of one array.
class H5Writer {
   public:
    explicit H5Writer(std::string path, const Comm* ranks = nullptr)
        : m_path(std::move(path)),
          m_tmp(m_path + ".tmp"),
          m_ck(m_tmp, false),
          m_ranks(ranks && ranks->parallel() ? ranks : nullptr) {
        quiet_hdf5();
        const fs::path dir = fs::path(m_tmp).parent_path();
        std::error_code ec;
        if (!dir.empty() && !fs::is_directory(dir, ec))
            throw IoError(
                fmt::format("checkpoint: cannot create '{}': no such directory '{}'", m_tmp, dir.string()));
        const Plist fapl = file_access(m_ck);
        m_transfer = Plist(m_ck(H5Pcreate(H5P_DATASET_XFER), "H5Pcreate"));
        if (m_ranks) {
#if SIMT_ENABLE_MPI
            const MPI_Comm comm = *static_cast<const MPI_Comm*>(m_ranks->native());
            m_ck(H5Pset_fapl_mpio(fapl.get(), comm, MPI_INFO_NULL), "H5Pset_fapl_mpio");
            // Checksummed (filtered) chunks can only be written collectively.
            m_ck(H5Pset_dxpl_mpio(m_transfer.get(), H5FD_MPIO_COLLECTIVE), "H5Pset_dxpl_mpio");
#endif
        }
        m_file = File(m_ck(H5Fcreate(m_tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), "H5Fcreate"));
    }
    H5Writer(const H5Writer&) = delete;
    H5Writer& operator=(const H5Writer&) = delete;
    ~H5Writer() {
        if (m_committed) return;
        m_file.close();
        std::error_code ec;
        if (writes_shared()) fs::remove(m_tmp, ec);  // best effort: a destructor cannot report
    }

    const std::string& path() const { return m_path; }

    void write_header(int format_version, const std::string& simt_version) {
        const Group g = group("/simt");
        write_attr(g, "/simt", "format_version", H5T_NATIVE_INT, &format_version);
        write_string(g, "/simt", "simt_version", simt_version);
    }

    void write_meta(const CheckpointMeta& m) {
        write_header(m.format_version, m.simt_version);
        const Group g = group("/simt");
        write_string(g, "/simt", "solver", m.solver);
        write_attr(g, "/simt", "step", H5T_NATIVE_INT64, &m.step);
        write_attr(g, "/simt", "time", H5T_NATIVE_DOUBLE, &m.time);
        write_string(g, "/simt", "backend", m.backend);
        write_string(g, "/simt", "precision", m.precision);
        write_string(g, "/simt", "scenario", m.scenario);
        write_attr(g, "/simt", "rng_seed", H5T_NATIVE_UINT64, &m.rng_seed);
        write_attr(g, "/simt", "rng_counter", H5T_NATIVE_UINT64, &m.rng_counter);
    }

    void write_array(const std::string& dir, const std::string& name, hid_t type, const void* data,
                     const std::vector<std::size_t>& dims, const Slab* slab = nullptr) {
        SIMT_REQUIRE(valid_link_name(name),
                     fmt::format("checkpoint: dataset name '{}' must be non-empty and hold no '/'", name));
        SIMT_REQUIRE(!dims.empty() && dims.size() <= H5S_MAX_RANK,
                     fmt::format("checkpoint: {}/{} needs 1 to {} dimensions", dir, name, H5S_MAX_RANK));
        const std::string where = dir + "/" + name;
        const Group g = group(dir);
        const std::vector<hsize_t> hdims(dims.begin(), dims.end());
        const Space space(m_ck(H5Screate_simple(static_cast<int>(hdims.size()), hdims.data(), nullptr),
                               fmt::format("H5Screate_simple({})", where)));
        // HDF5 rejects a null buffer even for an empty selection, and chunks of no elements.
        const bool empty = m_ck(H5Sget_simple_extent_npoints(space.get()), "H5Sget_simple_extent_npoints") == 0;
        const Plist dcpl = empty ? Plist(H5Pcreate(H5P_DATASET_CREATE)) : checksummed_layout(hdims, type, where);
        const Dataset ds(
            m_ck(H5Dcreate2(g.get(), name.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                 fmt::format("H5Dcreate2({})", where)));
        if (empty) return;
        // What this rank writes: its slab, the whole array (one rank, or rank 0 of several) or nothing.
        const Space file_part(m_ck(H5Scopy(space.get()), "H5Scopy"));
        std::optional<Space> memory;
        if (slab) {
            const std::vector<hsize_t> offset(slab->offset.begin(), slab->offset.end());
            const std::vector<hsize_t> count(slab->count.begin(), slab->count.end());
            SIMT_REQUIRE(offset.size() == hdims.size() && count.size() == hdims.size(),
                         fmt::format("checkpoint: {}: the slab's rank differs from the dataset's", where));
            m_ck(H5Sselect_hyperslab(file_part.get(), H5S_SELECT_SET, offset.data(), nullptr, count.data(), nullptr),
                 fmt::format("H5Sselect_hyperslab({})", where));
            memory.emplace(m_ck(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                                fmt::format("H5Screate_simple({})", where)));
        } else {
            memory.emplace(m_ck(H5Scopy(space.get()), "H5Scopy"));
            if (!writes_shared()) {
                m_ck(H5Sselect_none(file_part.get()), "H5Sselect_none");
                m_ck(H5Sselect_none(memory->get()), "H5Sselect_none");
            }
        }
        m_ck(H5Dwrite(ds.get(), type, memory->get(), file_part.get(), m_transfer.get(), data),
             fmt::format("H5Dwrite({})", where));
    }

    void write_state(const std::string& name, const Value& v) {
        const Group g = group("/state");
        struct Visit {
            H5Writer& w;
            const Group& g;
            const std::string& name;
            void operator()(bool b) const {
                const std::int8_t i = b;
                const Type t = bool_type(w.m_ck);
                w.write_attr(g, "/state", name, t.get(), &i);
            }
            void operator()(std::int64_t i) const { w.write_attr(g, "/state", name, H5T_NATIVE_INT64, &i); }
            void operator()(double d) const { w.write_attr(g, "/state", name, H5T_NATIVE_DOUBLE, &d); }
            void operator()(const std::string& s) const { w.write_string(g, "/state", name, s); }
        };
        std::visit(Visit{*this, g, name}, v);
    }

    void commit(const std::function<void(const std::string&)>& add = {}) {
        SIMT_REQUIRE(!m_committed, fmt::format("checkpoint: '{}' committed twice", m_path));
        m_ck(H5Fflush(m_file.get(), H5F_SCOPE_GLOBAL), "H5Fflush");
        m_ck(m_file.close(), "H5Fclose");
        m_committed = true;
        // Across ranks the file is whole once every rank has closed it; one rank renames it,
        // and none goes on (to read it back, say) before the rename.
        if (m_ranks) m_ranks->barrier();
        if (writes_shared()) {
            if (add) add(m_tmp);
            sync(m_tmp, O_RDONLY);
            if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0)
                throw IoError(
                    fmt::format("checkpoint: cannot rename '{}' to '{}': {}", m_tmp, m_path, std::strerror(errno)));
            // The rename itself is durable only once the directory entry is on disk.
            const fs::path dir = fs::path(m_path).parent_path();
            sync(dir.empty() ? "." : dir.string(), O_RDONLY | O_DIRECTORY);
        }
        if (m_ranks) m_ranks->barrier();
    }

   private:
    // Chunks of at most about 1 MiB (filters need a chunked layout) with the Fletcher32 checksum,
    // which HDF5 verifies on every read: a flipped byte in the data is an error, never a state.
    Plist checksummed_layout(const std::vector<hsize_t>& dims, hid_t type, const std::string& where) const {
        Plist dcpl(m_ck(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate"));
        constexpr std::size_t chunk_bytes = std::size_t(1) << 20;
        std::vector<hsize_t> chunk = dims;
        std::size_t bytes = H5Tget_size(type);
        for (hsize_t d : chunk) bytes *= d;
        for (std::size_t a = 0; a < chunk.size(); ++a)
            while (bytes > chunk_bytes && chunk[a] > 1) {
                bytes = bytes / chunk[a] * ((chunk[a] + 1) / 2);
                chunk[a] = (chunk[a] + 1) / 2;
            }
        m_ck(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
             fmt::format("H5Pset_chunk({})", where));
        m_ck(H5Pset_fletcher32(dcpl.get()), fmt::format("H5Pset_fletcher32({})", where));
        return dcpl;
    }

    Group group(const std::string& where) {
        SIMT_REQUIRE(m_file.valid(), fmt::format("checkpoint: '{}' written after commit", m_path));
        const htri_t exists = H5Lexists(m_file.get(), where.c_str(), H5P_DEFAULT);
        if (m_ck(exists, fmt::format("H5Lexists({})", where)) > 0)
            return Group(
                m_ck(H5Gopen2(m_file.get(), where.c_str(), H5P_DEFAULT), fmt::format("H5Gopen2({})", where)));
        return Group(m_ck(H5Gcreate2(m_file.get(), where.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                          fmt::format("H5Gcreate2({})", where)));
    }

    void write_attr(const Group& g, const std::string& where, const std::string& name, hid_t type,
                    const void* value) {
        SIMT_REQUIRE(!name.empty(), fmt::format("checkpoint: empty attribute name in {}", where));
        const std::string full = where + "/" + name;
        const Space space(m_ck(H5Screate(H5S_SCALAR), "H5Screate"));
        const Attr a(m_ck(H5Acreate2(g.get(), name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                          fmt::format("H5Acreate2({})", full)));
        m_ck(H5Awrite(a.get(), type, value), fmt::format("H5Awrite({})", full));
    }

    // Fixed-length, not variable-length: reading a variable-length string goes through HDF5's
    // global heap, whose reader hangs or overlaps its own copies on a damaged file (found by
    // fuzzing). Attributes over 64 KiB (a long scenario) go to dense storage (format >= 1.8).
    void write_string(const Group& g, const std::string& where, const std::string& name,
                      const std::string& s) {
        const Type t = string_type(m_ck, H5T_CSET_UTF8, std::max<std::size_t>(s.size(), 1));
        std::string padded = s;
        padded.resize(std::max<std::size_t>(s.size(), 1), '\0');
        write_attr(g, where, name, t.get(), padded.data());
    }

    void sync(const std::string& file, int flags) const {
        const int fd = ::open(file.c_str(), flags);
        const bool ok = fd >= 0 && ::fsync(fd) == 0;
        const int err = errno;
        if (fd >= 0) ::close(fd);
        if (!ok) throw IoError(fmt::format("checkpoint: cannot sync '{}': {}", file, std::strerror(err)));
    }

    // Whether this rank writes what every rank holds alike (and renames the file): rank 0.
    bool writes_shared() const { return !m_ranks || m_ranks->root(); }

    std::string m_path, m_tmp;
    Checker m_ck;
    const Comm* m_ranks;  // null: one rank, plain HDF5
    Plist m_transfer;
    File m_file;
    bool m_committed = false;
};

// ---- reading -------------------------------------------------------------------------------

// Opens a scalar attribute, refusing anything larger than the one value we read into.
Attr open_scalar_attr(const Checker& ck, hid_t loc, const std::string& full, const std::string& name) {
    Attr a(ck(H5Aopen(loc, name.c_str(), H5P_DEFAULT), fmt::format("H5Aopen({})", full)));
    const Space space(ck(H5Aget_space(a.get()), fmt::format("H5Aget_space({})", full)));
    if (ck(H5Sget_simple_extent_npoints(space.get()),
           fmt::format("H5Sget_simple_extent_npoints({})", full)) != 1)
        ck.fail(fmt::format("attribute {} is not a single value", full));
    return a;
}

H5T_class_t attr_class(const Checker& ck, const Attr& a, const std::string& full) {
    const Type t(ck(H5Aget_type(a.get()), fmt::format("H5Aget_type({})", full)));
    const H5T_class_t cls = H5Tget_class(t.get());
    ck(static_cast<int>(cls), fmt::format("H5Tget_class({})", full));
    return cls;
}

template <class T>
T read_number(const Checker& ck, const Attr& a, const std::string& full, H5T_class_t want, hid_t mem_type) {
    if (attr_class(ck, a, full) != want)
        ck.fail(fmt::format("attribute {} is not {}", full, want == H5T_FLOAT ? "a float" : "an integer"));
    T value{};
    ck(H5Aread(a.get(), mem_type, &value), fmt::format("H5Aread({})", full));
    return value;
}

std::string read_string(const Checker& ck, const Attr& a, const std::string& full) {
    const Type ft(ck(H5Aget_type(a.get()), fmt::format("H5Aget_type({})", full)));
    if (H5Tget_class(ft.get()) != H5T_STRING) ck.fail(fmt::format("attribute {} is not a string", full));
    // HDF5 refuses to convert between ASCII and UTF-8, so read in the stored character set.
    const H5T_cset_t cset = H5Tget_cset(ft.get());
    ck(static_cast<int>(cset), fmt::format("H5Tget_cset({})", full));
    const htri_t variable = ck(H5Tis_variable_str(ft.get()), fmt::format("H5Tis_variable_str({})", full));
    if (variable > 0) {  // earlier files: variable-length strings
        const Type mt = string_type(ck, cset);
        char* raw = nullptr;
        ck(H5Aread(a.get(), mt.get(), &raw), fmt::format("H5Aread({})", full));
        const std::string s = raw ? raw : "";
        H5free_memory(raw);
        return s;
    }
    const std::size_t size = H5Tget_size(ft.get());
    if (size == 0 || size > max_string_bytes)
        ck.fail(fmt::format("attribute {} is a string of {} bytes (at most {} read)", full, size, max_string_bytes));
    const Type mt = string_type(ck, cset, size);
    std::string s(size, '\0');
    ck(H5Aread(a.get(), mt.get(), s.data()), fmt::format("H5Aread({})", full));
    s.resize(std::strlen(s.c_str()));  // the padding
    return s;
}
}  // namespace

// ---- CheckpointWriter ----------------------------------------------------------------------

struct CheckpointWriter::Impl : H5Writer {
    using H5Writer::H5Writer;
};

CheckpointWriter::CheckpointWriter(std::string path) : m_impl(std::make_unique<Impl>(std::move(path))) {}
CheckpointWriter::CheckpointWriter(std::string path, const Comm& ranks)
    : m_impl(std::make_unique<Impl>(std::move(path), &ranks)) {}
CheckpointWriter::~CheckpointWriter() = default;

void CheckpointWriter::write_meta(const CheckpointMeta& meta) { m_impl->write_meta(meta); }
void CheckpointWriter::write_field(const std::string& name, const float* data,
                                   const std::vector<std::size_t>& dims) {
    m_impl->write_array("/fields", name, H5T_NATIVE_FLOAT, data, dims);
}
void CheckpointWriter::write_field(const std::string& name, const double* data,
                                   const std::vector<std::size_t>& dims) {
    m_impl->write_array("/fields", name, H5T_NATIVE_DOUBLE, data, dims);
}
void CheckpointWriter::write_field_block(const std::string& name, const float* data,
                                         const std::vector<std::size_t>& dims, const std::vector<std::size_t>& offset,
                                         const std::vector<std::size_t>& count) {
    const Slab slab{offset, count};
    m_impl->write_array("/fields", name, H5T_NATIVE_FLOAT, data, dims, &slab);
}
void CheckpointWriter::write_field_block(const std::string& name, const double* data,
                                         const std::vector<std::size_t>& dims, const std::vector<std::size_t>& offset,
                                         const std::vector<std::size_t>& count) {
    const Slab slab{offset, count};
    m_impl->write_array("/fields", name, H5T_NATIVE_DOUBLE, data, dims, &slab);
}
void CheckpointWriter::write_field(const std::string& name, const std::int32_t* data,
                                   const std::vector<std::size_t>& dims) {
    m_impl->write_array("/fields", name, H5T_NATIVE_INT32, data, dims);
}
void CheckpointWriter::write_field(const std::string& name, const std::int64_t* data,
                                   const std::vector<std::size_t>& dims) {
    m_impl->write_array("/fields", name, H5T_NATIVE_INT64, data, dims);
}
void CheckpointWriter::write_field(const std::string& name, const std::uint16_t* data,
                                   const std::vector<std::size_t>& dims) {
    m_impl->write_array("/fields", name, H5T_NATIVE_UINT16, data, dims);
}
void CheckpointWriter::write_field_block(const std::string& name, const std::uint16_t* data,
                                         const std::vector<std::size_t>& dims, const std::vector<std::size_t>& offset,
                                         const std::vector<std::size_t>& count) {
    const Slab slab{offset, count};
    m_impl->write_array("/fields", name, H5T_NATIVE_UINT16, data, dims, &slab);
}
void CheckpointWriter::write_series(const std::string& name, const std::vector<double>& values) {
    m_impl->write_array("/observables", name, H5T_NATIVE_DOUBLE, values.data(), {values.size()});
}
void CheckpointWriter::write_state(const std::string& name, const Value& v) { m_impl->write_state(name, v); }
void CheckpointWriter::commit(const std::function<void(const std::string&)>& add) { m_impl->commit(add); }
const std::string& CheckpointWriter::path() const { return m_impl->path(); }

void write_time_series(const std::string& path, const std::vector<std::string>& names,
                       const std::vector<std::vector<double>>& columns) {
    SIMT_REQUIRE(names.size() == columns.size(),
                 fmt::format("write_time_series: {} names for {} columns", names.size(), columns.size()));
    for (std::size_t i = 1; i < columns.size(); ++i)
        SIMT_REQUIRE(columns[i].size() == columns[0].size(),
                     fmt::format("write_time_series: column '{}' holds {} values, '{}' holds {}", names[i],
                                 columns[i].size(), names[0], columns[0].size()));
    H5Writer w(path);
    w.write_header(checkpoint_format_version, SIMT_VERSION);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == "step") {  // a count, so readers index with it as they would with an integer
            const std::vector<std::int64_t> steps(columns[i].begin(), columns[i].end());
            w.write_array("/observables", names[i], H5T_NATIVE_INT64, steps.data(), {steps.size()});
        } else {
            w.write_array("/observables", names[i], H5T_NATIVE_DOUBLE, columns[i].data(), {columns[i].size()});
        }
    }
    w.commit();
}

void write_hdf5_table(const std::string& path, const std::string& group, const std::vector<TableColumn>& columns) {
    H5Writer w(path);
    w.write_header(checkpoint_format_version, SIMT_VERSION);
    const std::string dir = "/" + group;
    for (const TableColumn& c : columns) {
        if (c.is_integer) {
            const std::vector<std::int64_t> integers = c.integers();
            w.write_array(dir, c.name, H5T_NATIVE_INT64, integers.data(), {integers.size()});
            continue;
        }
        if (!c.is_text) {
            w.write_array(dir, c.name, H5T_NATIVE_DOUBLE, c.numbers.data(), {c.numbers.size()});
            continue;
        }
        // Fixed-width text, zero-padded: HDF5 cannot checksum variable-length strings.
        std::size_t width = 1;
        for (const std::string& s : c.text) width = std::max(width, s.size());
        std::string packed(width * c.text.size(), '\0');
        for (std::size_t i = 0; i < c.text.size(); ++i) packed.replace(i * width, c.text[i].size(), c.text[i]);
        const Type t = string_type(Checker(path, false), H5T_CSET_UTF8, width);
        w.write_array(dir, c.name, t.get(), packed.data(), {c.text.size()});
    }
    w.commit();
}

// ---- CheckpointReader ----------------------------------------------------------------------

struct CheckpointReader::Impl {
    std::string path;
    Checker ck;
    File file;
    CheckpointMeta meta;

    explicit Impl(std::string p) : path(std::move(p)), ck(path, true) {
        quiet_hdf5();
        if (::access(path.c_str(), R_OK) != 0)
            ck.fail(errno == ENOENT ? "no such file" : fmt::format("cannot read ({})", std::strerror(errno)));
        if (H5Fis_hdf5(path.c_str()) <= 0) ck.fail("not an HDF5 file");
        const Plist fapl = file_access(ck);
        file = File(ck(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), "H5Fopen"));
        if (ck(H5Lexists(file.get(), "/simt", H5P_DEFAULT), "H5Lexists(/simt)") == 0)
            ck.fail("not a simt checkpoint (no /simt group)");
        const Group g(ck(H5Gopen2(file.get(), "/simt", H5P_DEFAULT), "H5Gopen2(/simt)"));
        if (ck(H5Aexists(g.get(), "format_version"), "H5Aexists(/simt/format_version)") == 0)
            ck.fail("not a simt checkpoint (no /simt/format_version)");
        meta.format_version = read_number<int>(ck, simt_attr(g, "format_version"), "/simt/format_version",
                                               H5T_INTEGER, H5T_NATIVE_INT);
        if (meta.format_version > checkpoint_format_version)
            ck.fail(fmt::format("format version {} is newer than this simt reads ({}); upgrade simt",
                                meta.format_version, checkpoint_format_version));
        if (meta.format_version < 1)
            ck.fail(fmt::format("format version {} is invalid", meta.format_version));
        meta.simt_version = read_string(ck, simt_attr(g, "simt_version"), "/simt/simt_version");
        meta.solver = read_string(ck, simt_attr(g, "solver"), "/simt/solver");
        meta.step =
            read_number<std::int64_t>(ck, simt_attr(g, "step"), "/simt/step", H5T_INTEGER, H5T_NATIVE_INT64);
        meta.time = read_number<double>(ck, simt_attr(g, "time"), "/simt/time", H5T_FLOAT, H5T_NATIVE_DOUBLE);
        meta.backend = read_string(ck, simt_attr(g, "backend"), "/simt/backend");
        meta.precision = read_string(ck, simt_attr(g, "precision"), "/simt/precision");
        meta.scenario = read_string(ck, simt_attr(g, "scenario"), "/simt/scenario");
        meta.rng_seed = read_number<std::uint64_t>(ck, simt_attr(g, "rng_seed"), "/simt/rng_seed",
                                                   H5T_INTEGER, H5T_NATIVE_UINT64);
        meta.rng_counter = read_number<std::uint64_t>(ck, simt_attr(g, "rng_counter"), "/simt/rng_counter",
                                                      H5T_INTEGER, H5T_NATIVE_UINT64);
        if (meta.step < 0) ck.fail(fmt::format("/simt/step = {}: the step count cannot be negative", meta.step));
        if (!std::isfinite(meta.time) || meta.time < 0)
            ck.fail(fmt::format("/simt/time = {}: the time must be finite and not negative", meta.time));
    }

    Attr simt_attr(const Group& g, const std::string& name) const {
        const std::string full = "/simt/" + name;
        if (ck(H5Aexists(g.get(), name.c_str()), fmt::format("H5Aexists({})", full)) == 0)
            ck.fail(fmt::format("missing attribute {}", full));
        return open_scalar_attr(ck, g.get(), full, name);
    }

    bool exists(const std::string& dir, const std::string& name) const {
        if (!valid_link_name(name)) return false;
        if (ck(H5Lexists(file.get(), dir.c_str(), H5P_DEFAULT), fmt::format("H5Lexists({})", dir)) == 0)
            return false;
        const std::string full = dir + "/" + name;
        return ck(H5Lexists(file.get(), full.c_str(), H5P_DEFAULT), fmt::format("H5Lexists({})", full)) > 0;
    }

    Dataset open_dataset(const std::string& dir, const std::string& name, const char* what) const {
        if (!exists(dir, name)) ck.fail(fmt::format("no {} '{}'", what, name));
        const std::string full = dir + "/" + name;
        return Dataset(
            ck(H5Dopen2(file.get(), full.c_str(), H5P_DEFAULT), fmt::format("H5Dopen2({})", full)));
    }

    std::vector<std::size_t> dims(const Dataset& ds, const std::string& full) const {
        const Space space(ck(H5Dget_space(ds.get()), fmt::format("H5Dget_space({})", full)));
        const int rank =
            ck(H5Sget_simple_extent_ndims(space.get()), fmt::format("H5Sget_simple_extent_ndims({})", full));
        if (rank > H5S_MAX_RANK) ck.fail(fmt::format("{} has rank {}", full, rank));
        std::vector<hsize_t> d(static_cast<std::size_t>(rank));
        ck(H5Sget_simple_extent_dims(space.get(), d.data(), nullptr),
           fmt::format("H5Sget_simple_extent_dims({})", full));
        return {d.begin(), d.end()};
    }

    std::optional<DType> dtype(const Dataset& ds, const std::string& full) const {
        const Type t(ck(H5Dget_type(ds.get()), fmt::format("H5Dget_type({})", full)));
        return dtype_of(ck, t.get(), full);
    }

    void read(const std::string& name, void* out, std::size_t count, DType want) const {
        const std::string full = "/fields/" + name;
        const Dataset ds = open_dataset("/fields", name, "field");
        const std::optional<DType> have = dtype(ds, full);
        std::size_t n = 1;
        for (std::size_t d : dims(ds, full)) n *= d;
        if (have != want || n != count)
            ck.fail(fmt::format("field '{}' holds {} {} values, expected {} {}", name, n,
                                have ? dtype_name(*have) : "unsupported", count, dtype_name(want)));
        if (n == 0) return;  // HDF5 rejects a null buffer even for an empty selection
        read_data(ds, full, native_type(want), out);
        if (want == DType::F32) check_finite(full, static_cast<const float*>(out), n);
        if (want == DType::F64) check_finite(full, static_cast<const double*>(out), n);
    }

    void read_columns(const std::string& name, void* out, std::size_t n, std::size_t first, std::size_t count,
                      DType want) const {
        const std::string full = "/fields/" + name;
        const Dataset ds = open_dataset("/fields", name, "field");
        const std::optional<DType> have = dtype(ds, full);
        const std::vector<std::size_t> shape = dims(ds, full);
        if (have != want || shape.empty() || shape.back() != n || first + count > n)
            ck.fail(fmt::format("field '{}' holds {} values {} long along its last axis, expected {} {}", name,
                                have ? dtype_name(*have) : "unsupported", shape.empty() ? 0 : shape.back(),
                                dtype_name(want), n));
        std::vector<hsize_t> start(shape.size(), 0), extent(shape.begin(), shape.end());
        start.back() = first, extent.back() = count;
        std::size_t values = 1;
        for (hsize_t e : extent) values *= std::size_t(e);
        if (values == 0) return;
        const Space stored(ck(H5Dget_space(ds.get()), fmt::format("H5Dget_space({})", full)));
        ck(H5Sselect_hyperslab(stored.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr),
           fmt::format("H5Sselect_hyperslab({})", full));
        const Space memory(ck(H5Screate_simple(int(extent.size()), extent.data(), nullptr),
                              fmt::format("H5Screate_simple({})", full)));
        read_data(ds, full, native_type(want), out, memory.get(), stored.get());
        if (want == DType::F32) check_finite(full, static_cast<const float*>(out), values);
        if (want == DType::F64) check_finite(full, static_cast<const double*>(out), values);
    }

    /// H5Dread, which verifies the Fletcher32 checksum of every chunk that carries one.
    void read_data(const Dataset& ds, const std::string& full, hid_t type, void* out, hid_t memory = H5S_ALL,
                   hid_t stored = H5S_ALL) const {
        if (H5Dread(ds.get(), type, memory, stored, H5P_DEFAULT, out) >= 0) return;
        const Plist dcpl(H5Dget_create_plist(ds.get()));
        unsigned flags = 0;
        const bool summed = dcpl.valid() && H5Pget_filter_by_id2(dcpl.get(), H5Z_FILTER_FLETCHER32, &flags, nullptr,
                                                                 nullptr, 0, nullptr, nullptr) >= 0;
        ck.fail(fmt::format("{}: {}", full,
                            summed ? "the data fail their Fletcher32 checksum (corrupted) or cannot be read"
                                   : "truncated or corrupted (H5Dread failed)"));
    }

    template <class Real>
    void check_finite(const std::string& full, const Real* v, std::size_t n) const {
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isfinite(v[i])) ck.fail(fmt::format("{}[{}] = {}: values must be finite", full, i, v[i]));
    }

    /// The scalar /state/<name> attribute.
    Attr state_attr(const std::string& name) const {
        const std::string full = "/state/" + name;
        const bool has_group = ck(H5Lexists(file.get(), "/state", H5P_DEFAULT), "H5Lexists(/state)") > 0;
        if (!has_group || !valid_link_name(name) ||
            ck(H5Aexists_by_name(file.get(), "/state", name.c_str(), H5P_DEFAULT),
               fmt::format("H5Aexists({})", full)) == 0)
            ck.fail(fmt::format("no state '{}'", name));
        const Group g(ck(H5Gopen2(file.get(), "/state", H5P_DEFAULT), "H5Gopen2(/state)"));
        return open_scalar_attr(ck, g.get(), full, name);
    }
};

CheckpointReader::CheckpointReader(std::string path) : m_impl(std::make_unique<Impl>(std::move(path))) {}
CheckpointReader::~CheckpointReader() = default;

const CheckpointMeta& CheckpointReader::meta() const { return m_impl->meta; }
bool CheckpointReader::has_field(const std::string& name) const { return m_impl->exists("/fields", name); }

std::vector<std::size_t> CheckpointReader::field_dims(const std::string& name) const {
    return m_impl->dims(m_impl->open_dataset("/fields", name, "field"), "/fields/" + name);
}

DType CheckpointReader::field_dtype(const std::string& name) const {
    const std::optional<DType> t =
        m_impl->dtype(m_impl->open_dataset("/fields", name, "field"), "/fields/" + name);
    if (!t) m_impl->ck.fail(fmt::format("field '{}' has an unsupported type", name));
    return *t;
}

void CheckpointReader::read_field(const std::string& name, float* out, std::size_t count) const {
    m_impl->read(name, out, count, DType::F32);
}
void CheckpointReader::read_field(const std::string& name, double* out, std::size_t count) const {
    m_impl->read(name, out, count, DType::F64);
}
void CheckpointReader::read_field(const std::string& name, std::int32_t* out, std::size_t count) const {
    m_impl->read(name, out, count, DType::I32);
}
void CheckpointReader::read_field(const std::string& name, std::int64_t* out, std::size_t count) const {
    m_impl->read(name, out, count, DType::I64);
}

void CheckpointReader::read_field(const std::string& name, std::uint16_t* out, std::size_t count) const {
    m_impl->read(name, out, count, DType::U16);
}

void CheckpointReader::read_field_columns(const std::string& name, float* out, std::size_t n, std::size_t first,
                                          std::size_t count) const {
    m_impl->read_columns(name, out, n, first, count, DType::F32);
}
void CheckpointReader::read_field_columns(const std::string& name, double* out, std::size_t n, std::size_t first,
                                          std::size_t count) const {
    m_impl->read_columns(name, out, n, first, count, DType::F64);
}
void CheckpointReader::read_field_columns(const std::string& name, std::int32_t* out, std::size_t n, std::size_t first,
                                          std::size_t count) const {
    m_impl->read_columns(name, out, n, first, count, DType::I32);
}

namespace {
/// The names of the links in `group` ("/fields", "/observables"), in name order; none if absent.
std::vector<std::string> link_names(const Checker& ck, hid_t file, const std::string& group) {
    const char* g_name = group.c_str();
    if (ck(H5Lexists(file, g_name, H5P_DEFAULT), "H5Lexists(" + group + ")") == 0) return {};
    const Group g(ck(H5Gopen2(file, g_name, H5P_DEFAULT), "H5Gopen2(" + group + ")"));
    H5G_info_t info;
    ck(H5Gget_info(g.get(), &info), "H5Gget_info(" + group + ")");
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const auto get = [&](char* buf, std::size_t size) {
            return ck(H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, buf, size, H5P_DEFAULT),
                      "H5Lget_name_by_idx(" + group + ")");
        };
        std::string name(static_cast<std::size_t>(get(nullptr, 0)) + 1, '\0');
        name.resize(static_cast<std::size_t>(get(name.data(), name.size())));
        names.push_back(std::move(name));
    }
    return names;
}
}  // namespace

std::vector<std::string> CheckpointReader::field_names() const {
    return link_names(m_impl->ck, m_impl->file.get(), "/fields");
}

std::vector<std::string> CheckpointReader::series_names() const {
    return link_names(m_impl->ck, m_impl->file.get(), "/observables");
}

std::vector<double> CheckpointReader::read_series(const std::string& name) const {
    const std::string full = "/observables/" + name;
    const Dataset ds = m_impl->open_dataset("/observables", name, "series");
    const std::vector<std::size_t> d = m_impl->dims(ds, full);
    if (d.size() != 1 || m_impl->dtype(ds, full) != DType::F64)
        m_impl->ck.fail(fmt::format("series '{}' is not a 1-D double array", name));
    std::vector<double> values(d[0]);
    if (!values.empty()) m_impl->read_data(ds, full, H5T_NATIVE_DOUBLE, values.data());
    return values;
}

Value CheckpointReader::read_state(const std::string& name) const {
    const Checker& ck = m_impl->ck;
    const std::string full = "/state/" + name;
    const Attr a = m_impl->state_attr(name);
    switch (attr_class(ck, a, full)) {
        case H5T_ENUM: {
            const Type t = bool_type(ck);
            std::int8_t b = 0;
            ck(H5Aread(a.get(), t.get(), &b), fmt::format("H5Aread({})", full));
            return b != 0;
        }
        case H5T_INTEGER: return read_number<std::int64_t>(ck, a, full, H5T_INTEGER, H5T_NATIVE_INT64);
        case H5T_FLOAT: return read_number<double>(ck, a, full, H5T_FLOAT, H5T_NATIVE_DOUBLE);
        case H5T_STRING: return read_string(ck, a, full);
        default: ck.fail(fmt::format("state '{}' has an unsupported type", name));
    }
}

double CheckpointReader::read_state_real(const std::string& name) const {
    const std::string full = "/state/" + name;
    const double v = read_number<double>(m_impl->ck, m_impl->state_attr(name), full,
                                         H5T_FLOAT, H5T_NATIVE_DOUBLE);
    if (!std::isfinite(v)) reject(fmt::format("{} = {}", full, v), "values must be finite");
    return v;
}

std::int64_t CheckpointReader::read_state_integer(const std::string& name) const {
    return read_number<std::int64_t>(m_impl->ck, m_impl->state_attr(name),
                                     "/state/" + name, H5T_INTEGER, H5T_NATIVE_INT64);
}

std::string CheckpointReader::read_state_text(const std::string& name) const {
    return read_string(m_impl->ck, m_impl->state_attr(name), "/state/" + name);
}

void CheckpointReader::reject(const std::string& where, const std::string& rule) const {
    m_impl->ck.fail(fmt::format("{}: {}", where, rule));
}

const std::string& CheckpointReader::path() const { return m_impl->path; }
}  // namespace simt::io
