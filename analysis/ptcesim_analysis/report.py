"""A self-contained static HTML report of ptcesim results, to send or print.

    /usr/bin/python3 -m ptcesim_analysis.report DIR|FILE -o report.html

DIR is a `ptcesim compare` or `ptcesim sweep` directory (its results.h5 is read); FILE is a run
file, a comparison or sweep results.h5, or a label file. Figures are embedded as base64 PNG, so
the page needs no other file and no network. The report is written atomically (a temporary file
in the same directory, then renamed). Prints the path written; exit 2 when the input is not a
ptcesim result (the message names the file), 1 on other failures.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import os
import sys
import tempfile

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import figures, reader, style

_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 60rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; }
.table { overflow-x: auto; }
figure { margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.85rem; color: #444; }
table { border-collapse: collapse; font-size: 0.8rem; margin: 0.5rem 0; }
th, td { border: 1px solid #bbb; padding: 0.15rem 0.4rem; text-align: right; }
th { background: #eee; } td:first-child, th:first-child { text-align: left; }
pre { background: #f6f6f6; padding: 0.5rem; font-size: 0.72rem; white-space: pre-wrap;
      max-height: 30rem; overflow: auto; }
.caveat { border-left: 4px solid #E69F00; padding-left: 0.8rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  pre { max-height: none; overflow: visible; }
  h2 { page-break-after: avoid; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_METHOD_COMPARE = (
    "Each strategy is simulated on the same territories with the same random numbers in each "
    "replication (common random numbers), so differences between strategies are paired within "
    "a replication. Intervals are 95% Student t intervals across replications; standardised "
    "differences (d_z) divide the mean paired difference by the standard deviation of the "
    "differences. Outcomes are measured on the strategy territories from the month the strategy "
    "starts (after the burn-in).")
_METHOD_SWEEP = (
    "A sweep runs the comparison at each point of a design over the scenario's factors; each "
    "run's outcomes are taken at the horizon, and differences are paired against the baseline "
    "strategy in the same run. Heatmaps and response curves average over replications and over "
    "the factors not shown.")
_METHOD_RUN = (
    "One simulation: the series are monthly indicators per territory, the poles table has one "
    "row per pole and month, and snapshots are agent tables at chosen months. A single run shows "
    "one possible history; compare strategies with `ptcesim compare` before drawing conclusions.")
_CAVEATS = (
    "The model is a stylised territorial economy, not a forecast. Several parameters are stated "
    "assumptions rather than estimates, some mechanisms of the brief are simplified or absent, "
    "and the calibration reproduces only part of the stylised facts (see `ptcesim "
    "validate-model` and docs/validation.md). Read differences between strategies as "
    "consequences of the model's mechanisms under this scenario, not as measured effects of "
    "real policies. The limitations are listed in docs/model.md §9 (Limitations, calibration "
    "and discrepancies).")


class Report:
    """An HTML page built section by section; figures get stable ids fig-1, fig-2..."""

    def __init__(self, title: str):
        self.title = title
        self.parts: list[str] = []
        self.figure_count = 0

    def heading(self, text: str) -> None:
        self.parts.append(f"<h2>{html.escape(text)}</h2>")

    def paragraph(self, text: str, cls: str = "") -> None:
        attr = f' class="{cls}"' if cls else ""
        self.parts.append(f"<p{attr}>{html.escape(text)}</p>")

    def table(self, frame: pd.DataFrame) -> None:
        table = frame.to_html(index=False, na_rep="–", border=0,
                              float_format=lambda v: f"{v:.4g}")
        self.parts.append(f'<div class="table">{table}</div>')

    def preformatted(self, text: str) -> None:
        self.parts.append(f"<pre>{html.escape(text)}</pre>")

    def figure(self, fig: plt.Figure, caption: str) -> None:
        """Embeds the figure as a PNG (base64), with its caption below."""
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        plt.close(fig)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        self.figure_count += 1
        n = self.figure_count
        self.parts.append(
            f'<figure id="fig-{n}" class="report-figure"><img alt="Figure {n}" '
            f'src="data:image/png;base64,{data}"><figcaption>Figure {n}. '
            f"{html.escape(caption)}</figcaption></figure>")

    def html(self) -> str:
        body = "\n".join(self.parts)
        return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                f"<title>{html.escape(self.title)}</title><style>{_CSS}</style></head>"
                f"<body><h1>{html.escape(self.title)}</h1>\n{body}\n</body></html>\n")


def _provenance_section(report: Report, meta: dict, path: str) -> None:
    report.heading("Provenance")
    keep = [k for k in sorted(meta) if k != "scenario_toml"]
    rows = pd.DataFrame({"attribute": ["file"] + keep,
                         "value": [path] + [str(meta[k]) for k in keep]})
    report.table(rows)
    if meta.get("scenario_toml"):
        report.heading("Scenario (resolved, as run)")
        report.paragraph("Rerun it with `ptcesim run` (or the same `ptcesim compare` options) to "
                         "reproduce these results.")
        report.preformatted(str(meta["scenario_toml"]))


def _compare_sections(report: Report, path: str) -> None:
    outcomes = reader.load_outcomes(path)
    summary = reader.load_summary(path)
    meta = outcomes.attrs
    scenario = str(meta.get("scenario_name", "?"))
    replications = int(meta.get("replications", outcomes["replication"].nunique()))
    baseline = str(meta.get("baseline", "none"))
    horizon = int(outcomes["month"].max())
    strategies = list(dict.fromkeys(outcomes["strategy"]))
    cap = style.describe(scenario, replications,
                         "Common random numbers; bands: 95% t intervals across replications.")
    report.heading("Summary at the horizon")
    report.paragraph(f"Strategies {', '.join(style.label(s) for s in strategies)}; baseline "
                     f"'{style.label(baseline)}'; horizon {horizon} months after the strategy "
                     f"started; {replications} replications.")
    at_horizon = summary[summary["month"] == horizon]
    columns = [c for c in ["strategy", "outcome", "unit", "mean", "mean_difference", "ci_low",
                           "ci_high", "effect_size_dz", "conclusive"] if c in at_horizon]
    report.table(at_horizon[columns])
    report.heading("Outcomes over time")
    for outcome in ["net_jobs", "cooperation_rate", "poles", "unemployment_rate"]:
        if outcome in set(outcomes["outcome"]):
            report.figure(figures.plot_time_series(outcomes, outcome, cap),
                          f"{outcome.replace('_', ' ')} by strategy over time. {cap}")
    if not summary[(summary["strategy"] != baseline) & (summary["month"] == horizon)].empty:
        report.heading("Paired differences")
        report.figure(figures.plot_forest(summary, baseline, horizon, cap),
                      f"Paired differences against '{style.label(baseline)}' at month {horizon}, "
                      f"standardised. {cap}")
    report.heading("Method")
    report.paragraph(_METHOD_COMPARE)


def _sweep_sections(report: Report, path: str) -> None:
    sweep = reader.load_sweep(path)
    meta = sweep.attrs
    factors = list(meta.get("factors", []))
    replications = int(meta.get("replications", 1))
    baseline = str(meta.get("baseline", ""))
    cap = style.describe(f"sweep ({meta.get('design', '?')} design)", replications,
                         f"Differences paired against '{baseline}' in each run.")
    report.heading("Sweep")
    report.paragraph(f"Design {meta.get('design', '?')}, {sweep['point'].nunique()} points, "
                     f"{replications} replications per point, factors: {', '.join(factors)}.")
    means = (sweep.groupby(["strategy", "outcome", "unit"])[["value", "difference"]].mean()
             .reset_index())
    report.table(means)
    strategies = [s for s in dict.fromkeys(sweep["strategy"]) if s != baseline] or \
        list(dict.fromkeys(sweep["strategy"]))
    outcome = "net_jobs" if "net_jobs" in set(sweep["outcome"]) else sweep["outcome"].iloc[0]
    for factor in factors:
        report.figure(figures.plot_response_curves(sweep, outcome, factor, cap),
                      f"{outcome} against {factor}. {cap}")
    if len(factors) >= 2:
        report.figure(figures.plot_sweep_heatmap(sweep, outcome, strategies[0], factors[0],
                                                 factors[1], cap),
                      f"Mean paired difference of {outcome} ({style.label(strategies[0])} vs "
                      f"{baseline}) over {factors[0]} and {factors[1]}. {cap}")
    report.heading("Method")
    report.paragraph(_METHOD_SWEEP)


def _run_sections(report: Report, path: str) -> None:
    meta = reader.provenance(path)
    scenario_name = str(meta.get("scenario_name", "?"))
    cap = style.describe(scenario_name, 1)
    series = reader.load_series(path, indicators=None)
    territories = reader.load_territories(path)
    last = int(series["tick"].max())
    report.heading("Territories at the last month")
    final = series[series["tick"] == last].pivot(index="territory", columns="indicator",
                                                 values="value")
    keep = [c for c in ["employment_total", "unemployment_rate", "firms", "cooperation_rate",
                        "household_income_eur"] if c in final]
    report.table(final[keep].reset_index())
    report.heading("Indicators over time")
    for indicator in ["employment_total", "unemployment_rate"]:
        if indicator in set(series["indicator"]):
            report.figure(figures.plot_indicator_by_territory(series, indicator, cap),
                          f"{indicator.replace('_', ' ')} by territory. {cap}")
    indicator = "unemployment_rate" if "unemployment_rate" in final else keep[0]
    unit = figures.unit_of(series, "indicator", indicator)
    report.figure(figures.plot_territory_graph(territories, reader.scenario(path),
                                               final[indicator], indicator, unit, cap),
                  f"Territories and commuting links, coloured by {indicator} at month {last}. "
                  f"{cap}")
    poles = reader.load_poles(path)
    if len(poles):
        report.heading("Cooperation poles")
        report.figure(figures.plot_pole_life_cycles(poles, cap),
                      f"Poles: formation by origin and size of each pole. {cap}")
        report.figure(figures.plot_pole_survival(poles, cap), f"Pole survival. {cap}")
    ticks = reader.snapshot_ticks(path)
    if ticks:
        firms = reader.load_snapshot(path, "firms", ticks[-1])
        report.heading("Firms")
        report.figure(figures.plot_firm_sizes(firms, cap), f"Firm sizes. {cap}")
        report.figure(figures.plot_firm_survival(firms, cap), f"Firm ages. {cap}")
    report.heading("Method")
    report.paragraph(_METHOD_RUN)


def _label_sections(report: Report, path: str) -> None:
    verdicts, summary = reader.load_labels(path)
    meta = verdicts.attrs
    source = str(meta.get("source", ""))
    report.heading("Labelling criteria")
    report.table(summary[[c for c in ["pole_id", "territory", "first_tick", "last_tick",
                                      "final_decision"] if c in summary]])
    run = os.path.join(os.path.dirname(path), os.path.basename(source)) if source else ""
    if run and os.path.exists(run):
        poles = reader.load_poles(run)
        cap = style.describe(str(reader.provenance(run).get("scenario_name", "?")), 1)
        report.figure(figures.plot_pole_life_cycles(poles, cap, verdicts),
                      f"Poles: formation, size and labelling criteria over time. {cap}")


def build(target: str) -> tuple[Report, str]:
    """The report of a directory or file; returns it with the HDF5 file it read."""
    path = os.path.join(target, "results.h5") if os.path.isdir(target) else target
    meta = reader.provenance(path)
    kind = str(meta.get("kind", "run"))
    titles = {"comparison": "Comparison of strategies", "sweep": "Parameter sweep",
              "label": "PTCE labelling of simulated poles", "run": "Simulation run"}
    name = meta.get("scenario_name", os.path.basename(os.path.abspath(target)))
    report = Report(f"ptcesim report: {titles.get(kind, kind)} — {name}")
    sections = {"comparison": _compare_sections, "sweep": _sweep_sections,
                "label": _label_sections}
    sections.get(kind, _run_sections)(report, path)
    report.heading("Caveats")
    report.paragraph(_CAVEATS, "caveat")
    _provenance_section(report, meta, path)
    return report, path


def write_atomically(text: str, output: str) -> None:
    """Writes `output` through a temporary file in its directory and a rename, so that a
    reader never sees half a report."""
    directory = os.path.dirname(os.path.abspath(output))
    fd, temporary = tempfile.mkstemp(prefix=".report-", suffix=".partial", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="comparison or sweep directory, or a ptcesim HDF5 file")
    parser.add_argument("-o", "--output", required=True, help="the HTML file to write")
    args = parser.parse_args(argv)
    style.apply()
    np.seterr(all="ignore")
    try:
        report, _ = build(args.target)
    except reader.NotAPtcesimFile as error:
        print(f"ptcesim report: {error}", file=sys.stderr)
        return 2
    write_atomically(report.html(), args.output)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
