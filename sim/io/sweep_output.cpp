#include "sim/io/sweep_output.hpp"

#include "sim/core/version.hpp"
#include "sim/io/detail/file_state.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/run_file_reader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace ptcesim::io {

namespace fs = std::filesystem;

namespace {

std::string joined(const std::vector<std::string>& names) {
  return fmt::format("{}", fmt::join(names, ","));
}

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const auto comma = text.find(',', start);
    out.push_back(
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

void fsync_path(const fs::path& path, int flags, const std::string& name) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0)
      ::close(fd);
    throw OutputError(
        fmt::format("{}: cannot fsync '{}': {}", name, path.string(), std::strerror(error)));
  }
  ::close(fd);
}

// A dataset whose storage is allocated at creation and never filled: later writes of raw data
// touch no metadata (see the header).
detail::DatasetHandle create_preallocated(hid_t file, const detail::Location& at, const char* name,
                                          hid_t type, std::span<const hsize_t> dims) {
  detail::DataspaceHandle space{
      detail::check_id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), at,
                       "create dataspace")};
  detail::PropertyListHandle create{
      detail::check_id(H5Pcreate(H5P_DATASET_CREATE), at, "create property list")};
  detail::check_status(H5Pset_layout(create.get(), H5D_CONTIGUOUS), at, "set layout");
  detail::check_status(H5Pset_alloc_time(create.get(), H5D_ALLOC_TIME_EARLY), at,
                       "set allocation time");
  detail::check_status(H5Pset_fill_time(create.get(), H5D_FILL_TIME_NEVER), at, "set fill time");
  detail::check_status(H5Pset_obj_track_times(create.get(), 0), at, "disable time tracking");
  return detail::DatasetHandle{detail::check_id(
      H5Dcreate2(file, name, type, space.get(), H5P_DEFAULT, create.get(), H5P_DEFAULT), at,
      fmt::format("create dataset '{}'", name))};
}

// Writes `count` elements at row `row` of a [rows, count] dataset, or one element of a 1-D one
// (a rank-1 selection reads only the first coordinate of start and extent).
void write_at_row(hid_t dataset, const detail::Location& at, hid_t memory_type, hsize_t row,
                  hsize_t count, const void* data) {
  detail::DataspaceHandle file_space{detail::check_id(H5Dget_space(dataset), at, "get dataspace")};
  const std::array<hsize_t, 2> start{row, 0};
  const std::array<hsize_t, 2> extent{1, count};
  detail::check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                           extent.data(), nullptr),
                       at, "select row");
  const std::array<hsize_t, 1> memory_extent{count};
  detail::DataspaceHandle memory_space{
      detail::check_id(H5Screate_simple(1, memory_extent.data(), nullptr), at, "create dataspace")};
  detail::check_status(
      H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data), at,
      "write row");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Worker files

struct SweepWorkerWriter::Impl {
  std::string name;
  detail::FileHandle file;
  detail::DatasetHandle run, values, state_hash;
};

