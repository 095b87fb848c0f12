"""Figures and HTML report of a model validation (`ptcesim validate-model`).

    /usr/bin/python3 -m ptcesim_analysis.validation_figures DIR/validation.h5 --out DIR

writes DIR/figures/*.png|svg and DIR/validation.html (the checks table and the figures) and
prints the path of every file written.
"""

from __future__ import annotations

import argparse
import base64
import html
import os
import sys

import h5py
import matplotlib.pyplot as plt
import numpy as np

from . import style

STRATEGY_NAMES = ["cooperator", "defector", "loner", "peer_punisher", "pool_punisher"]
STRATEGY_COLOURS = dict(zip(STRATEGY_NAMES, style.PALETTE))


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _checks(f: h5py.File) -> list[dict]:
    group = f["checks"]
    columns = {key: group[key][()] for key in group}
    rows = []
    for i in range(len(columns["name"])):
        rows.append({key: (_text(v[i]) if v.dtype.kind in "OS" else float(v[i]))
                     for key, v in columns.items()})
    return rows


def _band(ax, months, values, colour, label):
    """Mean over replications with the range of replications shaded."""
    mean = np.nanmean(values, axis=0)
    ax.fill_between(months, np.nanmin(values, axis=0), np.nanmax(values, axis=0), color=colour,
                    alpha=0.2, linewidth=0)
    ax.plot(months, mean, color=colour, label=label)


def recession(f, caption, out):
    fig, ax = plt.subplots(figsize=(7, 3.8))
    groups = [("firms", "Conventional firms"), ("sse", "SSE"), ("association", "Associations"),
              ("cooperative", "Cooperatives (worker, SCIC)")]
    for k, (name, label) in enumerate(groups):
        values = 100 * f[f"series/recession/response_{name}"][()]
        _band(ax, np.arange(1, values.shape[1] + 1), values, style.PALETTE[k], label)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("observed month")
    ax.set_ylabel("employment vs same seed\nwithout recession (%)")
    ax.set_title("Demand recession: employment response by type of producer")
    ax.legend(loc="lower left")
    style.caption(fig, caption + " Lines: mean; shading: range over replications.")
    return style.save(fig, out, "recession_response")


def sse_share(f, caption, out):
    fig, ax = plt.subplots(figsize=(7, 3.2))
    values = 100 * f["series/calm/sse_share_jobs"][()]
    _band(ax, np.arange(1, values.shape[1] + 1), values, style.PALETTE[2], "simulated")
    ax.axhline(10.2, color="black", linestyle="--", linewidth=1, label="France 2019: 10.2 %")
    ax.set_xlabel("observed month")
    ax.set_ylabel("SSE jobs / all jobs (%)")
    ax.set_title("SSE share of jobs")
    ax.legend()
    style.caption(fig, caption)
    return style.save(fig, out, "sse_share")


def job_flows(f, caption, out):
    fig, ax = plt.subplots(figsize=(7, 3.2))
    for k, name in enumerate(["creation", "destruction"]):
        values = 100 * f[f"series/calm/job_{name}_rate"][()]
        _band(ax, np.arange(1, values.shape[1] + 1), values, style.PALETTE[k], f"gross {name}")
    ax.set_xlabel("observed month")
    ax.set_ylabel("% of jobs per month")
    ax.set_title("Gross job creation and destruction")
    ax.set_ylim(bottom=0)
    ax.legend()
    style.caption(fig, caption)
    return style.save(fig, out, "job_flows")


def firm_sizes(f, caption, out):
    sizes = np.sort(f["firm_sizes"][()].ravel())[::-1]
    fit = f["firm_size_fit"][()][0]
    fig, ax = plt.subplots(figsize=(5, 4))
    survival = np.arange(1, len(sizes) + 1) / len(sizes)
    ax.loglog(sizes, survival, ".", markersize=3, color=style.PALETTE[0], label="firms")
    zipf, x_min = fit[0], fit[1]
    xs = np.logspace(np.log10(x_min), np.log10(sizes.max()), 50)
    share = np.mean(sizes >= x_min)
    ax.loglog(xs, share * (xs / x_min) ** (-zipf), color=style.PALETTE[1],
              label=f"fitted tail, exponent {zipf:.2f}")
    ax.loglog(xs, share * (xs / x_min) ** (-1.0), "--", color="black", label="Zipf, exponent 1")
    ax.set_xlabel("employees")
    ax.set_ylabel("share of firms at least this size")
    ax.set_title("Firm sizes at the horizon")
    ax.legend()
    style.caption(fig, caption + " Replication 0; tail fitted by maximum likelihood above x_min.")
    return style.save(fig, out, "firm_sizes")


def relations(f, caption, out):
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8))
    beveridge = f["beveridge"][()]
    left.scatter(100 * beveridge[:, 0], 100 * beveridge[:, 1], s=6, color=style.PALETTE[0])
    left.set_xlabel("unemployment rate, cyclical (pp)")
    left.set_ylabel("vacancy rate, cyclical (pp)")
    left.set_title("Beveridge relation")
    okun = f["okun"][()]
    right.scatter(100 * okun[:, 0], 100 * okun[:, 1], s=8, color=style.PALETTE[1])
    right.set_xlabel("quarterly value-added growth (%)")
    right.set_ylabel("change in unemployment rate (pp)")
    right.set_title("Okun relation")
    style.caption(fig, caption + " Recession run, replication 0.")
    return style.save(fig, out, "beveridge_okun")


