"""The "What drives the comparison" section of a validation report, from a Morris sweep.

    /usr/bin/python3 -m ptcesim_analysis.screening_report SWEEP_DIR/sensitivity.h5 --out DIR

reads the sensitivity file of a Morris sweep over the strategies ptce and reindustrialisation
(`ptcesim sweep FILE -o SWEEP_DIR; ptcesim sweep analyse SWEEP_DIR`), writes DIR/screening.md
(factors ranked by mu* of the paired difference PTCE - reindustrialisation, with sigma and the
bootstrap interval of mu*, one table per outcome) and the mu*-sigma charts into DIR/figures,
and prints the path of every file written. `ptcesim validate-model --screening SWEEP_DIR`
calls it and appends screening.md to validation.md and validation.html.
"""

from __future__ import annotations

import argparse
import base64
import html
import math
import os
import sys
import tomllib

import matplotlib

matplotlib.use("Agg")

from . import sensitivity_figures, style  # noqa: E402

STRATEGY, REFERENCE = "ptce", "reindustrialisation"
# The comparison's outcomes, in report order; the others of the sweep are listed after them.
PREFERRED = ["net_jobs", "public_cost_per_net_job_eur", "public_spending_eur"]


class ScreeningError(ValueError):
    """The sensitivity file cannot give the section (not Morris, no PTCE - reindustrialisation)."""


def _number(x: float) -> str:
    if not math.isfinite(x):
        return "undefined"
    return f"{x:.3g}" if abs(x) < 1e5 else f"{x:.3e}"


def _design_text(sweep_file: str) -> str:
    """Trajectories and base of the sweep, from the copy of its file next to the results."""
    try:
        with open(sweep_file, "rb") as handle:
            sweep = tomllib.load(handle)["sweep"]
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return ""
    return (f"{sweep.get('trajectories', '?')} trajectories on a {sweep.get('grid_levels', '?')}"
            f"-level grid from the base scenario `{sweep.get('base', '?')}`, ")


def section(attrs: dict, quantities, indices, figures: list[str], design: str = "") -> str:
    """The Markdown section: one ranked table per outcome of the PTCE - reindustrialisation
    difference. Raises ScreeningError when the file holds no such Morris quantity."""
    if attrs.get("design") != "morris":
        raise ScreeningError(f"the sweep's design is {attrs.get('design')!r}, not morris")
    wanted = quantities[(quantities["strategy"] == STRATEGY)
                        & (quantities["reference"] == REFERENCE)
                        & (quantities["method"] == "morris")]
    if wanted.empty:
        raise ScreeningError(f"no Morris quantity {STRATEGY} - {REFERENCE} in the file (the sweep "
                             "must run both strategies)")
    order = {name: i for i, name in enumerate(PREFERRED)}
    wanted = wanted.assign(rank=[order.get(o, len(order)) for o in wanted["outcome"]])
    wanted = wanted.sort_values(["rank", "outcome"], kind="stable")
    lines = ["## What drives the comparison", "",
             f"Morris screening of the PTCE − reindustrialisation difference (same seed per "
             f"point; sweep {attrs.get('sweep_hash', '?')}): {design}"
             f"{attrs.get('replications', '?')} replication(s) averaged per point, "
             f"{float(attrs.get('confidence', 0.95)):.0%} percentile bootstrap intervals of μ* "
             f"over trajectories ({attrs.get('bootstrap_resamples', '?')} resamples). "
             "μ*: mean absolute elementary effect of moving a factor by one grid step (its "
             "importance, in the outcome's unit); σ: their standard deviation (non-linearity "
             "or interactions when comparable to μ*).", ""]
    for _, q in wanted.iterrows():
        rows = indices[indices["quantity"] == q["name"]]
        mu_star = sensitivity_figures._measure(rows, "mu_star")
        sigma = sensitivity_figures._measure(rows, "sigma")
        mu = sensitivity_figures._measure(rows, "mu")
        ranked = mu_star.assign(key=mu_star["estimate"].fillna(-math.inf))
        ranked = ranked.sort_values("key", ascending=False, kind="stable")
        lines += [f"### {q['outcome']} ({q['unit']})", ""]
        if int(q["non_finite_points"]) > 0:
            lines += [f"{int(q['non_finite_points'])} design point(s) have no value (for a cost "
                      "per job: net jobs ≤ 0 in a strategy), so every trajectory through them "
                      "is undefined and the measures below are too; read the cost per job from "
                      "net jobs and spending.", ""]
        lines += ["| rank | factor | μ* (95 % CI) | μ | σ |", "|---|---|---|---|---|"]
        for rank, (factor, r) in enumerate(ranked.iterrows(), start=1):
            lines.append(f"| {rank} | `{factor}` | {_number(r['estimate'])} "
                         f"({_number(r['ci_low'])} – {_number(r['ci_high'])}) | "
                         f"{_number(mu.loc[factor, 'estimate'])} | "
                         f"{_number(sigma.loc[factor, 'estimate'])} |")
        lines.append("")
    if figures:
        lines += ["Figures: " + ", ".join(f"`figures/{os.path.basename(p)}`"
                                          for p in figures if p.endswith(".png")), ""]
    return "\n".join(lines)


