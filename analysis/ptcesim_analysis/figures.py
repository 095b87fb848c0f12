"""The figure library: every ptcesim figure is drawn here, from the tidy frames of reader.py, in
the one style of style.py. Functions named `plot_*` return a matplotlib Figure (save it with
style.save); `draw_*` helpers draw into an existing Axes and are shared by the figure scripts
(compare_figures.py, report.py).

Bands and error bars are 95% t intervals across replications (Student t, n - 1 degrees of
freedom); a single run has no band.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from . import style


def band(outcomes: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """Mean and 95% t interval across replications, per strategy and month."""
    sub = outcomes[outcomes["outcome"] == outcome]
    out = sub.groupby(["strategy", "month"])["value"].agg(["mean", "std", "count"]).reset_index()
    t = scipy_stats.t.ppf(0.975, np.maximum(out["count"] - 1, 1))
    half = t * out["std"].fillna(0.0) / np.sqrt(out["count"])
    out["low"] = out["mean"] - half
    out["high"] = out["mean"] + half
    return out


def _strategies(outcomes: pd.DataFrame, strategies: list[str] | None) -> list[str]:
    return strategies or list(dict.fromkeys(outcomes["strategy"]))


def draw_time_series(ax, outcomes: pd.DataFrame, outcome: str, ylabel: str,
                     strategies: list[str] | None = None) -> None:
    """One line per strategy (mean across replications) with its 95% band, x in years."""
    b = band(outcomes, outcome)
    for i, strategy in enumerate(_strategies(outcomes, strategies)):
        s = b[b["strategy"] == strategy]
        years = s["month"] / 12.0
        ax.plot(years, s["mean"], color=style.colour(strategy, i), label=style.label(strategy))
        ax.fill_between(years, s["low"], s["high"], color=style.colour(strategy, i), alpha=0.2,
                        linewidth=0)
    ax.set_xlabel("years since the strategy started")
    ax.set_ylabel(ylabel)


def draw_strategy_bars(ax, outcomes: pd.DataFrame, outcome: str, ylabel: str, month: int,
                       strategies: list[str] | None = None) -> None:
    """One bar per strategy at `month`: mean across replications with its 95% interval."""
    b = band(outcomes, outcome)
    b = b[b["month"] == month]
    names = _strategies(outcomes, strategies)
    xs = np.arange(len(names))
    for i, strategy in enumerate(names):
        row = b[b["strategy"] == strategy]
        if row.empty:
            continue
        mean = float(row["mean"].iloc[0])
        err = np.array([[mean - float(row["low"].iloc[0])], [float(row["high"].iloc[0]) - mean]])
        ax.bar(xs[i], mean, color=style.colour(strategy, i), yerr=np.nan_to_num(err), capsize=4)
    ax.set_xticks(xs, [style.label(s) for s in names], rotation=15)
    ax.set_ylabel(ylabel)


def unit_of(frame: pd.DataFrame, column: str, name: str) -> str:
    """The unit of the outcome or indicator `name` (rows where `column` == name)."""
    units = frame.loc[frame[column] == name, "unit"]
    return str(units.iloc[0]) if len(units) else ""


def plot_time_series(outcomes: pd.DataFrame, outcome: str, caption: str) -> plt.Figure:
    """An outcome over time, one line and 95% band per strategy."""
    fig, ax = plt.subplots(figsize=(7, 4.2))
    draw_time_series(ax, outcomes, outcome, f"{outcome} ({unit_of(outcomes, 'outcome', outcome)})")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.legend()
    ax.set_title(outcome.replace("_", " "))
    style.caption(fig, caption)
    return fig


def plot_forest(summary: pd.DataFrame, baseline: str, month: int, caption: str) -> plt.Figure:
    """Paired differences against the baseline at `month`, standardised by the standard
    deviation of the differences (d_z units) so that outcomes in different units share an axis."""
    s = summary[(summary["month"] == month) & (summary["strategy"] != baseline)]
    s = s[np.isfinite(s["sd_difference"]) & (s["sd_difference"] > 0)]
    fig, ax = plt.subplots(figsize=(7, 0.3 * max(len(s), 1) + 1.6))
    labels = []
    for y, (_, row) in enumerate(s.sort_values(["strategy", "outcome"]).iterrows()):
        i = sorted(s["strategy"].unique()).index(row["strategy"])
        c = style.colour(row["strategy"], i)
        sd = row["sd_difference"]
        ax.plot([row["ci_low"] / sd, row["ci_high"] / sd], [y, y], color=c)
        ax.plot(row["mean_difference"] / sd, y, "o", color=c)
        labels.append(f"{row['outcome']} ({style.label(row['strategy'])})")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel(f"paired difference vs '{style.label(baseline)}' (standardised, d_z units)")
    ax.set_title(f"Paired differences at month {month}, 95% intervals")
    style.caption(fig, caption)
    return fig


def _sweep_means(sweep: pd.DataFrame, outcome: str, strategy: str, factors: list[str],
                 column: str) -> pd.DataFrame:
    sub = sweep[(sweep["outcome"] == outcome) & (sweep["strategy"] == strategy)]
    return sub.groupby(factors)[column].mean().reset_index()


def plot_sweep_heatmap(sweep: pd.DataFrame, outcome: str, strategy: str, x_factor: str,
                       y_factor: str, caption: str, column: str = "difference") -> plt.Figure:
    """Mean `column` (paired difference by default) over two factors, averaged over the
    replications and the other factors."""
    means = _sweep_means(sweep, outcome, strategy, [y_factor, x_factor], column)
    grid = means.pivot(index=y_factor, columns=x_factor, values=column)
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    image = ax.imshow(grid.to_numpy(), origin="lower", aspect="auto", cmap="cividis")
    ax.set_xticks(range(grid.shape[1]), [f"{v:.3g}" for v in grid.columns], rotation=30)
    ax.set_yticks(range(grid.shape[0]), [f"{v:.3g}" for v in grid.index])
    ax.set_xlabel(x_factor)
    ax.set_ylabel(y_factor)
    ax.grid(False)
    what = "difference vs baseline" if column == "difference" else "value"
    fig.colorbar(image, ax=ax, label=f"{outcome} {what} ({unit_of(sweep, 'outcome', outcome)})")
    ax.set_title(f"{outcome}: {style.label(strategy)}")
    style.caption(fig, caption)
    return fig


def plot_response_curves(sweep: pd.DataFrame, outcome: str, factor: str, caption: str,
                         column: str = "value") -> plt.Figure:
    """Outcome against one factor, one curve per strategy: mean and 95% interval across the
    runs at each factor value."""
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    sub = sweep[sweep["outcome"] == outcome]
    for i, strategy in enumerate(dict.fromkeys(sub["strategy"])):
        g = sub[sub["strategy"] == strategy].groupby(factor)[column].agg(["mean", "std", "count"])
        t = scipy_stats.t.ppf(0.975, np.maximum(g["count"] - 1, 1))
        half = t * g["std"].fillna(0.0) / np.sqrt(g["count"])
        c = style.colour(strategy, i)
        ax.plot(g.index, g["mean"], "o-", color=c, label=style.label(strategy))
        ax.fill_between(g.index, g["mean"] - half, g["mean"] + half, color=c, alpha=0.2,
                        linewidth=0)
    ax.set_xlabel(factor)
    ax.set_ylabel(f"{outcome} ({unit_of(sweep, 'outcome', outcome)})")
    ax.legend()
    ax.set_title(f"Response of {outcome} to {factor}")
    style.caption(fig, caption)
    return fig


def plot_pole_life_cycles(poles: pd.DataFrame, caption: str,
                          verdicts: pd.DataFrame | None = None) -> plt.Figure:
    """Poles over time: how many exist by origin (formation), their members and jobs (size),
    and, given a label file's verdicts, the share of poles meeting each labelling criterion."""
    panels = 3 if verdicts is not None else 2
    fig, axes = plt.subplots(1, panels, figsize=(4.2 * panels, 3.8))
    origins = sorted(poles["origin"].unique()) if len(poles) else []
    ticks = np.arange(int(poles["tick"].max()) + 1) if len(poles) else np.arange(1)
    counts = [poles[poles["origin"] == o].groupby("tick").size().reindex(ticks, fill_value=0)
              for o in origins]
    if counts:
        axes[0].stackplot(ticks / 12.0, counts, labels=[o.replace("_", " ") for o in origins],
                          colors=style.PALETTE[:len(origins)], alpha=0.85)
        axes[0].legend(loc="upper left")
    axes[0].set_xlabel("years since the start")
    axes[0].set_ylabel("poles (number)")
    axes[0].set_title("formation, by origin")
    members = poles[["members_sse", "members_sme", "members_large_firm"]].sum(axis=1)
    for i, pole_id in enumerate(sorted(poles["pole_id"].unique())):
        mask = poles["pole_id"] == pole_id
        axes[1].plot(poles.loc[mask, "tick"] / 12.0, members[mask],
                     color=style.PALETTE[i % len(style.PALETTE)], linewidth=1)
    axes[1].set_xlabel("years since the start")
    axes[1].set_ylabel("member producers per pole (number)")
    axes[1].set_title("size of each pole")
    if verdicts is not None:
        criteria = verdicts.attrs.get("criteria", [])
        for i, criterion in enumerate(criteria):
            share = (verdicts[criterion] == "pass").groupby(verdicts["tick"]).mean()
            axes[2].plot(share.index / 12.0, share.to_numpy(), color=style.PALETTE[i % 8],
                         label=criterion.replace("_", " "))
        labelled = (verdicts["decision"] == "labelled").groupby(verdicts["tick"]).mean()
        axes[2].plot(labelled.index / 12.0, labelled.to_numpy(), color="black", linewidth=2,
                     label="labelled (all criteria)")
        axes[2].set_ylim(-0.05, 1.05)
        axes[2].set_xlabel("years since the start")
        axes[2].set_ylabel("share of existing poles meeting it")
        axes[2].set_title("labelling criteria")
        axes[2].legend(fontsize=6, loc="lower right")
    style.caption(fig, caption)
    return fig


