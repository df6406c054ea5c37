// Slicing the book into a batch: a compact series subset and rebased class-group offsets.

#include "engine/batch_slice.hpp"

namespace pmrisk::engine {

series_view batch_slice::view_series() const {
  series_view view;
  view.count = series.size();
  view.kind = series.kind.data();
  view.style = series.style.data();
  view.strike = series.strike.data();
  view.years = series.years.data();
  view.vol = series.vol.data();
  view.div_yield = series.div_yield.data();
  view.underlying = series.underlying.data();
  return view;
}

class_group_view batch_slice::view_class_groups() const {
  class_group_view view;
  view.count = class_group_count;
  view.underlying = class_group_underlying;
  view.position_begin = position_begin.data();
  view.position_series = position_series.data();
  view.position_units = position_units;
  return view;
}

account_view batch_slice::view_accounts() const {
  account_view view;
  view.count = account_class_group_begin.size() - 1;
  view.class_group_begin = account_class_group_begin.data();
  return view;
}

batch_slicer::batch_slicer(const portfolio_book& book)
    : book_(book), batch_index_(book.series.size(), -1) {}

batch_slice batch_slicer::slice(const account_batch& batch) {
  const auto g_begin =
      static_cast<std::size_t>(book_.account_class_group_begin[batch.account_begin]);
  const auto g_end = static_cast<std::size_t>(book_.account_class_group_begin[batch.account_end]);
  const std::int64_t p_begin = book_.class_group_position_begin[g_begin];
  const std::int64_t p_end = book_.class_group_position_begin[g_end];

  batch_slice out;
  out.class_group_begin = g_begin;
  out.class_group_count = g_end - g_begin;
  out.class_group_underlying = book_.class_group_underlying.data() + g_begin;
  out.position_units = book_.position_units.data() + p_begin;
  out.position_begin.reserve(out.class_group_count + 1);
  for (std::size_t g = g_begin; g <= g_end; ++g)
    out.position_begin.push_back(book_.class_group_position_begin[g] - p_begin);
  out.account_class_group_begin.reserve(batch.account_end - batch.account_begin + 1);
  for (std::size_t a = batch.account_begin; a <= batch.account_end; ++a)
    out.account_class_group_begin.push_back(book_.account_class_group_begin[a] -
                                            static_cast<std::int64_t>(g_begin));

  const series_table& all = book_.series;
  series_table& subset = out.series;
  out.position_series.reserve(static_cast<std::size_t>(p_end - p_begin));
  for (std::int64_t p = p_begin; p < p_end; ++p) {
    const auto s = static_cast<std::size_t>(book_.position_series[static_cast<std::size_t>(p)]);
    if (batch_index_[s] < 0) {
      batch_index_[s] = static_cast<std::int32_t>(subset.size());
      subset.kind.push_back(all.kind[s]);
      subset.style.push_back(all.style[s]);
      subset.strike.push_back(all.strike[s]);
      subset.years.push_back(all.years[s]);
      subset.vol.push_back(all.vol[s]);
      subset.div_yield.push_back(all.div_yield[s]);
      subset.underlying.push_back(all.underlying[s]);
    }
    out.position_series.push_back(batch_index_[s]);
  }
  // Reset only the entries this batch set, so slicing costs the batch's size, not the book's.
  for (std::int64_t p = p_begin; p < p_end; ++p)
    batch_index_[static_cast<std::size_t>(book_.position_series[static_cast<std::size_t>(p)])] = -1;
  return out;
}

}  // namespace pmrisk::engine
