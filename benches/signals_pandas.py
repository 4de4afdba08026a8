"""Reference implementation of `hypecheck signals` in pandas, for the side-by-side benchmark.

Usage: python3 signals_pandas.py INPUT.csv[.gz] OUTPUT.csv

Same rules and columns as signals_polars.py and the Rust command (see README "signals").
"""

import sys

import numpy as np
import pandas as pd


def main(src: str, dst: str) -> None:
    df = pd.read_csv(src, dtype={"code": str, "name": str, "date": str})
    # Suspended days (open, high and low all zero) are not trading days: drop them, as
    # the Rust reader does.
    df = df[~((df["open"] == 0) & (df["high"] == 0) & (df["low"] == 0))].copy()
    df["code6"] = df["code"].str.zfill(6)
    p2 = df["code6"].str[:2]
    p3 = df["code6"].str[:3]
    df["ex"] = np.select(
        [p2.isin(["60", "68", "90"]), p2.isin(["00", "30", "20"]),
         p2.isin(["92", "43", "83", "87", "88"])],
        ["SH", "SZ", "BJ"], default="")
    df["board"] = np.select(
        [p2 == "68", p3.isin(["600", "601", "603", "605"]), p3.isin(["000", "001", "002", "003"]),
         p3.isin(["300", "301", "302"]), df["ex"] == "BJ"],
        ["star", "shmain", "szmain", "chinext", "bse"], default="")
    df = df[df["board"] != ""]
    df["d"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    for c in ["open", "high", "low", "close"]:
        df[c[0]] = (df[c] * 100).round().astype("int64")
    df["st"] = df["name"].fillna("").str.match(r"^(\*ST|ST|S\*ST|SST)")
    df = df.sort_values(["ex", "code6", "d"], kind="stable").reset_index(drop=True)
    g = df.groupby(["ex", "code6"], sort=False)
    df["k"] = g.cumcount()
    df["first"] = g["d"].transform("min")
    df["ex_first"] = df.groupby("ex")["d"].transform("min")
    pc = g["c"].shift(1)
    if "prev_close" in df.columns:
        pc = (df["prev_close"] * 100).round().astype("Int64").fillna(pc)
    df["pc"] = pc.astype("float64")
    c5 = g["c"].shift(5)
    listed = df["first"] > df["ex_first"]
    b = df["board"]
    registration = ((b == "star") | ((b == "chinext") & (df["first"] >= "2020-08-24"))
                    | (b.isin(["shmain", "szmain"]) & (df["first"] >= "2023-04-10")))
    no_limit = df["pc"].isna() | (listed & ((registration & (df["k"] < 5)) | (df["k"] == 0)))
    main = b.isin(["shmain", "szmain"])
    pct = np.select(
        [b == "bse", b == "star", (b == "chinext") & (df["d"] >= "2020-08-24"),
         (b == "chinext") & df["st"], main & df["st"] & (df["d"] < "2026-07-06")],
        [30, 20, 20, 5, 5], default=10).astype("float64")
    pct[no_limit.to_numpy()] = np.nan
    df["pct"] = pct
    pcv = df["pc"].to_numpy()
    up_num = pcv * (100 + pct)
    dn_num = pcv * (100 - pct)
    bse = (df["ex"] == "BJ").to_numpy()
    df["up"] = np.where(bse, np.floor(up_num / 100), np.floor((up_num + 50) / 100))
    df["dn"] = np.where(bse, np.ceil(dn_num / 100), np.floor((dn_num + 50) / 100))
    up = df["up"]
    df["lu"] = df["c"] == up
    df["ld"] = df["c"] == df["dn"]
    df["blown"] = (df["h"] >= up) & (df["c"] < up)
    df["one"] = (df["o"] == up) & (df["h"] == up) & (df["l"] == up) & (df["c"] == up)
    run = (~df["lu"]).groupby([df["ex"], df["code6"]], sort=False).cumsum()
    df["streak"] = np.where(df["lu"], df["lu"].astype("int64").groupby(
        [df["ex"], df["code6"], run], sort=False).cumsum(), 0)
    out = pd.DataFrame({
        "code": df["code6"] + "." + df["ex"],
        "date": df["date"],
        "close_fen": df["c"],
        "prev_close_fen": df["pc"].astype("Int64"),
        "limit_pct": df["pct"].astype("Int64"),
        "limit_up_fen": df["up"].astype("Int64"),
        "limit_down_fen": df["dn"].astype("Int64"),
        "limit_up": df["lu"].astype("int8"),
        "limit_down": df["ld"].astype("int8"),
        "blown": df["blown"].astype("int8"),
        "one_price": df["one"].astype("int8"),
        "streak": df["streak"],
        "gap": df["o"] / df["pc"] - 1,
        "ret5": df["c"] / c5 - 1,
    })
    out.to_csv(dst, index=False, float_format="%.6f")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
