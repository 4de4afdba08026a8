"""Reads hypecheck's Parquet files back with pandas (pyarrow) and with polars and compares
every cell with the CSV that hypecheck wrote from the same rows, for the test
`parquet_reads_back_like_the_csv` (tests/cli/parquet.rs).

Usage: parquet_check.py CSV PARQUET [CSV PARQUET ...]
Prints one JSON object: {"tables": [{"csv": ..., "rows": N, "columns": N, "types": {...}}]};
exits 1 naming the first cell that differs.

The CSV is read as text (nothing parsed by pandas); each Parquet column's type decides how
its CSV cell is read: an empty cell is null (in a text column also an empty text); integers
exactly; floats within half a unit of the last printed decimal; booleans 1/0; dates
YYYY-MM-DD; texts exactly, a text starting with = + - @ tab or CR having a ' in front in the
CSV (defused for spreadsheets).
"""

import datetime
import json
import math
import sys

import pandas as pd
import polars as pl


def is_null(v):
    if v is None or v is pd.NaT:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return False


def text_of(v):
    """A date or datetime as YYYY-MM-DD, anything else unchanged."""
    if isinstance(v, (datetime.datetime, pd.Timestamp)):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def same(kind, cell, v):
    if cell == "":
        # CSV writes a null and an empty text alike.
        return is_null(v) or (kind == "text" and v == "")
    if is_null(v):
        return False
    if kind == "int":
        return float(int(cell)) == float(v) and int(v) == int(cell)
    if kind == "float":
        decimals = len(cell.split(".")[1]) if "." in cell else 0
        return abs(float(cell) - float(v)) <= 0.5 * 10 ** -decimals + 1e-12
    if kind == "bool":
        return cell in ("0", "1") and bool(v) == (cell == "1")
    if kind == "date":
        return cell == text_of(v)
    v = str(v)
    if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return cell == "'" + v
    return cell == v


def kinds(frame):
    """Each polars column's kind."""
    out = {}
    for name, dtype in frame.schema.items():
        if dtype == pl.Int64:
            out[name] = "int"
        elif dtype == pl.Float64:
            out[name] = "float"
        elif dtype == pl.Boolean:
            out[name] = "bool"
        elif dtype == pl.Date:
            out[name] = "date"
        elif dtype == pl.String:
            out[name] = "text"
        else:
            raise SystemExit(f"column {name}: unexpected type {dtype}")
    return out


def check(csv_path, pq_path):
    csv = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    by_pandas = pd.read_parquet(pq_path)
    by_polars = pl.read_parquet(pq_path)
    names = list(csv.columns)
    if names != list(by_pandas.columns) or names != by_polars.columns:
        raise SystemExit(
            f"{pq_path}: columns differ:\n  csv {names}\n  pandas {list(by_pandas.columns)}\n"
            f"  polars {by_polars.columns}"
        )
    if not (len(csv) == len(by_pandas) == by_polars.height):
        raise SystemExit(
            f"{pq_path}: {len(csv)} CSV rows, {len(by_pandas)} read by pandas, "
            f"{by_polars.height} by polars"
        )
    types = kinds(by_polars)
    for name in names:
        cells = csv[name].tolist()
        for reader, values in (
            ("pandas", by_pandas[name].tolist()),
            ("polars", by_polars[name].to_list()),
        ):
            for row, (cell, v) in enumerate(zip(cells, values)):
                if not same(types[name], cell, v):
                    raise SystemExit(
                        f"{pq_path} row {row + 1} column {name} ({types[name]}): "
                        f"CSV {cell!r}, {reader} {v!r}"
                    )
    return {"csv": csv_path, "rows": len(csv), "columns": len(names), "types": types}


def main(args):
    if len(args) % 2 or not args:
        raise SystemExit("usage: parquet_check.py CSV PARQUET [CSV PARQUET ...]")
    tables = [check(args[i], args[i + 1]) for i in range(0, len(args), 2)]
    print(json.dumps({"tables": tables}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
