#include "sim/io/run_file.hpp"

#include "sim/core/version.hpp"
#include "sim/io/detail/file_state.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <system_error>
#include <unistd.h>

namespace ptcesim::io {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// RunWriter

/// Open series datasets. They stay open between appends so that each tick lands in the chunk
/// cache and a chunk is compressed and written once, when it is full or at the end.
struct RunWriter::Series {
  std::shared_ptr<detail::FileState> state;
  std::vector<detail::DatasetHandle> indicators;
  std::vector<std::string> paths;
  detail::DatasetHandle ticks;
  std::string ticks_path;
  std::size_t territories = 0;
  std::size_t rows = 0;
  std::optional<std::int32_t> last_tick;

  Series() = default;
  Series(const Series&) = delete;
  Series& operator=(const Series&) = delete;
  ~Series() {
    // A file closed with H5F_CLOSE_STRONG already closed these identifiers.
    if (state->file.valid())
      return;
    for (auto& dataset : indicators)
      dataset.release();
    ticks.release();
  }
};

RunWriter::RunWriter(GroupWriter group) : group_(std::move(group)) {}
RunWriter::~RunWriter() = default;
RunWriter::RunWriter(RunWriter&&) noexcept = default;
RunWriter& RunWriter::operator=(RunWriter&&) noexcept = default;

void RunWriter::set_attribute(std::string_view name, const AttributeValue& value) const {
  group_.set_attribute(name, value);
}

void RunWriter::write_territories(const std::vector<std::string>& names,
                                  const std::vector<core::SnapshotColumn>& columns) const {
  const auto territories = group_.group("territories");
  for (const auto& column : columns) {
    const auto rows = std::visit([](const auto& v) { return v.size(); }, column.data);
    if (rows != names.size())
      detail::fail_plain(group_.state().at(detail::join_path(territories.path(), column.name)),
                         fmt::format("{} rows for {} territories", rows, names.size()));
  }
  territories.write_dataset("name", names);
  for (const auto& column : columns)
    territories.write_column(column);
  territories.set_attribute("count", names.size());
}

void RunWriter::begin_series(const std::vector<core::IndicatorSpec>& specs,
                             std::size_t territories) {
  const auto series_group = group_.group("series");
  const auto at = group_.state().at(series_group.path());
  if (series_)
    detail::fail_plain(at, "begin_series called twice");
  if (territories == 0)
    detail::fail_plain(at, "a series needs at least one territory");
  const auto& state = group_.state();

  auto series = std::make_unique<Series>();
  series->state = group_.shared_state();
  series->territories = territories;

  // 64 ticks x up to 256 territories: 128 KiB chunks, reading one territory's history touches
  // few chunks, and a tick's row of chunks stays in the cache until those chunks are full.
  const std::array<hsize_t, 2> dims{0, territories};
  const std::array<hsize_t, 2> max_dims{H5S_UNLIMITED, territories};
  const std::array<hsize_t, 2> chunk{64, std::min<hsize_t>(territories, 256)};
  const auto chunks_per_row = (territories + chunk[1] - 1) / chunk[1];
  const auto chunk_bytes = chunk[0] * chunk[1] * sizeof(double);
  detail::PropertyListHandle access{
      detail::check_id(H5Pcreate(H5P_DATASET_ACCESS), at, "create property list")};
  detail::check_status(H5Pset_chunk_cache(access.get(),
                                          std::max<std::size_t>(521, 101 * chunks_per_row),
                                          (chunks_per_row + 1) * chunk_bytes, 1.0),
                       at, "size chunk cache");
  detail::DatasetLayout layout{dims, max_dims, chunk, state.compress, access.get()};

  for (const auto& spec : specs) {
    if (spec.name.empty() || spec.name == "tick" || spec.name.find('/') != std::string::npos)
      detail::fail_plain(at, fmt::format("invalid indicator name '{}'", spec.name));
    auto path = detail::join_path(series_group.path(), spec.name);
    series->indicators.push_back(detail::create_dataset(state, path, H5T_IEEE_F64LE, layout));
    const auto object_at = state.at(path);
    detail::write_attribute(series->indicators.back().get(), object_at, "unit", spec.unit);
    detail::write_attribute(series->indicators.back().get(), object_at, "description",
                            spec.description);
    series->paths.push_back(std::move(path));
  }

  const std::array<hsize_t, 1> tick_dims{0};
  const std::array<hsize_t, 1> tick_max{H5S_UNLIMITED};
  const std::array<hsize_t, 1> tick_chunk{1024};
  series->ticks_path = detail::join_path(series_group.path(), "tick");
  series->ticks =
      detail::create_dataset(state, series->ticks_path, H5T_STD_I32LE,
                             {tick_dims, tick_max, tick_chunk, state.compress, H5P_DEFAULT});
  series_group.set_attribute("territories", territories);
  series_ = std::move(series);
}

namespace {

// Grows `dataset` to `rows` rows and writes `values` (one row, `cols` wide) into the last one.
template <class T>
void append_row(hid_t dataset, const detail::Location& at, hsize_t rows, hsize_t cols,
                hid_t memory_type, const T* values, int rank) {
  const std::array<hsize_t, 2> new_dims{rows, cols};
  detail::check_status(H5Dset_extent(dataset, new_dims.data()), at, "extend dataset");
  detail::DataspaceHandle file_space{detail::check_id(H5Dget_space(dataset), at, "get dataspace")};
  const std::array<hsize_t, 2> start{rows - 1, 0};
  const std::array<hsize_t, 2> count{1, cols};
  detail::check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                           count.data(), nullptr),
                       at, "select row");
  detail::DataspaceHandle memory_space{
      detail::check_id(H5Screate_simple(rank, count.data(), nullptr), at, "create dataspace")};
  detail::check_status(
      H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, values), at,
      "write row");
}

} // namespace

