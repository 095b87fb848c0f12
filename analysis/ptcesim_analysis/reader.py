"""Load ptcesim HDF5 files into tidy pandas DataFrames, with their provenance.

Layout: docs/output.md. A run file holds /series/<indicator> (ticks x territories) and
/territories; a comparison file holds one such run per strategy and replication under
/runs/<strategy>/rep_NNNN, the outcome series under /outcomes and the summary under /summary.
"""

from __future__ import annotations

import os

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
    try:
        handle = h5py.File(path, "r")
    except OSError as error:
        raise NotAPtcesimFile(f"{path}: not an HDF5 file ({error})") from None
    if "ptcesim_version" not in handle.attrs:
        handle.close()
        raise NotAPtcesimFile(f"{path}: not a ptcesim result (no ptcesim_version attribute)")
    return handle


def provenance(path: str) -> dict:
    """Root attributes (version, git commit, scenario text, seed, threads, times...)."""
    with open_result(path) as f:
        out = {}
        for key, value in f.attrs.items():
            if isinstance(value, (bytes, str)):
                out[key] = _text(value)
            elif isinstance(value, np.generic):
                out[key] = value.item()
            else:
                out[key] = value
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
        return pd.concat(frames, ignore_index=True)


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
        return out


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
        return pd.DataFrame(columns)
