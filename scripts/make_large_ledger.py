"""A large hotline ledger for the benchmark: seeded, the sample's columns and value mix, written as a stream.

Usage: python scripts/make_large_ledger.py --orders N --seed S --out PATH [--format csv|parquet]

Each order copies the channel, type, topic, handling, unit, status, call-back, rating and text of a
random order of the sample ledger (data/raw/nanyue-swd/2024/hotline_orders.csv), so the mix of values
and their combinations (交办 with a unit, 办理中 without call-back) is the sample's; it gets its own id,
a receipt time in the year (ascending), the sample order's time to closing, and a phone number.
Rows are made half a million at a time with numpy and Arrow, and written (by Arrow's CSV or Parquet
writer) before the next are made.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "raw" / "nanyue-swd" / "2024" / "hotline_orders.csv"
CHUNK = 500_000
YEAR = 2024
COPIED = ("channel", "category", "topic", "handling", "assigned_unit", "status", "callback", "satisfaction", "content")
HEADER = ("order_id", "received_at", *COPIED[:6], "closed_at", *COPIED[6:], "caller_phone")


def read_templates() -> tuple[pa.Table, np.ndarray]:
    """The sample orders' copied cells, and each one's seconds to closing (-1 while open)."""
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    copied = pa.table({column: [r[column] for r in rows] for column in COPIED})
    received = np.array([r["received_at"] for r in rows], dtype="datetime64[s]")
    closed = np.array([r["closed_at"] or "NaT" for r in rows], dtype="datetime64[s]")
    return copied, np.where(np.isnat(closed), -1, (closed - received).astype("int64"))


def times_text(moments: np.ndarray) -> np.ndarray:
    """Date-times as 'YYYY-MM-DD HH:MM:SS' ('' for NaT)."""
    text = np.char.replace(np.datetime_as_string(moments, unit="s"), "T", " ")
    return np.where(np.isnat(moments), "", text)


def chunk_table(rng: np.random.Generator, start: int, size: int, total: int, templates: pa.Table, delay: np.ndarray) -> pa.Table:
    """The orders start … start + size as a table of text columns in the ledger's order."""
    year_start = np.datetime64(f"{YEAR}-01-01T00:00:00")
    seconds = int((np.datetime64(f"{YEAR + 1}-01-01T00:00:00") - year_start).astype("int64"))
    low, high = seconds * start // total, seconds * (start + size) // total  # each chunk its own slice of the year
    received = year_start + np.sort(rng.integers(low, max(high, low + 1), size)).astype("timedelta64[s]")
    picks = rng.integers(0, len(delay), size)
    wait = delay[picks]
    closed = np.where(wait >= 0, received + np.maximum(wait, 0).astype("timedelta64[s]"), np.datetime64("NaT"))
    numbers = np.char.zfill(np.arange(start + 1, start + size + 1).astype(str), max(6, len(str(total))))
    copied = templates.take(pa.array(picks))
    columns = {
        "order_id": pa.array(np.char.add(f"NY{YEAR % 100}", numbers)),
        "received_at": pa.array(times_text(received)),
        "closed_at": pa.array(times_text(closed)),
        "caller_phone": pa.array(rng.integers(17000000000, 17099999999, size).astype(str)),
        **{column: copied[column] for column in COPIED},
    }
    return pa.table({column: columns[column] for column in HEADER})


def write_ledger(out: Path, orders: int, seed: int, form: str) -> None:
    """Write the ledger as UTF-8 CSV (no cell needs quotes: none are written) or Parquet (every column text, as a CSV reads), a chunk at a time."""
    templates, delay = read_templates()
    rng = np.random.default_rng(seed)
    schema = pa.schema([(column, pa.string()) for column in HEADER])
    with open(out, "wb") as handle:
        writer: pa_csv.CSVWriter | pq.ParquetWriter
        if form == "parquet":
            writer = pq.ParquetWriter(handle, schema)
        else:
            handle.write((",".join(HEADER) + "\n").encode())  # Arrow would quote the header's names
            writer = pa_csv.CSVWriter(handle, schema, write_options=pa_csv.WriteOptions(include_header=False, quoting_style="none"))
        with writer:
            for start in range(0, orders, CHUNK):
                writer.write_table(chunk_table(rng, start, min(CHUNK, orders - start), orders, templates, delay).cast(schema))


def main() -> None:
    """Parse the options and write the ledger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    args = parser.parse_args()
    write_ledger(args.out, args.orders, args.seed, args.format)


if __name__ == "__main__":
    main()