def plot_territory_graph(territories: pd.DataFrame, scenario: dict, values: pd.Series,
                         indicator: str, unit: str, caption: str) -> plt.Figure:
    """Territories as nodes on a circle, coloured by `values` (indexed by territory name), with
    the scenario's commuting links as edges labelled in minutes."""
    names = list(territories["name"])
    n = len(names)
    angle = np.linspace(0, 2 * math.pi, n, endpoint=False) + math.pi / 2
    pos = {name: (math.cos(a), math.sin(a)) for name, a in zip(names, angle)}
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    for spec in scenario.get("territories", []):
        a = spec.get("name")
        for b, minutes in zip(spec.get("neighbours", []), spec.get("commuting_minutes", [])):
            if a in pos and b in pos and a < b:
                (x0, y0), (x1, y1) = pos[a], pos[b]
                ax.plot([x0, x1], [y0, y1], color="#999999", linewidth=3 * 20 / max(minutes, 1),
                        zorder=1)
                ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"{minutes:g} min", fontsize=7,
                        ha="center", va="center", color="#444444",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    v = values.reindex(names).to_numpy(dtype=float)
    sizes = 400 + 1600 * territories["population"].to_numpy(float) / territories[
        "population"].max() if "population" in territories else 800
    points = ax.scatter([pos[t][0] for t in names], [pos[t][1] for t in names], c=v, s=sizes,
                        cmap="cividis", edgecolors="black", zorder=2)
    radii = np.sqrt(np.broadcast_to(sizes, (n,))) / 2  # marker size is an area in points^2
    for t, r in zip(names, radii):
        ax.annotate(t, pos[t], xytext=(0, -r - 9), textcoords="offset points", ha="center",
                    va="top", fontsize=8)
    fig.colorbar(points, ax=ax, label=f"{indicator} ({unit})")
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.5, 1.4)
    ax.set_axis_off()
    ax.set_title(f"Territories and commuting links, coloured by {indicator}")
    style.caption(fig, caption + " Node area: population; edge width: shorter commutes wider.")
    return fig