SweepWorkerWriter::SweepWorkerWriter(const fs::path& path, const SweepWorkerLayout& layout)
    : layout_(layout), impl_(std::make_unique<Impl>()) {
  detail::silence_hdf5_errors();
  impl_->name = path.string();
  const detail::Location at{impl_->name, "/"};
  if (layout.capacity == 0 || layout.strategies.empty() || layout.outcomes.empty())
    detail::fail_plain(at, "a worker file needs at least one row, strategy and outcome");
  std::error_code error;
  if (fs::exists(path, error))
    throw OutputError(fmt::format("{}: worker file already exists", impl_->name));
  const auto partial = RunFileWriter::partial_path_for(path);
  const auto capacity = static_cast<hsize_t>(layout.capacity);
  const auto strategies = static_cast<hsize_t>(layout.strategies.size());
  const auto width = strategies * static_cast<hsize_t>(layout.outcomes.size());
  {
    detail::FileHandle file{
        detail::check_id(H5Fcreate(partial.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), at,
                         fmt::format("cannot create '{}'", partial.string()))};
    {
      detail::GroupHandle root{
          detail::check_id(H5Gopen2(file.get(), "/", H5P_DEFAULT), at, "open root group")};
      detail::write_attribute(root.get(), at, "ptcesim_version", core::version());
      detail::write_attribute(root.get(), at, "git_commit", core::git_commit());
      detail::write_attribute(root.get(), at, "kind", "sweep_worker");
      detail::write_attribute(root.get(), at, "sweep_hash", layout.sweep_hash);
      detail::write_attribute(root.get(), at, "strategies", joined(layout.strategies));
      detail::write_attribute(root.get(), at, "outcomes", joined(layout.outcomes));
      detail::write_attribute(root.get(), at, "capacity", layout.capacity);
      const std::array<hsize_t, 1> run_dims{capacity};
      const std::array<hsize_t, 2> value_dims{capacity, width};
      const std::array<hsize_t, 2> hash_dims{capacity, strategies};
      static_cast<void>(create_preallocated(file.get(), at, "run", H5T_STD_I64LE, run_dims));
      static_cast<void>(create_preallocated(file.get(), at, "value", H5T_IEEE_F64LE, value_dims));
      static_cast<void>(
          create_preallocated(file.get(), at, "state_hash", H5T_STD_I64LE, hash_dims));
    }
    if (!file.close())
      detail::fail(at, "close");
  }
  fsync_path(partial, O_RDONLY, impl_->name);
  fs::rename(partial, path, error);
  if (error)
    throw OutputError(fmt::format("{}: cannot rename '{}' to it: {}", impl_->name, partial.string(),
                                  error.message()));
  const auto directory = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  fsync_path(directory, O_RDONLY | O_DIRECTORY, impl_->name);

  impl_->file = detail::FileHandle{
      detail::check_id(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), at, "open for rows")};
  const auto open = [&](const char* name) {
    return detail::DatasetHandle{detail::check_id(H5Dopen2(impl_->file.get(), name, H5P_DEFAULT),
                                                  {impl_->name, name}, "open")};
  };
  impl_->run = open("run");
  impl_->values = open("value");
  impl_->state_hash = open("state_hash");
}

SweepWorkerWriter::~SweepWorkerWriter() {
  if (impl_)
    close();
}

void SweepWorkerWriter::write_row(std::size_t row, std::int64_t run, std::span<const double> values,
                                  std::span<const std::int64_t> state_hashes) {
  const detail::Location at{impl_->name, "/"};
  if (!impl_->file.valid())
    detail::fail_plain(at, "write_row after close");
  const auto width = layout_.strategies.size() * layout_.outcomes.size();
  if (row >= layout_.capacity)
    detail::fail_plain(at, fmt::format("row {} beyond the {} allocated", row, layout_.capacity));
  if (values.size() != width || state_hashes.size() != layout_.strategies.size())
    detail::fail_plain(at, fmt::format("row {}: {} values and {} state hashes, expected {} and {}",
                                       row, values.size(), state_hashes.size(), width,
                                       layout_.strategies.size()));
  const auto r = static_cast<hsize_t>(row);
  write_at_row(impl_->values.get(), {impl_->name, "/value"}, H5T_NATIVE_DOUBLE, r, width,
               values.data());
  write_at_row(impl_->state_hash.get(), {impl_->name, "/state_hash"}, H5T_NATIVE_INT64, r,
               state_hashes.size(), state_hashes.data());
  write_at_row(impl_->run.get(), {impl_->name, "/run"}, H5T_NATIVE_INT64, r, 1, &run);
  detail::check_status(H5Fflush(impl_->file.get(), H5F_SCOPE_LOCAL), at, "flush");
  void* handle = nullptr;
  detail::check_status(H5Fget_vfd_handle(impl_->file.get(), H5P_DEFAULT, &handle), at,
                       "get file descriptor");
  if (::fsync(*static_cast<int*>(handle)) != 0)
    throw OutputError(fmt::format("{}: fsync: {}", impl_->name, std::strerror(errno)));
}

void SweepWorkerWriter::close() {
  impl_->run.close();
  impl_->values.close();
  impl_->state_hash.close();
  impl_->file.close();
}

SweepWorkerContents read_sweep_worker(const fs::path& path) {
  const RunFileReader reader(path);
  const auto name = path.string();
  if (!reader.has_attribute("/", "kind") || reader.attribute_string("/", "kind") != "sweep_worker")
    throw OutputError(fmt::format("{}: not a sweep worker file", name));
  SweepWorkerContents contents;
  auto& layout = contents.layout;
  layout.sweep_hash = reader.attribute_string("/", "sweep_hash");
  layout.capacity = static_cast<std::size_t>(reader.attribute_int("/", "capacity"));
  layout.strategies = split_names(reader.attribute_string("/", "strategies"));
  layout.outcomes = split_names(reader.attribute_string("/", "outcomes"));
  contents.run = reader.read_int64("/run").values;
  contents.values = reader.read_double("/value").values;
  contents.state_hash = reader.read_int64("/state_hash").values;
  const auto s = layout.strategies.size();
  if (contents.run.size() != layout.capacity ||
      contents.values.size() != layout.capacity * s * layout.outcomes.size() ||
      contents.state_hash.size() != layout.capacity * s)
    throw OutputError(
        fmt::format("{}: datasets do not match the capacity {}", name, layout.capacity));
  return contents;
}

