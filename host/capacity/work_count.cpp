#include "capacity/work_count.hpp"

namespace pmrisk::capacity {

void add_tims_work(const engine::batch_slice& slice, const valuation_grid& grid,
                   margin_work& work) {
  const auto points = [&grid](std::int32_t underlying) {
    return static_cast<std::uint64_t>(grid.point_count[static_cast<std::size_t>(underlying)]);
  };
  for (std::size_t s = 0; s < slice.series.size(); ++s)
    work.repricings += points(slice.series.underlying[s]);
  for (std::size_t g = 0; g < slice.class_group_count; ++g) {
    const auto positions =
        static_cast<std::uint64_t>(slice.position_begin[g + 1] - slice.position_begin[g]);
    work.aggregations += positions * points(slice.class_group_underlying[g]);
  }
}

}  // namespace pmrisk::capacity
