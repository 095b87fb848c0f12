"""Load ptcesim HDF5 files into tidy pandas DataFrames, with their provenance.

Layout: docs/output.md. A run file holds /series/<indicator> (ticks x territories),
/territories, /poles and /snapshots; a comparison file holds one such run per strategy and
replication under /runs/<strategy>/rep_NNNN, the outcome series under /outcomes and the summary
under /summary; a label file holds /labels; a merged sweep file holds /plan, /runs and
/outcomes/<strategy>/{value,difference}. Every frame returned carries the file's root attributes
in `frame.attrs` (plus `file`, the path read).
"""

from __future__ import annotations

import os
import tomllib

import h5py
import numpy as np
import pandas as pd


class NotAPtcesimFile(Exception):
    """The file is missing, not HDF5, or not written by ptcesim."""


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value[()])
    return str(value) if not isinstance(value, str) else value


def open_result(path: str) -> h5py.File:
    """Opens a ptcesim result file read-only; raises NotAPtcesimFile with a clear reason."""
    if not os.path.exists(path):
        raise NotAPtcesimFile(f"{path}: no such file")
    if os.path.isdir(path):
        raise NotAPtcesimFile(f"{path}: a directory, not a ptcesim result file")
    try:
        handle = h5py.File(path, "r")
    except OSError:
        raise NotAPtcesimFile(f"{path}: not a ptcesim result (not an HDF5 file)") from None
    if "ptcesim_version" not in handle.attrs:
        handle.close()
        raise NotAPtcesimFile(f"{path}: not a ptcesim result (HDF5, but no ptcesim_version "
                              f"attribute: written by another program?)")
    return handle


def _attributes(f: h5py.File) -> dict:
    out = {}
    for key, value in f.attrs.items():
        if isinstance(value, (bytes, str)):
            out[key] = _text(value)
        elif isinstance(value, np.generic):
            out[key] = value.item()
        else:
            out[key] = value
    return out


def provenance(path: str) -> dict:
    """Root attributes (version, git commit, kind, scenario text, seed, threads, times...)."""
    with open_result(path) as f:
        return _attributes(f)


def _with_provenance(frame: pd.DataFrame, f: h5py.File, path: str) -> pd.DataFrame:
    frame.attrs.update(_attributes(f))
    frame.attrs["file"] = path
    return frame


def kind(path: str) -> str:
    """What wrote the file: run, compare, label, sweep... (the root `kind` attribute)."""
    return str(provenance(path).get("kind", "run"))


def scenario(path: str) -> dict:
    """The resolved scenario stored in the file (`scenario_toml`), parsed; {} when absent."""
    text = provenance(path).get("scenario_toml", "")
    return tomllib.loads(text) if text else {}


def _table(group) -> pd.DataFrame:
    columns = {}
    for key, ds in group.items():
        if not isinstance(ds, h5py.Dataset):
            continue
        data = ds[()]
        if data.dtype.kind in ("O", "S"):
            data = [_text(v) for v in data]
        columns[key] = data
    return pd.DataFrame(columns)


def load_territories(path: str, group: str = "/") -> pd.DataFrame:
    """Territory constants of a run: name, population... (one row per territory)."""
    with open_result(path) as f:
        if group not in f or "territories" not in f[group]:
            raise NotAPtcesimFile(f"{path}: {group}: no territories group (is this a run?)")
        return _with_provenance(_table(f[group]["territories"]), f, path)


def load_poles(path: str, group: str = "/") -> pd.DataFrame:
    """The /poles table of a run (one row per pole per month) with territory names added."""
    with open_result(path) as f:
        if group not in f or "poles" not in f[group]:
            raise NotAPtcesimFile(f"{path}: {group}: no poles group (is this a run?)")
        out = _table(f[group]["poles"])
        names = _strings(f[group]["territories"]["name"])
        if "territory" in out and len(out):
            out["territory_name"] = [names[int(t)] for t in out["territory"]]
        return _with_provenance(out, f, path)


def snapshot_ticks(path: str, group: str = "/") -> list[int]:
    """Ticks at which the run kept agent snapshots, increasing."""
    with open_result(path) as f:
        if "snapshots" not in f[group]:
            return []
        return sorted(int(k.split("_", 1)[1]) for k in f[group]["snapshots"].keys())


def load_snapshot(path: str, table: str, tick: int, group: str = "/") -> pd.DataFrame:
    """One agent table (firms, sse_initiatives, workers) at a snapshot tick."""
    with open_result(path) as f:
        where = f"snapshots/tick_{tick}/{table}"
        if where not in f[group]:
            raise KeyError(f"{path}: {group}{where}: no such snapshot table")
        out = _table(f[group][where])
        out.attrs["tick"] = tick
        return _with_provenance(out, f, path)


