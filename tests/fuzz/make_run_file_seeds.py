#!/usr/bin/python3
"""Writes the seed corpus of the run-file fuzz target: small HDF5 files laid out like ptcesim's
run files (root attributes, /series as tick x territory tables, /poles records, /territories),
cut down from a real run file so that mutations reach the reader quickly.

Usage: make_run_file_seeds.py REAL_RUN_FILE.h5 OUTPUT_FOLDER
"""
import sys
from pathlib import Path

import h5py
import numpy as np


def copy_attributes(source, target, text_limit=200):
    for name, value in source.attrs.items():
        if isinstance(value, (bytes, str)):
            text = value.decode() if isinstance(value, bytes) else value
            target.attrs.create(name, text[:text_limit], dtype=h5py.string_dtype())
        else:
            target.attrs[name] = value


def copy_dataset(source, group, name, rows=None):
    data = source[...] if rows is None else source[:rows]
    kwargs = {}
    if source.chunks is not None:
        kwargs = {"chunks": (2,) + data.shape[1:], "maxshape": (None,) + data.shape[1:]}
    target = group.create_dataset(name, data=data, dtype=source.dtype, **kwargs)
    copy_attributes(source, target)


def main():
    real, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    with h5py.File(real, "r") as run:
        # A run file cut down to a few series, territories and pole records.
        with h5py.File(out / "run_small.h5", "w", track_order=True) as f:
            copy_attributes(run, f)
            for group, names, rows in (("series", ["tick", "employment_total", "poles"], 4),
                                       ("territories", ["name", "population"], None),
                                       ("poles", ["tick", "pole_id", "jobs", "origin"], 3)):
                g = f.create_group(group, track_order=True)
                for name in names:
                    if name in run[group]:
                        copy_dataset(run[group][name], g, name, rows)
        # Only the root attributes: the smallest file the reader accepts.
        with h5py.File(out / "root_only.h5", "w", track_order=True) as f:
            copy_attributes(run, f, text_limit=20)
    # Other element layouts the reader handles: fixed-length strings, integers of other widths,
    # float32, empty and 3-D datasets, attributes of every class, a nested group.
    with h5py.File(out / "layouts.h5", "w", track_order=True) as f:
        f.attrs["ptcesim_version"] = np.bytes_("0.1.0")
        f.attrs["seed"] = np.int32(7)
        f.attrs["share"] = np.float32(0.5)
        f.create_dataset("fixed", data=np.array([b"ab", b"cdef"], dtype="S4"))
        f.create_dataset("small_ints", data=np.arange(6, dtype=np.int16).reshape(2, 3))
        f.create_dataset("floats", data=np.linspace(0, 1, 4, dtype=np.float32))
        f.create_dataset("empty", shape=(0,), dtype=np.float64)
        f.create_dataset("cube", data=np.zeros((2, 2, 2)))
        f.create_group("nested").create_group("deeper").create_dataset(
            "names", data=["x", "y"], dtype=h5py.string_dtype())


if __name__ == "__main__":
    main()