def multiplier(f, caption, out):
    data = f["multiplier"][()]
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.scatter(data[:, 0], data[:, 1], color=style.PALETTE[1], label="replications")
    lim = max(1.0, float(np.nanmax(np.abs(data[:, 0]))))
    xs = np.linspace(0, lim, 10)
    ax.plot(xs, 1.6 * xs, "--", color="black", label="Moretti (2010), US: 1.6")
    ax.plot(xs, 0.5 * xs, ":", color="black", label="Moretti & Thulin (2013), Sweden: 0.5")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlabel("Δ manufacturing jobs (focal territories)")
    ax.set_ylabel("Δ non-tradable jobs")
    ax.set_title("Local multiplier of manufacturing jobs")
    ax.legend()
    style.caption(fig, caption + " Focal exports doubled minus the same seed without it, "
                  "mean of the last 12 months.")
    return style.save(fig, out, "local_multiplier")


def game(f, out):
    cases = [name for name in ("hauert2002", "plain-pgg", "sigmund2010",
                               "sigmund2010-first-order") if name in f["game"]]
    fig, axes = plt.subplots(len(cases), 1, figsize=(8, 2.3 * len(cases)), sharey=True)
    for ax, name in zip(np.atleast_1d(axes), cases):
        data = f[f"game/{name}"]
        values = data[()]
        rounds = np.arange(values.shape[0])
        for k, strategy in enumerate(STRATEGY_NAMES):
            if values[:, k].max() > 0:
                ax.plot(rounds, values[:, k], color=STRATEGY_COLOURS[strategy], linewidth=0.8,
                        label=strategy.replace("_", " "))
        ax.set_title(_text(data.attrs["description"]).split(":")[0], fontsize=9)
        ax.set_ylabel("share")
        ax.legend(fontsize=7, loc="upper right", ncol=5)
    np.atleast_1d(axes)[-1].set_xlabel("round")
    fig.tight_layout()
    style.caption(fig, "The cooperation game alone (no economy), first seed of each set-up: "
                  "N = 5, r = 3, c = σ = 1; punishment fines and costs 0.7.")
    return style.save(fig, out, "cooperation_game")


def write_html(path, f, checks, figures):
    attrs = {k: _text(v) for k, v in f.attrs.items()}
    rows = []
    for c in checks:
        ci = ("" if not np.isfinite(c["ci_low"]) or c["ci_low"] == c["ci_high"]
              else f" ({c['ci_low']:.3g} – {c['ci_high']:.3g})")
        verdict = c["verdict"]
        colour = {"pass": "#009E73", "FAIL": "#D55E00"}.get(verdict, "#E69F00")
        rows.append(
            f"<tr><td><code>{html.escape(c['name'])}</code><br><small>"
            f"{html.escape(c['description'])}</small></td><td>{c['value']:.3g}{ci}</td>"
            f"<td>{c['target']:.3g}</td><td>{html.escape(c['tolerance'])}</td>"
            f"<td style='color:{colour};font-weight:bold'>{verdict}</td>"
            f"<td>{html.escape(c['source'])}</td></tr>")
    images = []
    for figure in figures:
        if figure.endswith(".png"):
            with open(figure, "rb") as handle:
                data = base64.b64encode(handle.read()).decode()
            images.append(f"<figure><img src='data:image/png;base64,{data}' "
                          f"style='max-width:100%'></figure>")
    passed = sum(c["verdict"] in ("pass", "unexpected-pass") for c in checks)
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ptcesim validation</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}
</style></head><body>
<h1>Validation of '{html.escape(attrs.get('scenario_name', ''))}'</h1>
<p>Scenario {html.escape(attrs.get('scenario', ''))}, base seed {html.escape(attrs.get('seed', ''))},
{html.escape(attrs.get('replications', ''))} replications per run type; recession:
{html.escape(attrs.get('recession', ''))}. ptcesim {html.escape(attrs.get('ptcesim_version', ''))}.
{passed} of {len(checks)} facts reproduced. Targets, tolerances and sources: docs/validation.md.</p>
<table><tr><th>check</th><th>simulated (95 % CI)</th><th>target</th><th>accepted</th>
<th>verdict</th><th>source</th></tr>
{''.join(rows)}
</table>
{''.join(images)}
</body></html>
"""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(body)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="validation.h5 written by ptcesim validate-model")
    parser.add_argument("--out", required=True, help="directory for figures/ and the HTML")
    args = parser.parse_args(argv)
    try:
        f = h5py.File(args.file, "r")
    except OSError as error:
        print(f"validation_figures: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    with f:
        if _text(f.attrs.get("kind", "")) != "validation":
            print(f"validation_figures: {args.file} is not a validation file", file=sys.stderr)
            return 2
        style.apply()
        caption = (f"Scenario {_text(f.attrs['scenario_name'])}, "
                   f"{_text(f.attrs['replications'])} replications.")
        figures_dir = os.path.join(args.out, "figures")
        written = []
        for make in (recession, sse_share, job_flows, firm_sizes, relations, multiplier):
            written += make(f, caption, figures_dir)
        written += game(f, figures_dir)
        written.append(write_html(os.path.join(args.out, "validation.html"), f, _checks(f),
                                  written))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
