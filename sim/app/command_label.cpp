// ptcesim label: the seven PTCE criteria applied to poles described in data files.
#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/app/pole_table.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/run_file_reader.hpp"
#include "sim/label/criteria.hpp"
#include "sim/label/pole_file.hpp"
#include "sim/label/report.hpp"
#include "sim/label/simulated.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <optional>
#include <stdexcept>

namespace ptcesim::app {

namespace {

// The label file's default path: next to the run file, "results.h5" giving "results.labels.h5",
// so that the labels of several runs in one directory do not collide.
std::filesystem::path default_label_path(const std::filesystem::path& results) {
  auto out = results;
  out.replace_extension();
  out += ".labels.h5";
  return out;
}

// `ptcesim label --from results.h5`: every pole of a run, evaluated at each recorded tick.
int label_simulation(const std::string& results, const std::optional<std::string>& output,
                     bool force, label::ReportFormat format,
                     const label::LabelThresholds& thresholds) {
  if (!std::filesystem::is_regular_file(results))
    throw UsageError(fmt::format("ptcesim label: --from: {}: no such file", results));
  const std::filesystem::path label_path =
      output ? std::filesystem::path(*output) : default_label_path(results);
  if (std::filesystem::weakly_canonical(label_path) == std::filesystem::weakly_canonical(results))
    throw UsageError("ptcesim label: -o: the label file must differ from the run file");
  io::RunFileWriter::check_can_write(label_path, force);
  const io::RunFileReader file(results);
  const auto histories = label::evaluate_histories(read_pole_table(file), thresholds);
  const int last_tick = final_tick(file);
  write_label_file(label_path, force, histories, thresholds, results, last_tick);
  std::cout << label::render_histories(histories, format, thresholds, results, last_tick);
  return kSuccess;
}

} // namespace

int command_label(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "format", po::value<std::string>()->default_value("text"),
      "text, md, csv or json")("thresholds", po::value<std::vector<std::string>>()->composing(),
                               "override thresholds: name=value, repeatable or comma-separated "
                               "(e.g. min_members=10,min_local_share=0.6; see docs/labelling.md)")(
      "from", po::value<std::string>(),
      "label the poles of a run file (ptcesim run -o FILE) at every recorded tick")(
      "output,o", po::value<std::string>(),
      "with --from: the label file to write (default: RESULTS with .labels.h5)")(
      "force", "with --from: replace an existing label file");
  po::options_description hidden;
  hidden.add_options()("files", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  if (parse_options("label", args, visible, hidden, positional, vm,
                    "ptcesim label FILE... [--format text|md|csv|json] [--thresholds k=v]...\n"
                    "       ptcesim label --from RESULTS.h5 [-o LABELS.h5] [--force] [--format "
                    "...] [--thresholds k=v]...\n\n"
                    "Applies the seven PTCE labelling criteria to the poles described in each "
                    "file and reports,\nper criterion, the value, the threshold, the verdict "
                    "(pass, fail, not assessable) and why.\nWith --from, to every pole of a "
                    "simulation at each recorded tick: the final report, the tick\neach "
                    "criterion was first met and lost, and the verdicts through time in "
                    "LABELS.h5."))
    return kSuccess;
  const bool from_run = vm.count("from") > 0;
  if (from_run && vm.count("files"))
    throw UsageError("ptcesim label: give pole files or --from RESULTS.h5, not both");
  if (!from_run && (vm.count("output") || vm.count("force")))
    throw UsageError("ptcesim label: -o and --force go with --from");
  if (!from_run && !vm.count("files"))
    throw UsageError("ptcesim label: no pole file given");
  const auto format = label::parse_report_format(vm["format"].as<std::string>());
  if (!format)
    throw UsageError(fmt::format("ptcesim label: --format: must be one of text, md, csv, json; "
                                 "got '{}'",
                                 vm["format"].as<std::string>()));
  label::LabelThresholds thresholds;
  if (vm.count("thresholds")) {
    for (const auto& option : vm["thresholds"].as<std::vector<std::string>>()) {
      std::size_t start = 0;
      while (start <= option.size()) {
        const auto comma = std::min(option.find(',', start), option.size());
        try {
          label::apply_threshold_override(thresholds, option.substr(start, comma - start));
        } catch (const std::invalid_argument& e) {
          throw UsageError(fmt::format("ptcesim label: {}", e.what()));
        }
        start = comma + 1;
      }
    }
  }

  if (from_run)
    return label_simulation(vm["from"].as<std::string>(),
                            vm.count("output") ? std::optional(vm["output"].as<std::string>())
                                               : std::nullopt,
                            vm.count("force") > 0, *format, thresholds);

  // Every file is read before any report is written: a bad file means no report at all.
  std::vector<label::PoleReport> reports;
  std::vector<std::string> problems;
  for (const auto& file : vm["files"].as<std::vector<std::string>>()) {
    try {
      const auto poles = label::load_pole_file(file);
      for (std::size_t i = 0; i < poles.size(); ++i)
        reports.push_back({file, i, poles[i], label::evaluate_pole(poles[i], thresholds)});
    } catch (const label::PoleFileError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty())
    throw label::PoleFileError(problems);
  std::cout << label::render_reports(reports, *format, thresholds);
  return kSuccess;
}

} // namespace ptcesim::app
