"""Reference implementation of `hypecheck signals` in polars, for the side-by-side benchmark.

Usage: python3 signals_polars.py INPUT.csv[.gz] OUTPUT.csv|OUTPUT.parquet

An output name ending in `.parquet` gets a snappy-compressed Parquet file with the column
types of `hypecheck signals --format parquet` (date, booleans), any other name CSV.

Computes the same rows and columns with the same rules as the Rust command (src/signals.rs,
docs/market-rules.md): A-share stocks only (B shares, SZSE preferred shares 140xxx and
suspended days dropped); board from the code; limit percentage by board / ST status / date;
limit prices in integer fen with half-up rounding (BSE: up truncated, down rounded up); prev
close from the file's prev_close column or the previous bar; no-limit IPO days for stocks
whose first bar is later than where their exchange's data begins (the date most of its
stocks begin on, earliest on a tie); the name's ST marks judged by prices (§2.2a: refuted
marks cleared, undecided ones without a limit and with an empty `st`); streaks, gap and
the 5-day return. The per-stock loop of the ST judgement is st_judgement.py, shared with
the pandas peer.
"""

import sys
from datetime import date

import numpy as np
import polars as pl
from st_judgement import judge

CHINEXT_REFORM = date(2020, 8, 24)
MAIN_REGISTRATION = date(2023, 4, 10)
MAIN_ST_10PCT_SINCE = date(2026, 7, 6)
# A name marks ST: `ST`, `*ST`, `S*ST`, `SST` (also with a full-width asterisk).
ST_NAME = r"^\s*(?:S[*＊]*ST|[*＊]*ST)"


def limit_pct(st: pl.Expr) -> pl.Expr:
    board, d = pl.col("board"), pl.col("d")
    main = board.is_in(["shmain", "szmain"])
    return (
        pl.when(board == "bse").then(30)
        .when(board == "star").then(20)
        .when(board == "chinext").then(pl.when(d >= CHINEXT_REFORM).then(20)
                                       .when(st).then(5).otherwise(10))
        .when(main & st & (d < MAIN_ST_10PCT_SINCE)).then(5)
        .otherwise(10)
        .cast(pl.Int64)
    )


