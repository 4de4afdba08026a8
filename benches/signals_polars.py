"""Reference implementation of `hypecheck signals` in polars, for the side-by-side benchmark.

Usage: python3 signals_polars.py INPUT.csv[.gz] OUTPUT.csv

Computes the same columns with the same rules as the Rust command (see README "signals"):
board from the code, limit percentage by board / ST name prefix / date, limit prices in
integer fen with half-up rounding (BSE: up truncated, down rounded up), prev close from the
file's prev_close column or the previous bar, no-limit IPO days for stocks whose first bar is
later than the first date of their exchange in the file, streaks, gap and 5-day return.
"""

import sys
from datetime import date

import polars as pl


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
        pl.col("name").fill_null("").str.contains(r"^(\*ST|ST|S\*ST|SST)").alias("st"),
    ]
    if has_prev:
        cols.append(fen("prev_close").alias("pc_file"))
    # Suspended days (open, high and low all zero) are not trading days: drop them, as
    # the Rust reader does.
    df = df.filter(~((pl.col("open") == 0) & (pl.col("high") == 0) & (pl.col("low") == 0)))
    df = df.select(cols)
    p2 = pl.col("code6").str.slice(0, 2)
    df = df.with_columns(
        pl.when(p2.is_in(["60", "68", "90"])).then(pl.lit("SH"))
        .when(p2.is_in(["00", "30", "20"])).then(pl.lit("SZ"))
        .when(p2.is_in(["92", "43", "83", "87", "88"])).then(pl.lit("BJ"))
        .otherwise(None).alias("ex"),
    )
    df = df.with_columns(
        pl.when(p2 == "68").then(pl.lit("star"))
        .when(pl.col("code6").str.slice(0, 3).is_in(["600", "601", "603", "605"])).then(pl.lit("shmain"))
        .when(pl.col("code6").str.slice(0, 3).is_in(["000", "001", "002", "003"])).then(pl.lit("szmain"))
        .when(pl.col("code6").str.slice(0, 3).is_in(["300", "301", "302"])).then(pl.lit("chinext"))
        .when(pl.col("ex") == "BJ").then(pl.lit("bse"))
        .otherwise(None).alias("board"),
    ).filter(pl.col("board").is_not_null())
    df = df.sort(["ex", "code6", "d"])
    g = ["ex", "code6"]
    df = df.with_columns(
        pl.int_range(pl.len()).over(g).alias("k"),
        pl.col("d").min().over(g).alias("first"),
        pl.col("d").min().over("ex").alias("ex_first"),
        pl.col("c").shift(1).over(g).alias("pc_prev"),
        pl.col("c").shift(5).over(g).alias("c5"),
    )
    pc = pl.coalesce(pl.col("pc_file"), pl.col("pc_prev")) if has_prev else pl.col("pc_prev")
    listed_in_file = pl.col("first") > pl.col("ex_first")
    board = pl.col("board")
    d = pl.col("d")
    registration = (
        (board == "star")
        | ((board == "chinext") & (pl.col("first") >= date(2020, 8, 24)))
        | (board.is_in(["shmain", "szmain"]) & (pl.col("first") >= date(2023, 4, 10)))
    )
    no_limit = pc.is_null() | (listed_in_file & (
        (registration & (pl.col("k") < 5)) | (pl.col("k") == 0)
    ))
    main = board.is_in(["shmain", "szmain"])
    pct = (
        pl.when(no_limit).then(None)
        .when(board == "bse").then(30)
        .when(board == "star").then(20)
        .when(board == "chinext").then(pl.when(d >= date(2020, 8, 24)).then(20)
                                       .when(pl.col("st")).then(5).otherwise(10))
        .when(main & pl.col("st") & (d < date(2026, 7, 6))).then(5)
        .otherwise(10)
    )
    df = df.with_columns(pc.alias("pc"), pct.cast(pl.Int64).alias("pct"))
    up_num = pl.col("pc") * (100 + pl.col("pct"))
    dn_num = pl.col("pc") * (100 - pl.col("pct"))
    bse = pl.col("ex") == "BJ"
    df = df.with_columns(
        pl.when(bse).then(up_num // 100).otherwise((up_num + 50) // 100).alias("up"),
        pl.when(bse).then(-((-dn_num) // 100)).otherwise((dn_num + 50) // 100).alias("dn"),
    )
    lu = (pl.col("c") == pl.col("up")).fill_null(False)
    df = df.with_columns(
        lu.alias("lu"),
        (pl.col("c") == pl.col("dn")).fill_null(False).alias("ld"),
        ((pl.col("h") >= pl.col("up")) & (pl.col("c") < pl.col("up"))).fill_null(False).alias("blown"),
        ((pl.col("o") == pl.col("up")) & (pl.col("h") == pl.col("up"))
         & (pl.col("l") == pl.col("up")) & (pl.col("c") == pl.col("up"))).fill_null(False).alias("one"),
    )
    # Streak: run length of consecutive limit-up closes per stock.
    df = df.with_columns((~pl.col("lu")).cum_sum().over(g).alias("run"))
    df = df.with_columns(
        pl.when(pl.col("lu")).then(pl.col("lu").cast(pl.Int64).cum_sum().over(g + ["run"]))
        .otherwise(0).alias("streak")
    )
    out = df.select(
        (pl.col("code6") + "." + pl.col("ex")).alias("code"),
        pl.col("d").dt.to_string("%Y-%m-%d").alias("date"),
        pl.col("c").alias("close_fen"),
        pl.col("pc").alias("prev_close_fen"),
        pl.col("pct").alias("limit_pct"),
        pl.col("up").alias("limit_up_fen"),
        pl.col("dn").alias("limit_down_fen"),
        pl.col("lu").cast(pl.Int8).alias("limit_up"),
        pl.col("ld").cast(pl.Int8).alias("limit_down"),
        pl.col("blown").cast(pl.Int8).alias("blown"),
        pl.col("one").cast(pl.Int8).alias("one_price"),
        pl.col("streak"),
        (pl.col("o") / pl.col("pc") - 1).alias("gap"),
        (pl.col("c") / pl.col("c5") - 1).alias("ret5"),
    )
    out.write_csv(dst, float_precision=6)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