void RunWriter::append(const core::IndicatorFrame& frame) {
  const auto series_path = detail::join_path(group_.path(), "series");
  const auto at = group_.state().at(series_path);
  if (!series_ || !series_->ticks.valid())
    detail::fail_plain(at, "append called before begin_series or after end_series");
  static_cast<void>(group_.state().id(series_path)); // the file must still be open
  auto& series = *series_;
  if (frame.territories != series.territories)
    detail::fail_plain(at, fmt::format("tick {}: frame has {} territories, series has {}",
                                       frame.tick, frame.territories, series.territories));
  if (frame.values.size() != series.indicators.size() * series.territories)
    detail::fail_plain(at, fmt::format("tick {}: frame has {} values, expected {} indicators x {} "
                                       "territories",
                                       frame.tick, frame.values.size(), series.indicators.size(),
                                       series.territories));
  if (series.last_tick && frame.tick <= *series.last_tick)
    detail::fail_plain(at, fmt::format("tick {} appended after tick {}: ticks must increase",
                                       frame.tick, *series.last_tick));
  const hsize_t rows = series.rows + 1;
  const hsize_t cols = series.territories;
  for (std::size_t i = 0; i < series.indicators.size(); ++i)
    append_row(series.indicators[i].get(), group_.state().at(series.paths[i]), rows, cols,
               H5T_NATIVE_DOUBLE, frame.values.data() + i * series.territories, 2);
  append_row(series.ticks.get(), group_.state().at(series.ticks_path), rows, 1, H5T_NATIVE_INT32,
             &frame.tick, 1);
  series.rows = rows;
  series.last_tick = frame.tick;
}

std::size_t RunWriter::ticks_written() const noexcept {
  return series_ ? series_->rows : 0;
}

void RunWriter::end_series() noexcept {
  if (!series_ || !series_->state->file.valid())
    return;
  for (auto& dataset : series_->indicators)
    dataset.close();
  series_->ticks.close();
}

void RunWriter::write_snapshot(const core::TableSnapshot& snapshot) const {
  const auto tick_group = group_.group(fmt::format("snapshots/tick_{}", snapshot.tick));
  const auto table = tick_group.group(snapshot.table);
  std::optional<std::size_t> rows;
  for (const auto& column : snapshot.columns) {
    const auto n = std::visit([](const auto& v) { return v.size(); }, column.data);
    if (rows && n != *rows)
      detail::fail_plain(group_.state().at(detail::join_path(table.path(), column.name)),
                         fmt::format("{} rows, but the table's first column has {}", n, *rows));
    rows = n;
  }
  tick_group.set_attribute("tick", snapshot.tick);
  table.set_attribute("rows", rows.value_or(0));
  for (const auto& column : snapshot.columns)
    table.write_column(column);
}

// ---------------------------------------------------------------------------------------------
// RunFileWriter

void RunFileWriter::check_can_write(const fs::path& final_path, bool force) {
  const auto name = final_path.string();
  if (name.empty())
    throw OutputError("output path is empty");
  const auto directory =
      final_path.parent_path().empty() ? fs::path(".") : final_path.parent_path();
  std::error_code error;
  if (!fs::is_directory(directory, error))
    throw OutputError(
        fmt::format("{}: cannot write: directory '{}' does not exist", name, directory.string()));
  if (fs::is_directory(final_path, error))
    throw OutputError(fmt::format("{}: cannot write: it is a directory", name));
  // Outputs are renamed into place, which would replace a device such as /dev/full or a pipe.
  if (fs::exists(final_path, error) && !fs::is_regular_file(final_path, error))
    throw OutputError(fmt::format("{}: cannot write: not a regular file", name));
  if (!force && fs::exists(final_path, error))
    throw OutputExists(
        fmt::format("{}: output file already exists (use --force to replace it)", name));
}

