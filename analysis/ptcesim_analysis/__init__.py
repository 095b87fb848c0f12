"""Readers and figures for ptcesim results (HDF5 files written by the `ptcesim` command).

Uses only Debian's python3-h5py, -numpy, -pandas and -matplotlib; run with /usr/bin/python3.
"""

from .reader import (NotAPtcesimFile, load_outcomes, load_series, load_summary, open_result,
                     provenance)

__all__ = ["NotAPtcesimFile", "load_outcomes", "load_series", "load_summary", "open_result",
           "provenance"]