def _html_table(markdown: str) -> str:
    """The section's Markdown (headings, paragraphs, pipe tables) as HTML."""
    out, table = [], []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            if not set(line) <= set("|-"):
                table.append([html.escape(c.strip().strip("`")) for c in line.strip("|").split("|")])
            continue
        if table:
            head, *body = table
            out.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>"
                       + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
                                 for row in body) + "</table>")
            table = []
        if line.startswith("### "):
            out.append(f"<h3>{html.escape(line[4:])}</h3>")
        elif line.startswith("## "):
            out.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line and not line.startswith("Figures:"):
            out.append(f"<p>{html.escape(line)}</p>")
    return "\n".join(out)


def append_html(path: str, markdown: str, figures: list[str]) -> None:
    """Inserts the section (and its PNG figures, embedded) before the end of validation.html."""
    with open(path, encoding="utf-8") as handle:
        page = handle.read()
    images = []
    for figure in figures:
        if figure.endswith(".png"):
            with open(figure, "rb") as handle:
                data = base64.b64encode(handle.read()).decode()
            images.append(f'<img src="data:image/png;base64,{data}" alt="{html.escape(figure)}">')
    block = _html_table(markdown) + "\n" + "\n".join(images) + "\n"
    end = page.rfind("</body>")
    page = page[:end] + block + page[end:] if end >= 0 else page + block
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(page)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="sensitivity.h5 written by ptcesim sweep analyse")
    parser.add_argument("--out", required=True, help="directory for screening.md and figures/")
    args = parser.parse_args(argv)
    try:
        attrs, quantities, indices = sensitivity_figures.load_sensitivity(args.file)
    except (OSError, sensitivity_figures.NotASensitivityFile) as error:
        print(f"screening_report: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    style.apply()
    figures = []
    for _, q in quantities.iterrows():
        rows = indices[indices["quantity"] == q["name"]]
        defined = rows[(rows["measure"] == "mu_star")]["estimate"].notna().any()
        # A quantity undefined everywhere (cost per job with net jobs <= 0) has nothing to plot.
        if (q["strategy"] == STRATEGY and q["reference"] == REFERENCE and q["method"] == "morris"
                and defined):
            figures += sensitivity_figures.morris_chart(attrs, q, rows,
                                                        os.path.join(args.out, "figures"))
    try:
        text = section(attrs, quantities, indices, figures,
                       _design_text(os.path.join(os.path.dirname(args.file), "sweep.toml")))
    except ScreeningError as error:
        print(f"screening_report: {args.file}: {error}", file=sys.stderr)
        return 2
    path = os.path.join(args.out, "screening.md")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    page = os.path.join(args.out, "validation.html")
    if os.path.exists(page):
        append_html(page, text, figures)
    for written in figures + [path]:
        print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