fs::path RunFileWriter::partial_path_for(const fs::path& final_path) {
  auto partial = final_path;
  partial += ".partial";
  return partial;
}

namespace {

std::shared_ptr<detail::FileState> create_partial(const fs::path& final_path,
                                                  const fs::path& partial_path,
                                                  const WriteOptions& options) {
  RunFileWriter::check_can_write(final_path, options.force);
  detail::silence_hdf5_errors();
  auto state = std::make_shared<detail::FileState>();
  state->name = final_path.string();
  state->compress = options.compress;
  const auto at = state->at("/");
  if (options.compress && H5Zfilter_avail(H5Z_FILTER_DEFLATE) <= 0)
    detail::fail_plain(at, "this HDF5 library has no deflate filter; write without compression");

  detail::PropertyListHandle create{
      detail::check_id(H5Pcreate(H5P_FILE_CREATE), at, "create property list")};
  detail::check_status(
      H5Pset_link_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), at,
      "track creation order");
  detail::PropertyListHandle access{
      detail::check_id(H5Pcreate(H5P_FILE_ACCESS), at, "create property list")};
  // Strong close: closing the file closes every object still open in it, so finish() and the
  // destructor really release the file before renaming or deleting it.
  detail::check_status(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG), at,
                       "set close degree");
  const hid_t file = H5Fcreate(partial_path.c_str(), H5F_ACC_TRUNC, create.get(), access.get());
  if (file < 0) {
    // H5Fcreate may have made the file before failing to write it (disk full).
    std::error_code ignored;
    fs::remove(partial_path, ignored);
  }
  state->file = detail::FileHandle{
      detail::check_id(file, at, fmt::format("cannot create '{}'", partial_path.string()))};
  return state;
}

// Flushes a file's (or directory's) data to stable storage.
bool sync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0)
    return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

} // namespace

RunFileWriter::RunFileWriter(fs::path final_path, WriteOptions options,
                             std::string_view group_prefix)
    : final_path_(std::move(final_path)), partial_path_(partial_path_for(final_path_)),
      force_(options.force), state_(create_partial(final_path_, partial_path_, options)),
      run_(GroupWriter(state_, std::string(group_prefix))) {
  try {
    const auto root = group("/");
    root.set_attribute("ptcesim_version", core::version());
    root.set_attribute("git_commit", core::git_commit());
  } catch (...) {
    // The destructor does not run for a constructor that throws: remove the partial file here.
    state_->file.close();
    std::error_code ignored;
    fs::remove(partial_path_, ignored);
    throw;
  }
}

RunFileWriter::RunFileWriter(RunFileWriter&& other) noexcept = default;

RunFileWriter::~RunFileWriter() {
  if (!state_ || finished_)
    return;
  run_.end_series();
  state_->file.close();
  std::error_code ignored; // nothing sensible to do if the partial file cannot be removed
  fs::remove(partial_path_, ignored);
}

GroupWriter RunFileWriter::group(std::string_view path) const {
  return GroupWriter(state_, std::string(path));
}

void RunFileWriter::finish() {
  const auto name = final_path_.string();
  if (finished_)
    throw OutputError(fmt::format("{}: finish called twice", name));
  static_cast<void>(state_->id("/"));
  run_.end_series();
  const auto at = state_->at("/");
  detail::check_status(H5Fflush(state_->file.get(), H5F_SCOPE_GLOBAL), at, "flush");
  if (!state_->file.close())
    detail::fail(at, "close");
  if (!sync_path(partial_path_, O_RDONLY))
    throw OutputError(fmt::format("{}: cannot fsync '{}': {}", name, partial_path_.string(),
                                  std::strerror(errno)));
  // Re-checked here: another process may have created the file while we ran.
  if (!force_ && fs::exists(final_path_))
    throw OutputExists(
        fmt::format("{}: output file appeared during the run (use --force to replace it)", name));
  std::error_code error;
  fs::rename(partial_path_, final_path_, error);
  if (error)
    throw OutputError(fmt::format("{}: cannot rename '{}' to it: {}", name, partial_path_.string(),
                                  error.message()));
  finished_ = true;
  // Makes the rename itself durable; some file systems refuse fsync on directories, and the
  // data is already safe, so a failure here is not an error.
  const auto directory =
      final_path_.parent_path().empty() ? fs::path(".") : final_path_.parent_path();
  sync_path(directory, O_RDONLY | O_DIRECTORY);
}

} // namespace ptcesim::io
