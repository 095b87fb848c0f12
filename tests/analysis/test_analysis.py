"""Tests of analysis/ptcesim_analysis against small files written by the real ptcesim binary
(short horizon, as tests/cli/lib.sh SHORT): readers, every figure function, the report, and the
message for a file that is not a ptcesim result.

Environment (set by tests/analysis/CMakeLists.txt): PTCESIM_BIN, PTCESIM_SOURCE_DIR,
PTCESIM_SCRATCH, PYTHONPATH=<source>/analysis.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unittest

import h5py
import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np

from ptcesim_analysis import compare_figures, figures, reader, report, style

BIN = os.environ.get("PTCESIM_BIN", "ptcesim")
SOURCE = os.environ.get("PTCESIM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SCRATCH = os.environ.get("PTCESIM_SCRATCH", "/tmp/ptcesim-analysis-tests")
SHORT = ["--set", "run.burn_in_months=3", "--set", "run.horizon_months=9", "--set",
         "shocks.0.start_month=2", "--set", "run.snapshot_months=[6]"]


def _ptcesim(*args: str) -> None:
    subprocess.run([BIN, *args], cwd=SCRATCH, check=True, stdout=subprocess.DEVNULL)


def setUpModule() -> None:  # noqa: N802 (unittest's name)
    shutil.rmtree(SCRATCH, ignore_errors=True)
    os.makedirs(SCRATCH)
    _ptcesim("run", "--quiet", "-o", "run.h5", *SHORT)
    _ptcesim("label", "--from", "run.h5")
    _ptcesim("compare", "--quiet", "--no-figures", "-n", "2", "-o", "cmp", *SHORT)
    for name in ("tiny.toml", "small_base.toml"):
        shutil.copy(os.path.join(SOURCE, "tests", "data", "sweeps", name), SCRATCH)
    _ptcesim("sweep", "tiny.toml", "-o", "sweep", "--quiet")
    style.apply()


def path(name: str) -> str:
    return os.path.join(SCRATCH, name)


def pixels(fig) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    plt.close(fig)
    buffer.seek(0)
    return matplotlib.image.imread(buffer, format="png")[..., :3]


class FigureCheck(unittest.TestCase):
    def assert_drawn(self, fig) -> None:
        """Not blank, and data drawn: axes and text are black or grey, the data is coloured
        (palette or colour map), so a figure with only axes has almost no saturated pixel."""
        image = pixels(fig)
        self.assertGreater(float(image.std()), 0.05)
        saturation = image.max(axis=2) - image.min(axis=2)
        self.assertGreater(float((saturation > 0.1).mean()), 0.001)


class Readers(unittest.TestCase):
    def test_series_is_tidy_with_provenance(self):
        frame = reader.load_series(path("run.h5"), indicators=["employment_total"])
        self.assertEqual(list(frame.columns), ["tick", "territory", "value", "indicator", "unit"])
        with h5py.File(path("run.h5"), "r") as f:
            raw = f["series/employment_total"][()]
            first = f["territories/name"].asstr()[0]
        self.assertEqual(len(frame), raw.size)
        row = frame[(frame.tick == 0) & (frame.territory == first)]
        self.assertEqual(float(row["value"].iloc[0]), float(raw[0, 0]))
        self.assertEqual(frame.attrs["kind"], "run")
        self.assertIn("ptcesim_version", frame.attrs)
        self.assertEqual(frame.attrs["file"], path("run.h5"))
        self.assertIn("[run]", frame.attrs["scenario_toml"])

    def test_outcomes_match_the_file(self):
        out = reader.load_outcomes(path("cmp/results.h5"))
        with h5py.File(path("cmp/results.h5"), "r") as f:
            raw = f["outcomes/ptce/net_jobs"][()]
        sub = out[(out.strategy == "ptce") & (out.outcome == "net_jobs")]
        sub = sub.sort_values(["replication", "month"])
        np.testing.assert_array_equal(sub["value"].to_numpy(), raw.reshape(-1))
        self.assertEqual(out.attrs["kind"], "comparison")
        self.assertEqual(out.attrs["replications"], 2)

    def test_poles_snapshots_territories(self):
        poles = reader.load_poles(path("run.h5"))
        self.assertIn("territory_name", poles)
        self.assertTrue((poles["tick"].diff().dropna() >= 0).all())
        ticks = reader.snapshot_ticks(path("run.h5"))
        self.assertEqual(len(ticks), 1)
        firms = reader.load_snapshot(path("run.h5"), "firms", ticks[0])
        self.assertGreater(len(firms), 0)
        self.assertEqual(firms.attrs["tick"], ticks[0])
        territories = reader.load_territories(path("run.h5"))
        self.assertEqual(len(territories), len(reader.scenario(path("run.h5"))["territories"]))

    def test_labels(self):
        verdicts, summary = reader.load_labels(path("run.labels.h5"))
        criteria = verdicts.attrs["criteria"]
        self.assertEqual(len(criteria), 7)
        for c in criteria:
            self.assertTrue(set(verdicts[c]) <= {"pass", "fail", "not_assessable"})
            self.assertIn(f"first_met_tick_{c}", summary)
        self.assertEqual(len(verdicts), len(reader.load_poles(path("run.h5"))))

    def test_sweep(self):
        sweep = reader.load_sweep(path("sweep/results.h5"))
        factors = sweep.attrs["factors"]
        self.assertEqual(factors, ["strategy.budget_eur_per_year", "cooperation.trust_initial"])
        with h5py.File(path("sweep/results.h5"), "r") as f:
            names = list(f["outcomes/name"].asstr()[:])
            raw = f["outcomes/ptce/value"][()]
            runs = raw.shape[0]
        self.assertEqual(len(sweep), runs * len(names) * 2)
        j = names.index("net_jobs")
        sub = sweep[(sweep.strategy == "ptce") & (sweep.outcome == "net_jobs")]
        np.testing.assert_array_equal(sub["value"].to_numpy(), raw[:, j])
        self.assertEqual(set(sub["strategy.budget_eur_per_year"]), {0.2e6, 0.5e6, 1.0e6})


class NotAPtcesimResult(unittest.TestCase):
    def assert_refused(self, name: str, needle: str) -> None:
        with self.assertRaises(reader.NotAPtcesimFile) as caught:
            reader.load_series(name)
        self.assertIn(name, str(caught.exception))
        self.assertIn(needle, str(caught.exception))

    def test_messages_name_the_file(self):
        text = path("notes.txt")
        with open(text, "w") as f:
            f.write("not hdf5\n")
        self.assert_refused(text, "not a ptcesim result (not an HDF5 file)")
        foreign = path("foreign.h5")
        with h5py.File(foreign, "w") as f:
            f["x"] = [1, 2, 3]
        self.assert_refused(foreign, "no ptcesim_version")
        self.assert_refused(path("missing.h5"), "no such file")
        self.assert_refused(path("cmp"), "a directory")

    def test_wrong_kind_is_explained(self):
        with self.assertRaises(reader.NotAPtcesimFile) as caught:
            reader.load_outcomes(path("run.h5"))
        self.assertIn("is this a comparison file?", str(caught.exception))

    def test_report_exits_2(self):
        self.assertEqual(report.main([path("notes.txt"), "-o", path("x.html")]), 2)
        self.assertFalse(os.path.exists(path("x.html")))


class Figures(FigureCheck):
    @classmethod
    def setUpClass(cls):
        cls.outcomes = reader.load_outcomes(path("cmp/results.h5"))
        cls.summary = reader.load_summary(path("cmp/results.h5"))
        cls.sweep = reader.load_sweep(path("sweep/results.h5"))
        cls.poles = reader.load_poles(path("run.h5"))
        cls.verdicts, _ = reader.load_labels(path("run.labels.h5"))
        tick = reader.snapshot_ticks(path("run.h5"))[0]
        cls.firms = reader.load_snapshot(path("run.h5"), "firms", tick)
        cls.series = reader.load_series(path("run.h5"))

    def test_time_series(self):
        self.assert_drawn(figures.plot_time_series(self.outcomes, "net_jobs", "caption"))

    def test_forest(self):
        horizon = int(self.outcomes["month"].max())
        self.assert_drawn(figures.plot_forest(self.summary, "none", horizon, "caption"))

    def test_sweep_heatmap_and_response(self):
        f = self.sweep.attrs["factors"]
        self.assert_drawn(figures.plot_sweep_heatmap(self.sweep, "net_jobs", "ptce", f[0], f[1],
                                                     "caption"))
        self.assert_drawn(figures.plot_response_curves(self.sweep, "net_jobs", f[0], "caption"))

    def test_pole_life_cycles_and_survival(self):
        self.assert_drawn(figures.plot_pole_life_cycles(self.poles, "caption", self.verdicts))
        self.assert_drawn(figures.plot_pole_survival(self.poles, "caption"))

    def test_territory_graph(self):
        final = self.series[(self.series.indicator == "unemployment_rate")
                            & (self.series.tick == self.series.tick.max())]
        self.assert_drawn(figures.plot_territory_graph(
            reader.load_territories(path("run.h5")), reader.scenario(path("run.h5")),
            final.set_index("territory")["value"], "unemployment_rate", "share", "caption"))

    def test_distributions(self):
        self.assert_drawn(figures.plot_firm_sizes(self.firms, "caption"))
        self.assert_drawn(figures.plot_firm_survival(self.firms, "caption"))
        self.assert_drawn(figures.plot_indicator_by_territory(self.series, "employment_total",
                                                              "caption"))

    def test_survival_by_hand(self):
        # Lifetimes 2, 4 (ended) and 3 (censored): S(2) = 2/3, S(4) = 2/3 * (1 - 1/1) = 0.
        km = figures.survival(np.array([0, 0, 0]), np.array([2, 4, 3]),
                              np.array([True, True, False]))
        np.testing.assert_allclose(km["survival"], [1.0, 2 / 3, 0.0])

    def test_band_is_a_t_interval(self):
        b = figures.band(self.outcomes, "net_jobs")
        row = b.iloc[-1]
        values = self.outcomes[(self.outcomes.outcome == "net_jobs")
                               & (self.outcomes.strategy == row["strategy"])
                               & (self.outcomes.month == row["month"])]["value"]
        half = 12.706204736 * values.std() / np.sqrt(2)  # t(0.975, 1 df)
        self.assertAlmostEqual(row["high"] - row["mean"], half, places=6)

    def test_compare_figures_writes_png_and_svg(self):
        out = path("cmp/figures")
        self.assertEqual(compare_figures.main([path("cmp/results.h5"), "--out", out]), 0)
        written = sorted(os.listdir(out))
        self.assertIn("paired_differences_forest.svg", written)
        self.assertIn("employment_over_time.png", written)


class Reports(unittest.TestCase):
    def check(self, target: str, output: str, min_figures: int, needles: list[str]) -> str:
        self.assertEqual(report.main([target, "-o", output]), 0)
        with open(output, encoding="utf-8") as f:
            page = f.read()
        self.assertGreaterEqual(page.count('class="report-figure"'), min_figures)
        self.assertEqual(page.count("data:image/png;base64,"), page.count('class="report-figure"'))
        for needle in needles + ["Caveats", "Provenance", "@media print", "ptcesim_version"]:
            self.assertIn(needle, page)
        self.assertNotIn("src=\"http", page)  # self-contained
        leftovers = [n for n in os.listdir(os.path.dirname(output)) if n.endswith(".partial")]
        self.assertEqual(leftovers, [])
        return page

    def test_comparison(self):
        self.check(path("cmp"), path("cmp/report.html"), 5,
                   ["Comparison of strategies", "Paired differences", "[run]",
                    "2 replications per strategy", "mean_difference"])

    def test_run_label_sweep(self):
        self.check(path("run.h5"), path("run.html"), 6, ["Simulation run", "Cooperation poles"])
        self.check(path("run.labels.h5"), path("labels.html"), 1, ["labelling"])
        self.check(path("sweep"), path("sweep.html"), 3, ["Parameter sweep", "full_factorial"])


if __name__ == "__main__":
    unittest.main()
