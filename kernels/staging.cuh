#pragma once
// Packs a batch's host arrays into one staging block and re-points the views at its device copy,
// so a batch moves in one host-to-device copy and one device-to-host copy.
// The array lists below are the single source of the packed layout: sizing, packing and
// re-pointing all walk the same list in the same order.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "pmrisk/backend.hpp"

namespace pmrisk::cuda {

/// Every input array, and each block region, starts on this boundary: a whole number of
/// 128-byte cache lines, and at least the alignment of any element type.
inline constexpr std::size_t staging_alignment = 256;

constexpr std::size_t align_up(std::size_t bytes, std::size_t alignment = staging_alignment) {
  return (bytes + alignment - 1) / alignment * alignment;
}

/// The input views of one batch; in device form every pointer addresses device memory.
struct batch_inputs {
  series_view series;
  grid_view grid;
  class_group_view groups;
  std::size_t positions = 0;  ///< groups.position_begin[groups.count]
};

/// Calls visit(pointer&, element count) for every input array, in layout order.
template <class Visit>
void for_each_input_array(batch_inputs& in, Visit&& visit) {
  series_view& s = in.series;
  visit(s.kind, s.count);
  visit(s.style, s.count);
  visit(s.strike, s.count);
  visit(s.years, s.count);
  visit(s.vol, s.count);
  visit(s.div_yield, s.count);
  visit(s.underlying, s.count);
  grid_view& g = in.grid;
  const std::size_t grid_points = g.underlyings * static_cast<std::size_t>(g.stride);
  visit(g.spot, g.underlyings);
  visit(g.point_count, g.underlyings);
  visit(g.spot_move, grid_points);
  visit(g.vol_shift, grid_points);
  visit(g.horizon_years, g.underlyings);
  // Optional (null: weights 1, every point scanned); a null array takes no room and stays null.
  visit(g.point_weight, g.point_weight ? grid_points : 0);
  visit(g.scan_point_count, g.scan_point_count ? g.underlyings : 0);
  class_group_view& c = in.groups;
  visit(c.underlying, c.count);
  visit(c.position_begin, c.count + 1);
  visit(c.position_series, in.positions);
  visit(c.position_units, in.positions);
}

/// The inputs of a Monte Carlo batch (value_accounts): a valuation batch and its accounts.
struct account_batch_inputs {
  batch_inputs batch;
  account_view accounts;
};

/// As above, then the accounts' class-group offsets.
template <class Visit>
void for_each_input_array(account_batch_inputs& in, Visit&& visit) {
  for_each_input_array(in.batch, visit);
  visit(in.accounts.class_group_begin, in.accounts.count + 1);
}

/// Calls visit(pointer&, element count) for every output array, in layout order.
template <class Visit>
void for_each_output_array(class_group_outputs& out, std::size_t groups, int stride,
                           Visit&& visit) {
  visit(out.risk_array, groups * static_cast<std::size_t>(stride));
  visit(out.worst_pnl, groups);
  visit(out.worst_point, groups);
}

template <class Pointer>
using pointee_t = std::remove_const_t<std::remove_pointer_t<std::remove_reference_t<Pointer>>>;

/// Places `count` elements of `array`'s type after `end` on the staging boundary; returns their
/// offset and moves `end` past them.
template <class Pointer>
std::size_t claim(std::size_t& end, const Pointer& /*array*/, std::size_t count) {
  const std::size_t offset = align_up(end);
  end = offset + count * sizeof(pointee_t<Pointer>);
  return offset;
}

/// As claim, but only on the element's own alignment. The outputs are placed this way: each
/// output array's size is a multiple of the next one's alignment, so they sit without gaps and
/// the single device-to-host copy reads no byte the kernels did not write.
template <class Pointer>
std::size_t claim_packed(std::size_t& end, const Pointer& /*array*/, std::size_t count) {
  using element = pointee_t<Pointer>;
  const std::size_t offset = align_up(end, alignof(element));
  end = offset + count * sizeof(element);
  return offset;
}

/// Where a batch sits in the backend's memory. The device block holds the packed inputs, then
/// the packed outputs, then the series P&L table; the pinned staging block mirrors the first two,
/// so each direction moves in one copy.
struct batch_layout {
  std::size_t input_bytes = 0;    ///< inputs at [0, input_bytes)
  std::size_t output_offset = 0;  ///< outputs at [output_offset, output_offset + output_bytes)
  std::size_t output_bytes = 0;
  std::size_t pnl_offset = 0;  ///< device only: series x stride doubles
  std::size_t device_bytes = 0;

