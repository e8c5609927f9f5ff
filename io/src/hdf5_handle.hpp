// SPDX-License-Identifier: MIT
// Owning HDF5 handles for the io module's sources (not installed): every id is closed on every
// path, including errors.
#pragma once
#include <hdf5.h>
#include <utility>

namespace simt::io::detail {
/// Owns one HDF5 id and closes it with the function for its kind, so no error path leaks one.
template <herr_t (*Close)(hid_t)>
class Handle {
   public:
    Handle() = default;
    explicit Handle(hid_t id) : m_id(id) {}
    Handle(Handle&& other) noexcept : m_id(std::exchange(other.m_id, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept {
        close();
        m_id = std::exchange(other.m_id, H5I_INVALID_HID);
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { close(); }

    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    /// Closes now and reports HDF5's verdict (closing a file writes its metadata).
    herr_t close() { return valid() ? Close(std::exchange(m_id, H5I_INVALID_HID)) : 0; }

   private:
    hid_t m_id = H5I_INVALID_HID;
};
using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Space = Handle<H5Sclose>;
using Attr = Handle<H5Aclose>;
using Type = Handle<H5Tclose>;
using Plist = Handle<H5Pclose>;

/// Our messages replace HDF5's error-stack dump on stderr.
inline void quiet_hdf5() {
    static const bool quiet = H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr) >= 0;
    (void)quiet;
}

}  // namespace simt::io::detail
