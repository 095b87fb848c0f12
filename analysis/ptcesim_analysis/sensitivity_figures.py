"""Figures of a sweep's sensitivity analysis (`ptcesim sweep analyse DIR`).

    /usr/bin/python3 -m ptcesim_analysis.sensitivity_figures DIR/sensitivity.h5 --out DIR/figures

draws, for each analysed quantity (e.g. ptce-reindustrialisation:net_jobs), a Morris mu*-sigma
chart (design morris), Sobol' first-order and total index bars (design sobol) or standardised
regression coefficient bars (other designs), with the bootstrap intervals of the file, as PNG
and SVG; prints the path of every figure written.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

import h5py
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import style


class NotASensitivityFile(ValueError):
    """The file is not a `ptcesim sweep analyse` output."""


def _text(values) -> list[str]:
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def load_sensitivity(path: str) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """Root attributes, the quantities table and the long table of indices of a sensitivity
    file (columns as in DIR/sensitivity.csv)."""
    with h5py.File(path, "r") as f:
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
        if attrs.get("kind") != "sensitivity":
            raise NotASensitivityFile(f"{path}: not a sensitivity file (kind = "
                                      f"{attrs.get('kind')!r}); 'ptcesim sweep analyse DIR' "
                                      f"writes DIR/sensitivity.h5")
        q = f["quantities"]
        quantities = pd.DataFrame({
            name: (_text(q[name][()]) if q[name].dtype.kind in "OS" else q[name][()])
            for name in ("name", "outcome", "strategy", "reference", "unit", "method",
                         "non_finite_points", "variance", "r_squared")})
        x = f["indices"]
        indices = pd.DataFrame({
            "quantity": _text(x["quantity"][()]), "factor": _text(x["factor"][()]),
            "measure": _text(x["measure"][()]), "estimate": x["estimate"][()],
            "ci_low": x["ci_low"][()], "ci_high": x["ci_high"][()]})
    return attrs, quantities, indices


def _stem(kind: str, quantity: str) -> str:
    return f"{kind}_" + re.sub(r"[^A-Za-z0-9_.-]+", "_", quantity)


def _title(q) -> str:
    if q["reference"]:
        return (f"{q['outcome']}: {style.label(q['strategy'])} − "
                f"{style.label(q['reference'])} ({q['unit']})")
    return f"{q['outcome']}: {style.label(q['strategy'])} ({q['unit']})"


def _caption(fig, attrs: dict, extra: str) -> None:
    """The caption under the plot, wrapped to the figure's width, below the tick labels."""
    fig.tight_layout()
    width = int(fig.get_figwidth() * 14)
    style.caption(fig, textwrap.fill(f"Sweep design {attrs.get('design', '?')}, {attrs.get('replications', '?')} "
            f"replications averaged per point; intervals: {float(attrs.get('confidence', 0.95)):.0%} "
            f"percentile bootstrap, {attrs.get('bootstrap_resamples', '?')} resamples. {extra}", width))


