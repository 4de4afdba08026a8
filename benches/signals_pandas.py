"""Reference implementation of `hypecheck signals` in pandas, for the side-by-side benchmark.

Usage: python3 signals_pandas.py INPUT.csv[.gz] OUTPUT.csv

Same rules, rows and columns as signals_polars.py and the Rust command (src/signals.rs,
docs/market-rules.md): A-share stocks only (B shares, SZSE preferred shares 140xxx and
suspended days dropped), the listing inferred from where each exchange's data begins (the
most common first date of its stocks, earliest on a tie), and the ST marks of the name
judged by prices (§2.2a): refuted marks cleared, undecided ones (ST状态未知) without a limit
and with an empty `st` (the per-stock loop of that judgement is st_judgement.py,
shared with the polars peer).
"""

import sys

import numpy as np
import pandas as pd
from st_judgement import judge

CHINEXT_REFORM = np.datetime64("2020-08-24")
MAIN_REGISTRATION = np.datetime64("2023-04-10")
MAIN_ST_10PCT_SINCE = np.datetime64("2026-07-06")
# A name marks ST: `ST`, `*ST`, `S*ST`, `SST` (also with a full-width asterisk).
ST_NAME = r"^\s*(?:S[*＊]*ST|[*＊]*ST)"


def limit_pct(board: np.ndarray, st: np.ndarray, d: np.ndarray) -> np.ndarray:
    main = (board == "shmain") | (board == "szmain")
    return np.select(
        [board == "bse", board == "star", (board == "chinext") & (d >= CHINEXT_REFORM),
         (board == "chinext") & st, main & st & (d < MAIN_ST_10PCT_SINCE)],
        [30, 20, 20, 5, 5], default=10).astype(np.int64)