// ---------------------------------------------------------------------------------------------
// Merged results

double SweepResults::value_at(std::size_t run, std::size_t strategy, std::size_t outcome) const {
  return value.at((run * strategies.size() + strategy) * outcomes.size() + outcome);
}

double SweepResults::difference_at(std::size_t run, std::size_t strategy,
                                   std::size_t outcome) const {
  return difference.at((run * strategies.size() + strategy) * outcomes.size() + outcome);
}

std::size_t SweepResults::outcome_index(std::string_view name) const {
  const auto found = std::find(outcomes.begin(), outcomes.end(), name);
  if (found == outcomes.end())
    throw OutputError(
        fmt::format("the sweep did not keep outcome '{}' (kept: {})", name, joined(outcomes)));
  return static_cast<std::size_t>(found - outcomes.begin());
}

std::size_t SweepResults::strategy_index(std::string_view name) const {
  const auto found = std::find(strategies.begin(), strategies.end(), name);
  if (found == strategies.end())
    throw OutputError(
        fmt::format("the sweep did not run strategy '{}' (ran: {})", name, joined(strategies)));
  return static_cast<std::size_t>(found - strategies.begin());
}

namespace {

std::vector<double> flatten(const std::vector<std::vector<double>>& rows, std::size_t cols) {
  std::vector<double> out;
  out.reserve(rows.size() * cols);
  for (const auto& row : rows)
    out.insert(out.end(), row.begin(), row.end());
  return out;
}

std::vector<std::vector<double>> unflatten(const Array<double>& array) {
  std::vector<std::vector<double>> rows;
  if (array.shape.size() != 2)
    return rows;
  for (std::size_t r = 0; r < array.shape[0]; ++r)
    rows.emplace_back(array.values.begin() + static_cast<std::ptrdiff_t>(r * array.shape[1]),
                      array.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * array.shape[1]));
  return rows;
}

void check_sizes(const SweepResults& r, const std::string& name) {
  const auto k = r.factors.size();
  const auto points = r.values.size();
  const auto runs = r.run_count();
  const auto s = r.strategies.size();
  const auto o = r.outcomes.size();
  const bool ok =
      r.factor_integer.size() == k && r.unit.size() == points && r.groups.size() == points &&
      std::all_of(r.values.begin(), r.values.end(), [&](const auto& v) { return v.size() == k; }) &&
      std::all_of(r.unit.begin(), r.unit.end(), [&](const auto& v) { return v.size() == k; }) &&
      r.run_replication.size() == runs && r.run_seed.size() == runs &&
      r.outcome_units.size() == o && r.outcome_descriptions.size() == o &&
      r.value.size() == runs * s * o && r.difference.size() == runs * s * o &&
      r.state_hash.size() == runs * s;
  if (!ok)
    throw OutputError(fmt::format("{}: inconsistent sweep results (array sizes disagree)", name));
}

} // namespace

