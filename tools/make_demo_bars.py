"""Writes demo/bars.csv and demo/index.csv: the bundled, entirely FICTIONAL sample of
`hypecheck demo` (companies, codes, prices and index levels are invented; the codes are
unissued ones chosen so they cannot be mistaken for real stocks).

Run from the repository root: python3 tools/make_demo_bars.py
The market rules are applied exactly (integer fen, half up; BSE truncated), so the
limit-up days below are limit-up days to hypecheck.
"""

import csv
import datetime as dt

START, END = dt.date(2025, 3, 3), dt.date(2025, 4, 30)
HOLIDAYS = {dt.date(2025, 4, 4)}  # 清明节
DAYS = [START + dt.timedelta(n) for n in range((END - START).days + 1)]
DAYS = [d for d in DAYS if d.weekday() < 5 and d not in HOLIDAYS]


def up(pc, pct, bse=False):
    num = pc * (100 + pct)
    return num // 100 if bse else (num + 50) // 100


# code, name, limit pct, start price (fen), plan: date -> move
# move: "U" limit-up close (one-price when "U1"), "B" touched the limit and fell back
# (炸板), or a daily change in basis points.
STOCKS = [
    ("605890", "云帆科技", 10, 812, {"2025-04-11": "U", "2025-04-14": "U1", "2025-04-15": "U1",
                                   "2025-04-16": "U", "2025-04-17": "U", "2025-04-18": "B"}),
    ("003890", "星河数据", 10, 1526, {"2025-04-14": "U", "2025-04-15": "U", "2025-04-16": "U",
                                    "2025-04-17": -420, "2025-04-18": 310}),
    ("301890", "磐石电子", 20, 2418, {"2025-04-09": 650, "2025-04-10": 480, "2025-04-11": "U",
                                    "2025-04-14": 520, "2025-04-15": 730, "2025-04-16": 410,
                                    "2025-04-17": 260, "2025-04-18": 380}),
    ("688890", "青禾软件", 20, 3350, {"2025-04-15": "U", "2025-04-16": "U", "2025-04-17": -650,
                                    "2025-04-18": 120}),
    ("605891", "远山股份", 10, 645, {"2025-04-16": "U", "2025-04-17": "U", "2025-04-18": -230}),
    ("003891", "北辰信息", 10, 1105, {"2025-04-15": 150, "2025-04-16": -90, "2025-04-17": 60}),
    ("605892", "天穹传媒", 10, 733, {"2025-04-15": 540, "2025-04-16": "U", "2025-04-17": "U",
                                   "2025-04-18": 210}),
    ("920890", "海鸥智能", 30, 1880, {"2025-04-14": "U", "2025-04-15": 1150, "2025-04-16": 640,
                                    "2025-04-17": -380, "2025-04-18": 520}),
]

INDICES = [("000001.SH", 3324.49), ("399001.SZ", 10420.18), ("399006.SZ", 2101.33),
           ("000688.SH", 1012.65)]


def wiggle(i, code):
    """A small deterministic daily move in basis points (−80..+80)."""
    return ((i * 37 + int(code) * 11) % 161) - 80


def main():
    with open("demo/bars.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "date", "open", "high", "low", "close", "prev_close",
                    "volume", "amount"])
        for code, name, pct, price, plan in STOCKS:
            bse = code.startswith("92")
            pc = price
            for i, d in enumerate(DAYS):
                move = plan.get(d.isoformat(), wiggle(i, code))
                lim = up(pc, pct, bse)
                if move in ("U", "U1"):
                    close = lim
                    o, h, l = (lim, lim, lim) if move == "U1" else (pc + (lim - pc) // 3, lim, pc)
                elif move == "B":
                    close = pc + (lim - pc) // 2
                    o, h, l = pc + (lim - pc) // 4, lim, pc
                else:
                    close = max(1, pc + pc * move // 10000)
                    o = pc
                    h, l = max(o, close) + pc // 200, min(o, close) - pc // 250
                vol = 1_000_000 + (i * 7919 + int(code)) % 900_000
                if move in ("U", "U1", "B"):
                    vol *= 3
                w.writerow([code, name, d.isoformat(), f"{o / 100:.2f}", f"{h / 100:.2f}",
                            f"{l / 100:.2f}", f"{close / 100:.2f}", f"{pc / 100:.2f}", vol,
                            f"{vol * close / 100:.0f}"])
                pc = close
    with open("demo/index.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "date", "open", "high", "low", "close"])
        for code, level in INDICES:
            for i, d in enumerate(DAYS):
                nxt = level * (1 + (((i * 53 + len(code)) % 41) - 20) / 10000)
                w.writerow([code, d.isoformat(), f"{level:.2f}", f"{max(level, nxt) * 1.002:.2f}",
                            f"{min(level, nxt) * 0.998:.2f}", f"{nxt:.2f}"])
                level = nxt


if __name__ == "__main__":
    main()