def limit_prices(pct: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Up and down limit prices in fen (half-up; BSE: up truncated, down rounded up)."""
    up_num = pl.col("pc") * (100 + pct)
    dn_num = pl.col("pc") * (100 - pct)
    bse = pl.col("ex") == "BJ"
    return (
        pl.when(bse).then(up_num // 100).otherwise((up_num + 50) // 100),
        pl.when(bse).then(-((-dn_num) // 100)).otherwise((dn_num + 50) // 100),
    )


def judge_st(m: pl.DataFrame) -> pl.DataFrame:
    """The ST judgement (§2.2a) over the rows of the stocks with a mark where the ST limit
    differs: the marks after clearing the refuted ones, and which are undecided."""
    st, unknown = judge(m["sid"].to_numpy(), m["st"].to_numpy(), m["differs"].to_numpy(),
                        m["refute"].to_numpy(), m["agree"].to_numpy())
    return pl.DataFrame({"row": m["row"], "st": st, "unknown": unknown})


def main(src: str, dst: str) -> None:
    df = pl.read_csv(src, schema_overrides={"code": pl.Utf8, "name": pl.Utf8, "date": pl.Utf8})
    has_prev = "prev_close" in df.columns
    fen = lambda c: (pl.col(c) * 100).round(0).cast(pl.Int64)
    cols = [
        pl.col("code").str.zfill(6).alias("code6"),
        pl.col("date").str.to_date("%Y-%m-%d").alias("d"),
        fen("open").alias("o"),
        fen("high").alias("h"),
        fen("low").alias("l"),
        fen("close").alias("c"),
        pl.col("name").fill_null("").str.contains(ST_NAME).alias("st"),
        (fen("prev_close") if has_prev else pl.lit(None, pl.Int64)).alias("pcf"),
    ]
    # Suspended days (open, high and low all zero) are not trading days: drop them, as
    # the Rust reader does.
    df = df.filter(~((pl.col("open") == 0) & (pl.col("high") == 0) & (pl.col("low") == 0)))
    df = df.select(cols)
    p2 = pl.col("code6").str.slice(0, 2)
    p3 = pl.col("code6").str.slice(0, 3)
    # Board from the code; B shares (900, 200/201), preferred shares (140) and anything
    # else without a board are not computed.
    df = df.with_columns(
        pl.when(p2 == "68").then(pl.lit("star"))
        .when(p3.is_in(["600", "601", "603", "605"])).then(pl.lit("shmain"))
        .when(p3.is_in(["000", "001", "002", "003"])).then(pl.lit("szmain"))
        .when(p3.is_in(["300", "301", "302"])).then(pl.lit("chinext"))
        .when(p2.is_in(["92", "43", "83", "87"]) | ((p2 == "88") & (p3 != "889"))).then(pl.lit("bse"))
        .otherwise(None).alias("board"),
    ).filter(pl.col("board").is_not_null())
    df = df.with_columns(
        pl.when(p2.is_in(["60", "68"])).then(pl.lit("SH"))
        .when(p2.is_in(["00", "30"])).then(pl.lit("SZ"))
        .otherwise(pl.lit("BJ")).alias("ex"),
    )
    df = df.sort(["ex", "code6", "d"], maintain_order=True)
    # Exact repeats of a row are skipped (the Rust reader refuses conflicting ones).
    same = pl.col("code6") == pl.col("code6").shift(1)
    df = df.filter(~(same & (pl.col("d") == pl.col("d").shift(1))).fill_null(False))
    same = (pl.col("code6") == pl.col("code6").shift(1)).fill_null(False)
    df = df.with_columns(
        pl.int_range(pl.len()).alias("row"),
        (~same).cum_sum().alias("sid"),
    )
    g = "sid"
    df = df.with_columns(
        pl.int_range(pl.len()).over(g).alias("k"),
        pl.col("d").first().over(g).alias("first"),
    )
    # Where each exchange's data begins: the date most of its stocks begin on (earliest on
    # a tie). A stock whose first bar is later listed that day.
    starts = (
        df.filter(pl.col("k") == 0).group_by("ex", "first").len()
        .sort(["ex", "len", "first"], descending=[False, True, False])
        .group_by("ex", maintain_order=True).first()
        .select("ex", pl.col("first").alias("data_start"))
    )
    df = df.join(starts, on="ex", how="left", maintain_order="left")
    pc_prev = pl.when(pl.col("k") > 0).then(pl.col("c").shift(1))
    board, first = pl.col("board"), pl.col("first")
    registration = (
        (board == "star")
        | ((board == "chinext") & (first >= CHINEXT_REFORM))
        | (board.is_in(["shmain", "szmain"]) & (first >= MAIN_REGISTRATION))
    )
    ipo = (first > pl.col("data_start")) & pl.when(registration).then(pl.col("k") < 5).otherwise(pl.col("k") == 0)
    df = df.with_columns(pl.coalesce(pl.col("pcf"), pc_prev).alias("pc"), ipo.alias("ipo"))
    df = df.with_columns(((pl.col("pc") > 0) & ~pl.col("ipo")).fill_null(False).alias("limited"))

    # ST judgement (§2.2a), over the stocks with an ST mark where the ST limit differs.
    d = pl.col("d")
    differs = ((board.is_in(["shmain", "szmain"]) & (d < MAIN_ST_10PCT_SINCE))
               | ((board == "chinext") & (d < CHINEXT_REFORM)))
    df = df.with_columns(differs.alias("differs"))
    cand = df.filter((pl.col("st") & pl.col("differs")).any().over(g))
    if cand.height:
        up, dn = limit_prices(limit_pct(pl.col("st")))
        nup, ndn = limit_prices(limit_pct(pl.lit(False)))
        c, h, lo = pl.col("c"), pl.col("h"), pl.col("l")
        cand = cand.with_columns(
            (pl.col("st") & pl.col("differs") & pl.col("limited")
             & ((c > up) | (h > up)
                | (pl.col("pcf").is_not_null() & ((c < dn) | (lo < dn))))).alias("refute"),
            (pl.col("limited") & (((up == c) & (nup != c)) | ((dn == c) & (ndn != c)))).alias("agree"),
        )
        judged = judge_st(cand)
        rows = judged["row"].to_numpy()
        df = df.with_columns(
            df["st"].scatter(rows, judged["st"]),
            pl.Series("unknown", np.zeros(df.height, dtype=bool)).scatter(rows, judged["unknown"]),
        )
    else:
        df = df.with_columns(pl.lit(False).alias("unknown"))

    limited = pl.col("limited") & ~pl.col("unknown")
    pct = limit_pct(pl.col("st"))
    up, dn = limit_prices(pct)
    df = df.with_columns(
        pl.when(limited).then(pct).alias("pct"),
        pl.when(limited).then(up).alias("up"),
        pl.when(limited).then(dn).alias("dn"),
    )
    up = pl.col("up")
    lu = (pl.col("c") == up).fill_null(False)
    df = df.with_columns(
        lu.alias("lu"),
        (pl.col("c") == pl.col("dn")).fill_null(False).alias("ld"),
        ((pl.col("h") >= up) & (pl.col("c") < up)).fill_null(False).alias("blown"),
        ((pl.col("o") == up) & (pl.col("h") == up)
         & (pl.col("l") == up) & (pl.col("c") == up)).fill_null(False).alias("one"),
        pl.when(pl.col("pc") > 0).then(pl.col("c") / pl.col("pc")).alias("ratio"),
    )
    # Streak: limit-up closes in a row within a stock.
    cs = pl.col("lu").cast(pl.Int64).cum_sum()
    base = pl.when(~pl.col("lu")).then(cs).when(pl.col("k") == 0).then(cs - 1)
    r = pl.col("ratio")
    growth = r.shift(4) * r.shift(3) * r.shift(2) * r.shift(1) * r - 1
    # CSV gets the date as text and flags as 0/1; Parquet (as hypecheck writes it) a date
    # and booleans.
    parquet = dst.endswith(".parquet")
    date = pl.col("d") if parquet else pl.col("d").dt.to_string("%Y-%m-%d")
    flag = pl.Boolean if parquet else pl.Int8
    out = df.select(
        (pl.col("code6") + "." + pl.col("ex")).alias("code"),
        date.alias("date"),
        pl.col("c").alias("close_fen"),
        pl.col("pc").alias("prev_close_fen"),
        pl.col("pct").alias("limit_pct"),
        pl.col("up").alias("limit_up_fen"),
        pl.col("dn").alias("limit_down_fen"),
        pl.col("lu").cast(flag).alias("limit_up"),
        pl.col("ld").cast(flag).alias("limit_down"),
        pl.col("blown").cast(flag).alias("blown"),
        pl.col("one").cast(flag).alias("one_price"),
        (cs - base.forward_fill()).alias("streak"),
        pl.when(pl.col("pc") > 0).then(pl.col("o") / pl.col("pc") - 1).alias("gap"),
        pl.when(pl.col("k") >= 5).then(growth).alias("ret5"),
        pl.when(~pl.col("unknown")).then(pl.col("st").cast(flag)).alias("st"),
    )
    if parquet:
        out.write_parquet(dst, compression="snappy")
    else:
        out.write_csv(dst, float_precision=6)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
