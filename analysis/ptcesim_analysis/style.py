"""One print-ready style for every ptcesim figure: a colour-blind-safe palette (Okabe & Ito
2008), units on axes, and a caption naming the scenario and the replication count."""

from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Okabe-Ito palette; strategies keep the same colour in every figure.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
           "#000000"]
STRATEGY_COLOURS = {"ptce": "#009E73", "reindustrialisation": "#D55E00", "none": "#555555",
                    "mixed": "#0072B2"}
STRATEGY_LABELS = {"ptce": "PTCE", "reindustrialisation": "Reindustrialisation",
                   "none": "No strategy", "mixed": "Mixed"}


def colour(strategy: str, index: int = 0) -> str:
    """The strategy's colour; other series take the palette in order."""
    return STRATEGY_COLOURS.get(strategy, PALETTE[index % len(PALETTE)])


def label(strategy: str) -> str:
    """The strategy's display name."""
    return STRATEGY_LABELS.get(strategy, strategy)


def apply() -> None:
    """Sets matplotlib's defaults to the ptcesim print style."""
    plt.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 200, "font.size": 10, "axes.titlesize": 11,
        "axes.labelsize": 10, "legend.fontsize": 9, "axes.spines.top": False,
        "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
        "svg.fonttype": "none",
    })


def caption(fig, text: str) -> None:
    """Caption under the figure (scenario, replications, method)."""
    fig.text(0.01, -0.02, text, fontsize=8, ha="left", va="top", wrap=True, color="#333333")


def describe(scenario: str, replications: int, extra: str = "") -> str:
    """The standard caption text: scenario name and replication count, then `extra`."""
    runs = "one run" if replications <= 1 else f"{replications} replications per strategy"
    return f"Scenario '{scenario}', {runs}. {extra}".strip()


def save(fig, out_dir: str, stem: str, formats: tuple[str, ...] = ("png", "svg")) -> list[str]:
    """Saves the figure in each format (png, svg, pdf); returns the paths written."""
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for ext in formats:
        path = os.path.join(out_dir, f"{stem}.{ext}")
        fig.savefig(path, bbox_inches="tight")
        paths.append(path)
    plt.close(fig)
    return paths