  std::size_t staging_bytes() const { return output_offset + output_bytes; }
};

/// The packed inputs of `host`, then output_bytes of outputs, then the P&L table of
/// series_count series x stride doubles.
template <class Inputs>
batch_layout plan_layout(Inputs host, std::size_t output_bytes, std::size_t series_count,
                         int stride) {
  batch_layout layout;
  std::size_t end = 0;
  for_each_input_array(host, [&](auto& array, std::size_t count) { claim(end, array, count); });
  layout.input_bytes = end;
  layout.output_offset = align_up(end);
  layout.output_bytes = output_bytes;
  layout.pnl_offset = align_up(layout.output_offset + layout.output_bytes);
  layout.device_bytes =
      layout.pnl_offset + series_count * static_cast<std::size_t>(stride) * sizeof(double);
  return layout;
}

/// A valuation batch: its class groups' packed outputs (for_each_output_array).
inline batch_layout plan_layout(const batch_inputs& host) {
  std::size_t end = 0;
  class_group_outputs out;
  for_each_output_array(out, host.groups.count, host.grid.stride,
                        [&](auto& array, std::size_t count) { claim_packed(end, array, count); });
  return plan_layout(host, end, host.series.count, host.grid.stride);
}

/// A Monte Carlo batch: one output, the accounts' P&L (accounts x stride doubles).
inline batch_layout plan_layout(const account_batch_inputs& host) {
  const std::size_t output_bytes =
      host.accounts.count * static_cast<std::size_t>(host.batch.grid.stride) * sizeof(double);
  return plan_layout(host, output_bytes, host.batch.series.count, host.batch.grid.stride);
}

/// Copies every input array into `staging` and returns the views re-pointed at `device`, the
/// block the staging area will be copied to. Null views stay null.
template <class Inputs>
Inputs pack_inputs(Inputs host, std::byte* staging, const std::byte* device) {
  std::size_t end = 0;
  for_each_input_array(host, [&](auto& array, std::size_t count) {
    using element = pointee_t<decltype(array)>;
    const std::size_t offset = claim(end, array, count);
    if (count > 0) std::memcpy(staging + offset, array, count * sizeof(element));
    if (array != nullptr) array = reinterpret_cast<const element*>(device + offset);
  });
  return host;
}

/// The output arrays of a batch, placed in the packed block at `base`.
inline class_group_outputs place_outputs(std::byte* base, std::size_t groups, int stride) {
  class_group_outputs out;
  std::size_t end = 0;
  for_each_output_array(out, groups, stride, [&](auto& array, std::size_t count) {
    array = reinterpret_cast<pointee_t<decltype(array)>*>(base + claim_packed(end, array, count));
  });
  return out;
}

/// Copies the packed outputs at `staging` into the caller's arrays.
inline void unpack_outputs(const std::byte* staging, class_group_outputs host, std::size_t groups,
                           int stride) {
  std::size_t end = 0;
  for_each_output_array(host, groups, stride, [&](auto& array, std::size_t count) {
    const std::size_t offset = claim_packed(end, array, count);
    if (count > 0) std::memcpy(array, staging + offset, count * sizeof(pointee_t<decltype(array)>));
  });
}

}  // namespace pmrisk::cuda