def plot_firm_sizes(firms: pd.DataFrame, caption: str) -> plt.Figure:
    """Firm size distribution at a snapshot: complementary cumulative distribution of
    employees on log-log axes (a straight tail is a power law)."""
    sizes = np.sort(firms["employees"].to_numpy(float))
    sizes = sizes[sizes > 0]
    fig, ax = plt.subplots(figsize=(6, 4.2))
    ccdf = 1.0 - np.arange(len(sizes)) / max(len(sizes), 1)
    ax.loglog(sizes, ccdf, ".", color=style.PALETTE[0], markersize=3)
    ax.set_xlabel("employees per firm (jobs)")
    ax.set_ylabel("share of firms with at least this size")
    ax.set_title(f"Firm sizes at month {firms.attrs.get('tick', '?')} ({len(sizes)} firms)")
    style.caption(fig, caption)
    return fig


def survival(birth: np.ndarray, end: np.ndarray, ended: np.ndarray) -> pd.DataFrame:
    """Kaplan-Meier survival from lifetimes: birth and end ticks, `ended` False if censored."""
    life = (end - birth).astype(float)
    times = np.unique(life[ended])
    at_risk = np.array([(life >= t).sum() for t in times])
    deaths = np.array([((life == t) & ended).sum() for t in times])
    s = np.cumprod(1.0 - deaths / np.maximum(at_risk, 1))
    return pd.DataFrame({"months": np.concatenate([[0.0], times]),
                         "survival": np.concatenate([[1.0], s])})


