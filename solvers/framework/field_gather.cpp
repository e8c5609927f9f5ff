// SPDX-License-Identifier: MIT
#include <simt/solvers/field_gather.hpp>

#include <cstdint>
#include <cstring>
#include <vector>
#include <simt/core/error.hpp>
#include <simt/core/memory.hpp>

namespace simt {
namespace {
/// Strides in elements of a contiguous field of `shape`, x fastest.
std::vector<Index> contiguous_strides(const std::vector<Index>& shape) {
    std::vector<Index> strides;
    Index s = 1;
    for (Index n : shape) strides.push_back(s), s *= n;
    return strides;
}
}  // namespace

GatheredField gather_field(const Comm& ranks, const FieldRef& mine, Backend where, int root) {
    const std::size_t axes = mine.shape.size(), element = mine.element_bytes();
    SIMT_REQUIRE(mine.whole_shape.size() == axes && mine.block_offset.size() == axes,
                 "gather_field: field '" + mine.name + "' does not say where its block lies");
    SIMT_REQUIRE(mine.strides == contiguous_strides(mine.shape),
                 "gather_field: the block of field '" + mine.name + "' is not contiguous");
    // Each rank's message: its first index and its extent per axis, then its values.
    std::vector<unsigned char> message(2 * axes * sizeof(Index) + std::size_t(mine.size()) * element);
    std::memcpy(message.data(), mine.block_offset.data(), axes * sizeof(Index));
    std::memcpy(message.data() + axes * sizeof(Index), mine.shape.data(), axes * sizeof(Index));
    detail::copy_bytes(message.data() + 2 * axes * sizeof(Index), Backend::Cpu, mine.data, mine.location,
                       std::size_t(mine.size()) * element);
    const std::vector<unsigned char> all = ranks.gather(message.data(), message.size(), root);

    GatheredField out;
    out.field.name = mine.name;
    out.field.dtype = mine.dtype;
    out.field.location = where;
    if (ranks.rank() != root) {
        out.field.shape.assign(axes, 0);
        out.field.strides = contiguous_strides(out.field.shape);
        return out;
    }
    const std::vector<Index>& shape = mine.whole_shape;
    const std::vector<Index> strides = contiguous_strides(shape);
    Index cells = 1;
    for (Index n : shape) cells *= n;
    std::vector<unsigned char> whole(std::size_t(cells) * element);
    for (std::size_t at = 0; at < all.size();) {
        Index lo[3] = {0, 0, 0}, n[3] = {1, 1, 1};
        std::memcpy(lo, all.data() + at, axes * sizeof(Index));
        std::memcpy(n, all.data() + at + axes * sizeof(Index), axes * sizeof(Index));
        const unsigned char* values = all.data() + at + 2 * axes * sizeof(Index);
        // Row by row along x: a block's rows are contiguous in the whole field too.
        for (Index k = 0; k < n[2]; ++k)
            for (Index j = 0; j < n[1]; ++j) {
                Index to = lo[0];
                if (axes > 1) to += (lo[1] + j) * strides[1];
                if (axes > 2) to += (lo[2] + k) * strides[2];
                std::memcpy(whole.data() + std::size_t(to) * element,
                            values + std::size_t(n[0] * (j + n[1] * k)) * element, std::size_t(n[0]) * element);
            }
        at += 2 * axes * sizeof(Index) + std::size_t(n[0] * n[1] * n[2]) * element;
    }
    out.bytes = Buffer<unsigned char>(where, whole.size());
    if (!whole.empty()) out.bytes.copy_from_host(whole.data());
    out.field.shape = shape;
    out.field.strides = strides;
    out.field.data = out.bytes.data();
    return out;
}
}  // namespace simt
