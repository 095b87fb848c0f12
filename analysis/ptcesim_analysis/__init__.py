"""Readers and figures for ptcesim results (HDF5 files written by the `ptcesim` command).

Uses only Debian's python3-h5py, -numpy, -pandas and -matplotlib; run with /usr/bin/python3.
"""

from .reader import (NotAPtcesimFile, kind, load_labels, load_outcomes, load_poles, load_series,
                     load_snapshot, load_summary, load_sweep, load_territories, open_result,
                     provenance, scenario, snapshot_ticks)

__all__ = ["NotAPtcesimFile", "kind", "load_labels", "load_outcomes", "load_poles", "load_series",
           "load_snapshot", "load_summary", "load_sweep", "load_territories", "open_result",
           "provenance", "scenario", "snapshot_ticks"]
