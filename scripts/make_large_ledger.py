"""A large hotline ledger for the benchmark: seeded, the sample's columns and value mix, written as a stream.

Usage: python scripts/make_large_ledger.py --orders N --seed S --out PATH [--format csv|parquet]

Each order copies the channel, type, topic, handling, unit, status, call-back, rating and text of a
random order of the sample ledger (data/raw/nanyue-swd/2024/hotline_orders.csv), so the mix of values
and their combinations (交办 with a unit, 办理中 without call-back) is the sample's; it gets its own id,
a receipt time in the year (ascending), the sample order's time to closing, and a phone number.
Rows are made a million at a time with numpy and written before the next are made.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "raw" / "nanyue-swd" / "2024" / "hotline_orders.csv"
CHUNK = 1_000_000
YEAR = 2024
HEADER = "order_id,received_at,channel,category,topic,handling,assigned_unit,status,closed_at,callback,satisfaction,content,caller_phone"


def read_templates() -> tuple[list[str], list[str], np.ndarray]:
    """From each sample order: its cells between received_at and closed_at, those after closed_at but the phone, and its
    seconds to closing (-1 while open)."""
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    middle = [",".join(r[c] for c in ("channel", "category", "topic", "handling", "assigned_unit", "status")) for r in rows]
    tail = [",".join(r[c] for c in ("callback", "satisfaction", "content")) for r in rows]
    received = np.array([r["received_at"] for r in rows], dtype="datetime64[s]")
    closed = np.array([r["closed_at"] or "NaT" for r in rows], dtype="datetime64[s]")
    delay = np.where(np.isnat(closed), -1, (closed - received).astype("int64"))
    return middle, tail, delay


def chunk_columns(rng: np.random.Generator, start: int, size: int, total: int, delay: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Template picks, receipt and closing times (text) and phones of the orders start … start + size."""
    year_start = np.datetime64(f"{YEAR}-01-01T00:00:00")
    seconds = int((np.datetime64(f"{YEAR + 1}-01-01T00:00:00") - year_start).astype("int64"))
    low, high = seconds * start // total, seconds * (start + size) // total  # each chunk its own slice of the year
    received = year_start + np.sort(rng.integers(low, max(high, low + 1), size)).astype("timedelta64[s]")
    picks = rng.integers(0, len(delay), size)
    wait = delay[picks]
    closed = np.where(wait >= 0, received + np.maximum(wait, 0).astype("timedelta64[s]"), np.datetime64("NaT"))
    as_text = np.char.replace(np.datetime_as_string(received, unit="s"), "T", " ")
    closed_text = np.where(np.isnat(closed), "", np.char.replace(np.datetime_as_string(closed, unit="s"), "T", " "))
    phones = rng.integers(17000000000, 17099999999, size)
    return picks, as_text, closed_text, phones


def write_csv(out: Path, orders: int, seed: int) -> None:
    """Write the ledger as UTF-8 CSV, a chunk at a time."""
    middle, tail, delay = read_templates()
    rng = np.random.default_rng(seed)
    digits = max(6, len(str(orders)))
    with open(out, "w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER + "\n")
        for start in range(0, orders, CHUNK):
            size = min(CHUNK, orders - start)
            picks, received, closed, phones = chunk_columns(rng, start, size, orders, delay)
            lines = [
                f"NY{YEAR % 100}{number:0{digits}d},{r},{middle[p]},{c},{tail[p]},{phone}\n"
                for number, r, p, c, phone in zip(range(start + 1, start + size + 1), received.tolist(), picks.tolist(), closed.tolist(), phones.tolist())
            ]
            handle.write("".join(lines))


def write_parquet(out: Path, orders: int, seed: int) -> None:
    """Write the ledger as Parquet (every column text, as a CSV reads), a chunk per row group."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    middle, tail, delay = read_templates()
    rng = np.random.default_rng(seed)
    digits = max(6, len(str(orders)))
    names = HEADER.split(",")
    with pq.ParquetWriter(out, pa.schema([(name, pa.string()) for name in names])) as writer:
        for start in range(0, orders, CHUNK):
            size = min(CHUNK, orders - start)
            picks, received, closed, phones = chunk_columns(rng, start, size, orders, delay)
            mids = [middle[p].split(",") for p in picks.tolist()]
            tails = [tail[p].split(",", 2) for p in picks.tolist()]
            columns = [
                [f"NY{YEAR % 100}{n:0{digits}d}" for n in range(start + 1, start + size + 1)],
                received.tolist(),
                *map(list, zip(*mids, strict=True)),
                closed.tolist(),
                *map(list, zip(*tails, strict=True)),
                [str(p) for p in phones.tolist()],
            ]
            writer.write_table(pa.table(dict(zip(names, columns, strict=True))))


def main() -> None:
    """Parse the options and write the ledger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    args = parser.parse_args()
    (write_parquet if args.format == "parquet" else write_csv)(args.out, args.orders, args.seed)


if __name__ == "__main__":
    main()