def limit_prices(pc: np.ndarray, pct: np.ndarray, bse: np.ndarray):
    """Up and down limit prices in fen (half-up; BSE: up truncated, down rounded up)."""
    up_num = pc * (100 + pct)
    dn_num = pc * (100 - pct)
    up = np.where(bse, up_num // 100, (up_num + 50) // 100)
    dn = np.where(bse, -((-dn_num) // 100), (dn_num + 50) // 100)
    return up, dn


def main(src: str, dst: str) -> None:
    # Codes and names repeat on every row of a stock: categories test each once.
    df = pd.read_csv(src, dtype={"code": "category", "name": "category", "date": str},
                     keep_default_na=False, na_values={"prev_close": [""]})
    has_prev = "prev_close" in df.columns
    # Suspended days (open, high and low all zero) are not trading days: drop them, as
    # the Rust reader does.
    df = df[~((df["open"] == 0) & (df["high"] == 0) & (df["low"] == 0))]
    codes = df["code"].cat.codes.to_numpy()
    code6 = df["code"].cat.categories.astype(str).str.zfill(6).to_numpy()[codes]
    p2 = code6.astype("U2")
    p3 = code6.astype("U3")
    # Board from the code; B shares (900, 200/201), preferred shares (140) and anything
    # else without a board are not computed.
    board = np.select(
        [p2 == "68", np.isin(p3, ["600", "601", "603", "605"]), np.isin(p3, ["000", "001", "002", "003"]),
         np.isin(p3, ["300", "301", "302"]), np.isin(p2, ["92", "43", "83", "87"]) | ((p2 == "88") & (p3 != "889"))],
        ["star", "shmain", "szmain", "chinext", "bse"], default="")
    keep = board != ""
    df = pd.DataFrame({
        "code6": code6[keep],
        "ex": np.select([np.isin(p2[keep], ["60", "68"]), np.isin(p2[keep], ["00", "30"])], ["SH", "SZ"], "BJ"),
        "board": board[keep],
        "date": df["date"][keep],
        "o": (df["open"][keep] * 100).round().astype("int64"),
        "h": (df["high"][keep] * 100).round().astype("int64"),
        "l": (df["low"][keep] * 100).round().astype("int64"),
        "c": (df["close"][keep] * 100).round().astype("int64"),
        "st": np.append(df["name"].cat.categories.astype(str).str.contains(ST_NAME, regex=True),
                        False)[df["name"].cat.codes.to_numpy()[keep]],
        "pcf": (df["prev_close"][keep] * 100).round() if has_prev else np.nan,
    })
    df = df.sort_values(["ex", "code6", "date"], kind="stable").reset_index(drop=True)
    code = df["code6"].to_numpy()
    dates = df["date"].to_numpy()
    # Exact repeats of a row are skipped (the Rust reader refuses conflicting ones).
    same_stock = np.r_[False, code[1:] == code[:-1]]
    dup = same_stock & np.r_[False, dates[1:] == dates[:-1]]
    if dup.any():
        df = df[~dup].reset_index(drop=True)
        code = df["code6"].to_numpy()
        dates = df["date"].to_numpy()
        same_stock = np.r_[False, code[1:] == code[:-1]]
    n = len(df)
    d = pd.to_datetime(df["date"], format="%Y-%m-%d").to_numpy().astype("datetime64[D]")
    start = ~same_stock
    starts = np.flatnonzero(start)
    sizes = np.diff(np.r_[starts, n])
    k = np.arange(n) - np.repeat(starts, sizes)
    first = np.repeat(d[starts], sizes)
    ex = df["ex"].to_numpy()
    boardv = df["board"].to_numpy()
    # Where each exchange's data begins: the date most of its stocks begin on (earliest on
    # a tie). A stock whose first bar is later listed that day.
    firsts = pd.DataFrame({"ex": ex[starts], "d": d[starts]})
    counts = firsts.groupby(["ex", "d"]).size().reset_index(name="n")
    counts = counts.sort_values(["ex", "n", "d"], ascending=[True, False, True])
    data_start = counts.drop_duplicates("ex").set_index("ex")["d"]
    listed = first > pd.Series(ex).map(data_start).to_numpy().astype("datetime64[D]")
    registration = ((boardv == "star") | ((boardv == "chinext") & (first >= CHINEXT_REFORM))
                    | (((boardv == "shmain") | (boardv == "szmain")) & (first >= MAIN_REGISTRATION)))
    ipo = listed & np.where(registration, k < 5, k == 0)

    c = df["c"].to_numpy()
    h = df["h"].to_numpy()
    lo = df["l"].to_numpy()
    o = df["o"].to_numpy()
    pc_prev = np.where(same_stock, np.r_[0, c[:-1]], -1)
    pcf = df["pcf"].to_numpy(dtype="float64")
    has_pcf = ~np.isnan(pcf)
    pc = np.where(has_pcf, np.nan_to_num(pcf).astype(np.int64), pc_prev)  # -1: none
    limited = (pc > 0) & ~ipo
    bse = ex == "BJ"
    st = df["st"].to_numpy().copy()

    # ST judgement (§2.2a), over the stocks with an ST mark where the ST limit differs.
    main = (boardv == "shmain") | (boardv == "szmain")
    differs = (main & (d < MAIN_ST_10PCT_SINCE)) | ((boardv == "chinext") & (d < CHINEXT_REFORM))
    unknown = np.zeros(n, dtype=bool)
    cand = st & differs
    if cand.any():
        stock_id = np.cumsum(start) - 1
        rows = np.flatnonzero(np.isin(stock_id, np.unique(stock_id[cand])))
        sub_d, sub_b, sub_pc = d[rows], boardv[rows], pc[rows]
        pct = limit_pct(sub_b, st[rows], sub_d)
        up, dn = limit_prices(sub_pc, pct, bse[rows])
        normal = limit_pct(sub_b, np.zeros(len(rows), dtype=bool), sub_d)
        nup, ndn = limit_prices(sub_pc, normal, bse[rows])
        lim = limited[rows]
        sc, sh, sl = c[rows], h[rows], lo[rows]
        refute = cand[rows] & lim & ((sc > up) | (sh > up)
                                    | (has_pcf[rows] & ((sc < dn) | (sl < dn))))
        agree = lim & (((up == sc) & (nup != sc)) | ((dn == sc) & (ndn != sc)))
        sub_st, sub_unknown = judge(stock_id[rows], st[rows], differs[rows], refute, agree)
        st[rows] = sub_st
        unknown[rows] = sub_unknown

    limited &= ~unknown
    pct = limit_pct(boardv, st, d)
    up, dn = limit_prices(pc, pct, bse)
    lu = limited & (c == up)
    ld = limited & (c == dn)
    blown = limited & (h >= up) & (c < up)
    one = lu & (o == up) & (h == up) & (lo == up)
    # Streak: limit-up closes in a row within a stock.
    cs = np.cumsum(lu)
    base = np.where(~lu, cs, np.where(start, cs - 1, -1))
    streak = cs - np.maximum.accumulate(base)
    ratio = np.where(pc > 0, c / np.where(pc > 0, pc, 1), np.nan)
    gap = np.where(pc > 0, o / np.where(pc > 0, pc, 1) - 1, np.nan)
    growth = np.full(n, np.nan)
    if n > 5:
        g = ratio[1:n - 4] * ratio[2:n - 3]
        g = g * ratio[3:n - 2]
        g = g * ratio[4:n - 1]
        growth[5:] = g * ratio[5:] - 1
    growth[k < 5] = np.nan

    def opt(values: np.ndarray, present: np.ndarray) -> pd.Series:
        return pd.Series(pd.arrays.IntegerArray(values.astype(np.int64), ~present))

    out = pd.DataFrame({
        "code": df["code6"] + "." + df["ex"],
        "date": df["date"],
        "close_fen": c,
        "prev_close_fen": opt(pc, pc > 0),
        "limit_pct": opt(pct, limited),
        "limit_up_fen": opt(up, limited),
        "limit_down_fen": opt(dn, limited),
        "limit_up": lu.astype(np.int8),
        "limit_down": ld.astype(np.int8),
        "blown": blown.astype(np.int8),
        "one_price": one.astype(np.int8),
        "streak": streak,
        "gap": gap,
        "ret5": growth,
        "st": opt(st, ~unknown),
    })
    out.to_csv(dst, index=False, float_format="%.6f")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
