"""An independent 连板天梯 of one day, for the slow test `ladder_matches_an_independent_script`.

Written apart from hypecheck's Rust code (pandas and decimal arithmetic) from the rules
of docs/market-rules.md: board from the code, ±10% main board (±5% when ST before
2026-07-06), ±20% ChiNext (from 2020-08-24) and STAR, limit prices rounded half up to the
fen from the previous bar's close (the file has no previous-close column), no limit on a
stock's first bar or, when it listed inside the data, on its IPO days; 涨停 is a close
equal to the up-limit and a streak counts consecutive 涨停 over the stock's own bars.

The one input taken from hypecheck is the ST regime it inferred (its `signals` CSV, column
`st`: 1 ST, 0 not, empty unknown = no limit asserted), which is what "under the regime the
tool inferred" means; listing days are inferred here, by the same documented rule.

Usage: python3 ladder_check.py BARS.csv.gz SIGNALS.csv DATE  → JSON on stdout:
{"date", "traded", "limit_up", "limit_down", "blown", "st_unknown", "stocks": [[code, streak], ...]}
"""

import json
import sys
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

MAIN = ("600", "601", "603", "605", "000", "001", "002", "003")
CHINEXT = ("300", "301", "302")
STAR = ("688", "689")


def board(code):
    p = code[:3]
    if p in MAIN:
        return "main"
    if p in CHINEXT:
        return "chinext"
    if p in STAR:
        return "star"
    return None


def pct(b, st, date):
    if b == "main":
        return 5 if st and date < "2026-07-06" else 10
    if b == "chinext":
        return 20 if date >= "2020-08-24" else (5 if st else 10)
    return 20


def half_up(fen, p, up):
    factor = Decimal(100 + p if up else 100 - p) / Decimal(100)
    yuan = (Decimal(fen) / Decimal(100) * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return int(yuan * 100)


def main():
    bars_path, signals_path, day = sys.argv[1:4]
    df = pd.read_csv(bars_path, dtype={"code": str, "date": str})
    df = df[df["code"].map(board).notna()]
    # Suspended rows (no prices, or open/high/low 0 without volume) are not trading days.
    susp = df["open"].isna() | ((df["open"] == 0) & (df["high"] == 0) & (df["low"] == 0))
    df = df[~susp].drop_duplicates(["code", "date"]).sort_values(["code", "date"])
    for col in ("open", "high", "low", "close"):
        df[col] = (df[col] * 100).round().astype("int64")
    sig = pd.read_csv(signals_path, dtype={"code": str, "date": str, "st": str},
                      usecols=["code", "date", "st"], keep_default_na=False)
    sig["code"] = sig["code"].str[:6]
    st = {(c, d): s for c, d, s in zip(sig["code"], sig["date"], sig["st"])}

    first = df.groupby("code")["date"].min()
    exchange = first.index.map(lambda c: "SH" if c.startswith("6") else "SZ")
    start = {}
    for ex in ("SH", "SZ"):
        counts = first[exchange == ex].value_counts()
        if len(counts):
            start[ex] = min(d for d, n in counts.items() if n == counts.max())

    out = {"date": day, "traded": 0, "limit_up": 0, "limit_down": 0, "blown": 0,
           "st_unknown": 0, "stocks": []}
    for code, g in df.groupby("code", sort=True):
        b = board(code)
        ex = "SH" if code.startswith("6") else "SZ"
        listing = g["date"].iloc[0] if g["date"].iloc[0] > start[ex] else None
        registration = listing is not None and (
            b == "star" or (b == "chinext" and listing >= "2020-08-24")
            or (b == "main" and listing >= "2023-04-10"))
        g = g[g["date"] <= day]
        if g.empty or g["date"].iloc[-1] != day:
            continue
        streak, prev = 0, None
        for i, (date, high, close) in enumerate(zip(g["date"], g["high"], g["close"])):
            mark = st.get((code, date), "0")
            ipo = listing is not None and (i < 5 if registration else i == 0)
            up = down = None
            if prev is not None and prev > 0 and not ipo and mark != "":
                p = pct(b, mark == "1", date)
                up, down = half_up(prev, p, True), half_up(prev, p, False)
            limit_up = up is not None and close == up
            streak = streak + 1 if limit_up else 0
            if date == day:
                out["traded"] += 1
                out["st_unknown"] += int(mark == "")
                out["limit_up"] += int(limit_up)
                out["limit_down"] += int(down is not None and close == down)
                out["blown"] += int(up is not None and high >= up and close < up)
                if limit_up:
                    out["stocks"].append([code, streak])
            prev = close
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
