// ptcesim label: the seven PTCE criteria applied to poles described in data files.
#include "sim/app/cli_support.hpp"
#include "sim/app/commands.hpp"
#include "sim/app/exit_codes.hpp"
#include "sim/label/criteria.hpp"
#include "sim/label/pole_file.hpp"
#include "sim/label/report.hpp"

#include <fmt/format.h>
#include <iostream>
#include <stdexcept>

namespace ptcesim::app {

int command_label(const std::vector<std::string>& args) {
  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help")(
      "format", po::value<std::string>()->default_value("text"),
      "text, md, csv or json")("thresholds", po::value<std::vector<std::string>>()->composing(),
                               "override thresholds: name=value, repeatable or comma-separated "
                               "(e.g. min_members=10,min_local_share=0.6; see docs/labelling.md)");
  po::options_description hidden;
  hidden.add_options()("files", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  if (parse_options("label", args, visible, hidden, positional, vm,
                    "ptcesim label FILE... [--format text|md|csv|json] [--thresholds k=v]...\n\n"
                    "Applies the seven PTCE labelling criteria to the poles described in each "
                    "file and reports,\nper criterion, the value, the threshold, the verdict "
                    "(pass, fail, not assessable) and why."))
    return kSuccess;
  if (!vm.count("files"))
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
