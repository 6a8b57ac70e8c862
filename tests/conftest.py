"""Small shared helpers for the unit tests: tiny CSV files and mutation checks."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write ``header`` and ``rows`` to ``tmp_path / name`` as UTF-8 CSV; returns the path."""

    def write(name: str, header: list[str], rows: list[tuple]) -> Path:
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def call_without_mutation():
    """Call ``func(frame, ...)`` and assert the frame is unchanged afterwards; returns the result."""

    def call(func, frame: pd.DataFrame, *args, **kwargs):
        before = frame.copy(deep=True)
        result = func(frame, *args, **kwargs)
        pd.testing.assert_frame_equal(frame, before)
        return result

    return call