def plot_pole_survival(poles: pd.DataFrame, caption: str) -> plt.Figure:
    """Kaplan-Meier survival of poles by origin; poles alive at the last tick are censored."""
    last = int(poles["tick"].max())
    life = poles.groupby("pole_id").agg(origin=("origin", "first"), birth=("birth_tick", "first"),
                                        end=("tick", "max")).reset_index()
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for i, (origin, g) in enumerate(life.groupby("origin")):
        km = survival(g["birth"].to_numpy(), g["end"].to_numpy() + 1,
                      (g["end"] < last).to_numpy())
        ax.step(km["months"] / 12.0, km["survival"], where="post", color=style.PALETTE[i],
                label=f"{origin.replace('_', ' ')} ({len(g)})")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("years since the pole's founding")
    ax.set_ylabel("share of poles still active")
    ax.set_title("Pole survival (Kaplan-Meier)")
    ax.legend()
    style.caption(fig, caption + " Poles active at the end of the run are censored.")
    return fig


def plot_firm_survival(firms: pd.DataFrame, caption: str) -> plt.Figure:
    """Ages of the firms alive at a snapshot: share of firms at least a given age, by whether
    they belong to a pole (pole >= 0). Only survivors are seen, so this is not a life table."""
    tick = int(firms.attrs.get("tick", 0))
    fig, ax = plt.subplots(figsize=(6, 4.2))
    groups = {"in a pole": firms["pole"] >= 0, "not in a pole": firms["pole"] < 0}
    for i, (name, mask) in enumerate(groups.items()):
        age = np.sort((tick - firms.loc[mask, "birth_tick"].to_numpy(float)) / 12.0)
        if len(age) == 0:
            continue
        ax.step(age, 1.0 - np.arange(len(age)) / len(age), where="post", color=style.PALETTE[i],
                label=f"{name} ({len(age)})")
    ax.set_xlabel("firm age (years)")
    ax.set_ylabel("share of firms at least this old")
    ax.set_title(f"Ages of the firms alive at month {tick}")
    ax.legend()
    style.caption(fig, caption)
    return fig


def plot_indicator_by_territory(series: pd.DataFrame, indicator: str, caption: str) -> plt.Figure:
    """One indicator of a single run over time, one line per territory."""
    sub = series[series["indicator"] == indicator]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for i, (territory, g) in enumerate(sub.groupby("territory", sort=False)):
        ax.plot(g["tick"] / 12.0, g["value"], color=style.PALETTE[i % 8], label=territory)
    ax.set_xlabel("years since the start")
    ax.set_ylabel(f"{indicator} ({unit_of(sub, 'indicator', indicator)})")
    ax.set_title(indicator.replace("_", " "))
    ax.legend(fontsize=7)
    style.caption(fig, caption)
    return fig