def load_labels(path: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A label file (`ptcesim label --from`): the per-tick verdicts (tick, pole_id, decision,
    one column per criterion) and the per-pole summary (first_met_<criterion>, lost_<...>)."""
    with open_result(path) as f:
        if "labels" not in f:
            raise NotAPtcesimFile(f"{path}: no /labels group (is this a label file?)")
        g = f["labels"]
        criteria = [c for c in _text(g.attrs.get("criteria", "")).split(",") if c]
        verdicts = _table(g)
        verdicts.columns = [c.removeprefix("verdict_") for c in verdicts.columns]
        s = g["summary"]
        summary = {}
        for key, ds in s.items():
            data = ds[()]
            if data.ndim == 2:
                for i, c in enumerate(criteria):
                    summary[f"{key}_{c}"] = data[:, i]
            elif data.dtype.kind in ("O", "S"):
                summary[key] = [_text(v) for v in data]
            else:
                summary[key] = data
        summary = pd.DataFrame(summary)
        for frame in (verdicts, summary):
            _with_provenance(frame, f, path)
            frame.attrs["criteria"] = criteria
        return verdicts, summary


def load_sweep(path: str) -> pd.DataFrame:
    """A merged sweep (DIR/results.h5): one row per run, strategy and outcome, with the run's
    point, replication and factor values: point, replication, <factors...>, strategy, outcome,
    unit, value, difference (paired against the baseline strategy, same run)."""
    with open_result(path) as f:
        if "plan" not in f or "outcomes" not in f or "runs" not in f:
            raise NotAPtcesimFile(f"{path}: no /plan, /runs or /outcomes (is this a sweep?)")
        factors = _strings(f["plan/factor"])
        values = pd.DataFrame(f["plan/value"][()].reshape(-1, len(factors)), columns=factors)
        runs = pd.DataFrame({"point": f["runs/point"][()],
                             "replication": f["runs/replication"][()]})
        runs = runs.join(values, on="point")
        names = _strings(f["outcomes/name"])
        units = dict(zip(names, _strings(f["outcomes/unit"])))
        frames = []
        for strategy in _strings(f["outcomes/strategy"]):
            value = f[f"outcomes/{strategy}/value"][()]
            difference = f[f"outcomes/{strategy}/difference"][()]
            for i, name in enumerate(names):
                frame = runs.copy()
                frame["strategy"] = strategy
                frame["outcome"] = name
                frame["unit"] = units[name]
                frame["value"] = value[:, i]
                frame["difference"] = difference[:, i]
                frames.append(frame)
        out = pd.concat(frames, ignore_index=True)
        out = _with_provenance(out, f, path)
        out.attrs["factors"] = factors
        return out


def _strings(dataset) -> list[str]:
    return [_text(v) for v in dataset[()]]


def load_series(path: str, group: str = "/", indicators: list[str] | None = None) -> pd.DataFrame:
    """Indicator series of one run as a tidy frame: tick, territory, indicator, value, unit."""
    with open_result(path) as f:
        if group not in f or "series" not in f[group]:
            raise NotAPtcesimFile(f"{path}: {group}: no series group (is this a run?)")
        base = f[group]
        series = base["series"]
        territories = _strings(base["territories"]["name"])
        ticks = series["tick"][()]
        names = indicators or sorted(k for k in series.keys() if k != "tick")
        frames = []
        for name in names:
            if name not in series:
                raise KeyError(f"{path}: {group}/series/{name}: no such indicator")
            data = series[name][()]
            frame = pd.DataFrame(data, columns=territories)
            frame["tick"] = ticks
            frame = frame.melt(id_vars="tick", var_name="territory", value_name="value")
            frame["indicator"] = name
            frame["unit"] = _text(series[name].attrs.get("unit", ""))
            frames.append(frame)
        return _with_provenance(pd.concat(frames, ignore_index=True), f, path)


def load_outcomes(path: str) -> pd.DataFrame:
    """Outcome series of a comparison: strategy, replication, month, outcome, value, unit."""
    with open_result(path) as f:
        if "outcomes" not in f:
            raise NotAPtcesimFile(f"{path}: no /outcomes group (is this a comparison file?)")
        g = f["outcomes"]
        names = _strings(g["name"])
        units = dict(zip(names, _strings(g["unit"])))
        months = g["month"][()]
        frames = []
        for strategy in _strings(g["strategy"]):
            for name in names:
                data = g[strategy][name][()]  # replications x months
                frame = pd.DataFrame(data, columns=months)
                frame["replication"] = np.arange(data.shape[0])
                frame = frame.melt(id_vars="replication", var_name="month", value_name="value")
                frame["outcome"] = name
                frame["strategy"] = strategy
                frames.append(frame)
        out = pd.concat(frames, ignore_index=True)
        out["unit"] = out["outcome"].map(units)
        out["month"] = out["month"].astype(np.int64)
        return _with_provenance(out, f, path)


def load_summary(path: str) -> pd.DataFrame:
    """The comparison summary table (the same content as summary.csv)."""
    with open_result(path) as f:
        if "summary" not in f:
            raise NotAPtcesimFile(f"{path}: no /summary group (is this a comparison file?)")
        g = f["summary"]
        columns = {}
        for key in g.keys():
            data = g[key][()]
            if data.dtype.kind in ("O", "S"):
                columns[key] = [_text(v) for v in data]
            else:
                columns[key] = data
        return _with_provenance(pd.DataFrame(columns), f, path)