def _measure(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    return rows[rows["measure"] == measure].set_index("factor")


def morris_chart(attrs: dict, q, rows: pd.DataFrame, out: str) -> list[str]:
    """mu* against sigma, one labelled point per factor, mu* intervals as horizontal bars."""
    mu_star, sigma = _measure(rows, "mu_star"), _measure(rows, "sigma")
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    for i, factor in enumerate(mu_star.index):
        x, y = mu_star.loc[factor, "estimate"], sigma.loc[factor, "estimate"]
        low, high = mu_star.loc[factor, "ci_low"], mu_star.loc[factor, "ci_high"]
        colour = style.PALETTE[i % len(style.PALETTE)]
        if np.isfinite(low):
            ax.errorbar(x, y, xerr=[[x - low], [high - x]], fmt="o", color=colour, capsize=3)
        else:
            ax.plot(x, y, "o", color=colour)
        ax.annotate(factor, (x, y), textcoords="offset points", xytext=(5, 4), fontsize=8)
    top = max(np.nanmax(mu_star["estimate"].to_numpy(float)), 1e-12)
    ax.plot([0, top], [0, top], color="#888888", lw=0.8, ls="--", label="σ = μ*")
    ax.set_xlabel(f"μ* (mean |elementary effect|, {q['unit']} per Δ)")
    ax.set_ylabel(f"σ (sd of elementary effects, {q['unit']} per Δ)")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")
    ax.set_title(_title(q))
    _caption(fig, attrs, "Morris (1991) screening, μ* after Campolongo et al. "
                                       "(2007); points above the dashed line act non-linearly "
                                       "or through interactions.")
    paths = style.save(fig, out, _stem("morris", q["name"]))
    plt.close(fig)
    return paths


def _bars(ax, frames: list[tuple[str, pd.DataFrame, str]], factors: list[str]) -> None:
    width = 0.8 / len(frames)
    positions = np.arange(len(factors))
    for j, (label, frame, colour) in enumerate(frames):
        est = frame.loc[factors, "estimate"].to_numpy(float)
        low = frame.loc[factors, "ci_low"].to_numpy(float)
        high = frame.loc[factors, "ci_high"].to_numpy(float)
        err = np.vstack([est - low, high - est])
        ax.bar(positions + (j - (len(frames) - 1) / 2) * width, est, width, label=label,
               color=colour, yerr=np.where(np.isfinite(err), err, 0), capsize=3)
    ax.set_xticks(positions)
    ax.set_xticklabels(factors, rotation=20, ha="right")
    ax.axhline(0, color="#333333", lw=0.8)


def sobol_chart(attrs: dict, q, rows: pd.DataFrame, out: str) -> list[str]:
    """First-order and total Sobol' indices per factor, with their intervals."""
    first, total = _measure(rows, "S1"), _measure(rows, "ST")
    factors = list(first.index)
    fig, ax = plt.subplots(figsize=(max(5.0, 1.2 * len(factors) + 2), 4.4))
    _bars(ax, [("first order S₁", first, style.PALETTE[0]),
               ("total S_T", total, style.PALETTE[1])], factors)
    ax.set_ylabel("share of the variance of the point means")
    ax.legend()
    ax.set_title(_title(q))
    _caption(fig, attrs, f"Sobol' indices: S₁ after Saltelli et al. (2010), S_T "
                                       f"after Jansen (1999); V(Y) = {q['variance']:.4g}.")
    paths = style.save(fig, out, _stem("sobol", q["name"]))
    plt.close(fig)
    return paths


def regression_chart(attrs: dict, q, rows: pd.DataFrame, out: str) -> list[str]:
    """Standardised regression coefficients per factor, with their intervals."""
    src = _measure(rows, "SRC")
    factors = list(src.index)
    fig, ax = plt.subplots(figsize=(max(5.0, 1.0 * len(factors) + 2), 4.4))
    _bars(ax, [("SRC", src, style.PALETTE[2])], factors)
    ax.set_ylabel("standardised regression coefficient")
    ax.set_title(_title(q))
    _caption(fig, attrs, f"Linear fit of the point means on the factors, "
                                       f"R² = {q['r_squared']:.3f}; SRC² is a factor's share of "
                                       f"the variance when R² is near 1.")
    paths = style.save(fig, out, _stem("src", q["name"]))
    plt.close(fig)
    return paths


def draw_all(path: str, out: str) -> list[str]:
    """Every figure of a sensitivity file; returns the paths written."""
    style.apply()
    attrs, quantities, indices = load_sensitivity(path)
    draw = {"morris": morris_chart, "sobol": sobol_chart, "regression": regression_chart}
    paths: list[str] = []
    for _, q in quantities.iterrows():
        rows = indices[indices["quantity"] == q["name"]]
        paths += draw[q["method"]](attrs, q, rows, out)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sensitivity", help="DIR/sensitivity.h5 from ptcesim sweep analyse")
    parser.add_argument("--out", default="figures", help="folder for the figures")
    args = parser.parse_args(argv)
    try:
        for p in draw_all(args.sensitivity, args.out):
            print(p)
    except (OSError, NotASensitivityFile) as e:
        print(f"sensitivity_figures: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
