"""Figures of a PTCE-versus-reindustrialisation comparison (`ptcesim compare`).

    /usr/bin/python3 -m ptcesim_analysis.compare_figures DIR/results.h5 --out DIR/figures

prints the path of every figure written (PNG and SVG). Bands and error bars are 95% t
intervals across replications of each strategy; paired differences are in summary.md.
"""

from __future__ import annotations

import argparse
import sys

import matplotlib.pyplot as plt

from . import figures, style
from .reader import NotAPtcesimFile, load_outcomes, load_summary, provenance


class Context:
    """What every comparison figure needs: the outcomes, the summary and the provenance."""

    def __init__(self, path: str):
        self.path = path
        self.outcomes = load_outcomes(path)
        self.summary = load_summary(path)
        meta = provenance(path)
        self.scenario = meta.get("scenario_name", "?")
        self.replications = int(meta.get("replications", 0))
        self.strategies = [s for s in str(meta.get("strategies", "")).split(",") if s]
        self.baseline = meta.get("baseline", "none")
        self.units = dict(zip(self.outcomes["outcome"], self.outcomes["unit"]))
        self.horizon = int(self.outcomes["month"].max())
        self.shock_month = int(meta.get("shock_start_month", -1))

    def caption_text(self, extra: str = "") -> str:
        return style.describe(self.scenario, self.replications,
                              f"Common random numbers; bands and bars: 95% t intervals across "
                              f"replications. {extra}")

    def caption(self, fig, extra: str = "") -> None:
        style.caption(fig, self.caption_text(extra))


def _time_series(ctx: Context, ax, outcome: str, ylabel: str) -> None:
    figures.draw_time_series(ax, ctx.outcomes, outcome, ylabel, ctx.strategies)


def _bars(ctx: Context, ax, outcome: str, ylabel: str) -> None:
    figures.draw_strategy_bars(ax, ctx.outcomes, outcome, ylabel, ctx.horizon, ctx.strategies)


def employment(ctx: Context, out: str) -> list[str]:
    fig, ax = plt.subplots(figsize=(7, 4.2))
    _time_series(ctx, ax, "net_jobs", "net jobs created since the start (jobs)")
    ax.axhline(0, color="black", linewidth=0.8)
    if ctx.shock_month >= 0:
        ax.axvline(ctx.shock_month / 12.0, color="grey", linestyle="--", linewidth=0.8,
                   label="shock")
    ax.legend()
    ax.set_title("Employment in the strategy territories over time")
    ctx.caption(fig)
    return style.save(fig, out, "employment_over_time")


def jobs(ctx: Context, out: str) -> list[str]:
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.8))
    for ax, (outcome, title) in zip(axes, [
            ("gross_jobs_created", "gross jobs created"), ("gross_jobs_destroyed",
                                                           "gross jobs destroyed"),
            ("durable_jobs_36", "jobs held ≥ 36 months"), ("durable_jobs_60",
                                                           "jobs held ≥ 60 months")]):
        _bars(ctx, ax, outcome, f"{title} (jobs)")
        ax.set_title(title)
    fig.suptitle(f"Jobs created, destroyed and durable after {ctx.horizon // 12} years")
    ctx.caption(fig)
    return style.save(fig, out, "jobs_created_destroyed_durable")


def public_cost(ctx: Context, out: str) -> list[str]:
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.8))
    _bars(ctx, axes[0], "public_spending_eur", "strategy spending, cumulative (EUR)")
    axes[0].set_title("public spending on the strategy")
    _bars(ctx, axes[1], "public_cost_per_net_job_eur", "EUR per net job")
    axes[1].set_title("public cost per net job")
    ctx.caption(fig, "Cost per net job is undefined (not drawn) where net jobs ≤ 0.")
    return style.save(fig, out, "public_cost_per_net_job")


def resources(ctx: Context, out: str) -> list[str]:
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
    _bars(ctx, axes[0], "materials_energy_per_output", "materials and energy (EUR per EUR output)")
    axes[0].set_title("materials and energy intensity")
    _bars(ctx, axes[1], "land_artificialised_added_ha", "land artificialised since start (ha)")
    axes[1].set_title("land artificialised")
    _bars(ctx, axes[2], "emissions_t_co2e", "cumulative emissions (t CO2e)")
    axes[2].set_title("emissions")
    ctx.caption(fig)
    return style.save(fig, out, "resources_land_emissions")


def cooperation(ctx: Context, out: str) -> list[str]:
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    _time_series(ctx, axes[0], "cooperation_rate", "share of firms and SSE in poles")
    axes[0].set_title("cooperation rate")
    _time_series(ctx, axes[1], "poles", "number of poles")
    axes[1].set_title("poles")
    axes[0].legend()
    ctx.caption(fig)
    return style.save(fig, out, "cooperation_and_poles")


def resilience(ctx: Context, out: str) -> list[str]:
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    _bars(ctx, axes[0], "employment_loss_after_shock", "maximum employment loss (share)")
    axes[0].set_title("depth of the shock")
    _bars(ctx, axes[1], "months_to_recover", "months to recover pre-shock employment")
    axes[1].set_title("recovery time")
    extra = (f"Shock at month {ctx.shock_month}. Runs that never recover count the months to "
             f"the horizon (censored)." if ctx.shock_month >= 0 else "The scenario has no shock.")
    ctx.caption(fig, extra)
    return style.save(fig, out, "resilience_after_shock")


def forest(ctx: Context, out: str) -> list[str]:
    """Paired differences against the baseline at the horizon, standardised (d_z)."""
    if ctx.summary[ctx.summary["strategy"] != ctx.baseline].empty:
        return []
    fig = figures.plot_forest(ctx.summary, ctx.baseline, ctx.horizon, ctx.caption_text())
    return style.save(fig, out, "paired_differences_forest")


FIGURES = [employment, jobs, public_cost, resources, cooperation, resilience, forest]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="results.h5 written by ptcesim compare")
    parser.add_argument("--out", required=True, help="directory for the figures")
    args = parser.parse_args(argv)
    style.apply()
    try:
        ctx = Context(args.results)
    except NotAPtcesimFile as error:
        print(f"compare_figures: {error}", file=sys.stderr)
        return 2
    for figure in FIGURES:
        for path in figure(ctx, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