void write_sweep_results(const fs::path& path, const SweepResults& results) {
  check_sizes(results, path.string());
  RunFileWriter file(path, {.force = true, .compress = true});
  file.set_attribute("kind", "sweep");
  file.set_attribute("sweep_hash", results.sweep_hash);
  file.set_attribute("design", results.design);
  file.set_attribute("baseline", results.baseline);
  // The seed is written back as a signed integer: its bits, as compare does for run seeds.
  file.set_attribute("seed", static_cast<std::int64_t>(results.seed));
  file.set_attribute("replications", results.replications);
  file.set_attribute("sobol_base_samples", results.sobol_base_samples);
  file.set_attribute("morris_grid_levels", results.morris_grid_levels);

  const auto k = results.factors.size();
  const auto plan = file.group("/plan");
  plan.write_dataset("factor", results.factors);
  plan.write_dataset("integer", std::span<const std::int64_t>(results.factor_integer));
  plan.write_dataset_2d("unit", flatten(results.unit, k), results.unit.size(), k);
  plan.write_dataset_2d("value", flatten(results.values, k), results.values.size(), k);
  plan.write_dataset("group", results.groups);

  const auto runs = file.group("/runs");
  runs.write_dataset("point", std::span<const std::int64_t>(results.run_point));
  runs.write_dataset("replication", std::span<const std::int64_t>(results.run_replication));
  runs.write_dataset("seed", std::span<const std::int64_t>(results.run_seed));
  runs.write_dataset_2d("state_hash", std::span<const std::int64_t>(results.state_hash),
                        results.run_count(), results.strategies.size());

  const auto outcomes = file.group("/outcomes");
  outcomes.write_dataset("name", results.outcomes);
  outcomes.write_dataset("unit", results.outcome_units);
  outcomes.write_dataset("description", results.outcome_descriptions);
  outcomes.write_dataset("strategy", results.strategies);
  const auto o = results.outcomes.size();
  const auto s = results.strategies.size();
  for (std::size_t si = 0; si < s; ++si) {
    std::vector<double> value, difference;
    for (std::size_t run = 0; run < results.run_count(); ++run)
      for (std::size_t oi = 0; oi < o; ++oi) {
        value.push_back(results.value_at(run, si, oi));
        difference.push_back(results.difference_at(run, si, oi));
      }
    const auto group = outcomes.group(results.strategies[si]);
    group.write_dataset_2d("value", value, results.run_count(), o);
    group.write_dataset_2d("difference", difference, results.run_count(), o,
                           {{"baseline", results.baseline}});
  }
  file.finish();
}

SweepResults read_sweep_results(const fs::path& path) {
  const RunFileReader reader(path);
  const auto name = path.string();
  if (!reader.has_attribute("/", "kind") || reader.attribute_string("/", "kind") != "sweep")
    throw OutputError(fmt::format("{}: not a merged sweep file (root attribute kind is not "
                                  "\"sweep\")",
                                  name));
  SweepResults r;
  r.sweep_hash = reader.attribute_string("/", "sweep_hash");
  r.design = reader.attribute_string("/", "design");
  r.baseline = reader.attribute_string("/", "baseline");
  r.seed = static_cast<std::uint64_t>(reader.attribute_int("/", "seed"));
  r.replications = static_cast<std::size_t>(reader.attribute_int("/", "replications"));
  r.sobol_base_samples = static_cast<std::size_t>(reader.attribute_int("/", "sobol_base_samples"));
  r.morris_grid_levels = static_cast<std::size_t>(reader.attribute_int("/", "morris_grid_levels"));
  r.factors = reader.read_strings("/plan/factor");
  r.factor_integer = reader.read_int64("/plan/integer").values;
  r.unit = unflatten(reader.read_double("/plan/unit"));
  r.values = unflatten(reader.read_double("/plan/value"));
  r.groups = reader.read_strings("/plan/group");
  r.run_point = reader.read_int64("/runs/point").values;
  r.run_replication = reader.read_int64("/runs/replication").values;
  r.run_seed = reader.read_int64("/runs/seed").values;
  r.state_hash = reader.read_int64("/runs/state_hash").values;
  r.outcomes = reader.read_strings("/outcomes/name");
  r.outcome_units = reader.read_strings("/outcomes/unit");
  r.outcome_descriptions = reader.read_strings("/outcomes/description");
  r.strategies = reader.read_strings("/outcomes/strategy");
  const auto runs = r.run_count();
  const auto o = r.outcomes.size();
  const auto s = r.strategies.size();
  r.value.assign(runs * s * o, 0.0);
  r.difference.assign(runs * s * o, 0.0);
  for (std::size_t si = 0; si < s; ++si) {
    const auto group = "/outcomes/" + r.strategies[si];
    const auto value = reader.read_double(group + "/value");
    const auto difference = reader.read_double(group + "/difference");
    if (value.values.size() != runs * o || difference.values.size() != runs * o)
      throw OutputError(
          fmt::format("{}: {}: expected {} runs x {} outcomes", name, group, runs, o));
    for (std::size_t run = 0; run < runs; ++run)
      for (std::size_t oi = 0; oi < o; ++oi) {
        r.value[(run * s + si) * o + oi] = value.values[run * o + oi];
        r.difference[(run * s + si) * o + oi] = difference.values[run * o + oi];
      }
  }
  check_sizes(r, name);
  return r;
}

} // namespace ptcesim::io
