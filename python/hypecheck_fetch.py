#!/usr/bin/env python3
"""hypecheck's live-data bridge: fetches A-share data through AkShare and writes it as
files in hypecheck's import formats (docs/design.md section 4), one file per request.

The Rust binary embeds this program and runs it with ``python3``; it can also be run by
hand. It depends only on ``akshare`` and ``pandas`` (Python >= 3.9).

Subcommands and the files they write under ``--out DIR``:

``bars CODE... --from D --to D``
    ``bars/CODE.EX_FROM_TO.csv``: the AkShare ``stock_zh_a_hist`` CSV as AkShare returns it,
    always unadjusted (``adjust=""``): ``日期,股票代码,开盘,收盘,最高,最低,成交量,成交额,振幅,
    涨跌幅,涨跌额,换手率``, dates ISO, 成交量 in 手 (lots of 100 shares), 成交额 in yuan.
    We keep the vendor format rather than normalising because hypecheck's importer already
    reads it (and derives the exact previous close as 收盘 - 涨跌额, which a generic CSV
    without ``prev_close`` would lose on ex-rights days).
``index CODE... --from D --to D``
    ``index/CODE.EX_FROM_TO.csv``: generic CSV ``code,date,open,high,low,close,volume,amount``
    from ``stock_zh_index_daily_em`` (which takes the exchange explicitly, e.g. ``sh000001``;
    ``index_zh_a_hist`` guesses it from a code map). Volume is converted from 手 to shares.
``qa CODE...``
    ``qa/CODE.EX_TODAY.jsonl``: documents with ``kind: "qa"``. SSE codes come from 上证e互动
    (``stock_sns_sseinfo``, ``source: "sse"``), SZSE codes from 互动易 (``stock_irm_cninfo``,
    ``source: "szse"``). ``date`` is the answer date when answered, else the question date.
    互动易's list has no answer time: its 更新时间 (last update) stands in for it unless
    ``--answer-dates`` asks ``stock_irm_ans_cninfo`` for each answered question (slow).
``announcements CODE... --from D --to D [--titles A,B] [--no-pdf] [--timeout S]``
    ``announcements/CODE.EX_FROM_TO.jsonl``: documents with ``kind: "announcement"``,
    ``title``, ``url``, ``date`` and the exchange's id. Default source cninfo
    (``stock_zh_a_disclosure_report_cninfo``; ``url`` is the detail page, the id
    ``cninfo:ANNOUNCEMENT_ID``). Each listed announcement's PDF is downloaded from
    ``http://static.cninfo.com.cn/finalpage/DATE/ANNOUNCEMENT_ID.PDF`` (DATE the day of
    公告时间) into ``announcements/pdf/ANNOUNCEMENT_ID.pdf`` and the document line names it
    (``"pdf": "pdf/ANNOUNCEMENT_ID.pdf"``, relative to the JSON Lines file); hypecheck
    extracts the text when it imports the line. Downloads: at most two at a time, a
    User-Agent, ``--timeout`` seconds per read, 429 and 5xx retried with exponential backoff
    (honouring Retry-After, capped), redirects capped; a body that is not a whole PDF (an
    HTML error page, a truncated file) is refused. A PDF already in the cache is not fetched
    again (``--force`` fetches it again). An announcement whose PDF fails is left out of
    the file and reported; the file is then marked incomplete (``FILE.incomplete``) so that
    the next run lists again and fetches only the missing PDFs. ``--titles`` keeps announcements whose title contains one of the
    comma-separated words (e.g. ``异常波动,风险提示,澄清,问询,关注函``) and ``--no-pdf`` lists
    titles only; both are part of the file name. ``--source eastmoney`` uses
    ``stock_individual_notice_report`` and lists titles only (no PDF address is known).
    ``HYPECHECK_CNINFO_STATIC`` replaces the PDF host and ``HYPECHECK_FETCH_BACKOFF`` the
    first backoff in seconds (tests use a local server and no wait).
``segments CODE...``
    ``segments/CODE.EX.csv``: generic ``code,period,kind,segment,revenue,share`` from
    ``stock_zygc_em`` (kind is industry/product/region/other, revenue in yuan, share a
    fraction as AkShare returns it).
``shares CODE...``
    ``shares/CODE.EX_TODAY.csv``: ``code,date,float_shares,total_shares`` (in shares) from
    ``stock_zh_a_gbjg_em`` (东方财富 股本结构: 变更日期, 已上市流通A股 as the float, 总股本),
    one row per change, oldest first, each holding from its date on; written as of the
    fetch day, so a later day fetches the history again.
``st``
    Two files, for ST status from evidence (docs/market-rules.md section 2.2a):
    ``names/szse_names_TODAY.csv``: ``code,date,name`` from ``stock_info_sz_change_name``
    (SZSE, ``symbol="简称变更"``: 变更日期, 证券代码, 变更前简称, 变更后简称), one row per change
    (the name from that date on) plus, per stock, its name before its first change with an
    empty date. The SSE publishes no such list through AkShare (``stock_info_change_name``
    lists former names without dates), so SSE stocks get no dated names.
    ``st/st_board_TODAY.csv``: the current 风险警示板 from ``stock_zh_a_st_em`` (SSE and SZSE)
    as a one-day Tushare ``stock_st`` list (``ts_code,name,trade_date,type,type_name``,
    trade_date TODAY): every stock it names was ST that day and every other was not. The
    list carries no dates of its own, so it says nothing about earlier days. Events name the
    source in ``board`` (``szse_names``, ``st_board``).
``members --board NAME``
    ``members/NAME.csv``: ``code,name,reason,source,date`` from
    ``stock_board_concept_cons_em`` (source ``eastmoney``; no reason is available; date is
    the fetch date, the day the membership was observed).

Every event is one JSON object per line on stdout:
``{"event": "progress"|"ok"|"error", "code": ..., "file": ..., "message": ..., "rows": ...}``.
A failing stock is reported and the others continue. A file already written for the same
request is skipped (resume) unless ``--force``; files are written to a temporary name and
renamed, so a killed run never leaves a half file that looks done.

Exit codes: 0 all requests succeeded, 1 some failed, 2 bad usage, 3 akshare not importable.

Checked against AkShare 1.19.5: every function called exists and takes the keywords passed,
and every column read is named in the function's source (``python/tests/akshare_contract.py``,
run by the Rust test suite with the AkShare that ``.ci/run`` installs, without network).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_AKSHARE = 3

BARS_COLUMNS = [
    "日期", "股票代码", "开盘", "收盘", "最高", "最低",
    "成交量", "成交额", "振幅", "涨跌幅", "涨跌额", "换手率",
]
INDEX_COLUMNS = ["date", "open", "close", "high", "low", "volume", "amount"]
IRM_COLUMNS = ["问题", "回答内容", "提问时间", "更新时间", "问题编号"]
SSE_COLUMNS = ["问题", "回答", "问题时间", "回答时间"]
CNINFO_ANN_COLUMNS = ["公告标题", "公告时间", "公告链接"]
EM_ANN_COLUMNS = ["公告标题", "公告日期", "网址"]
ZYGC_COLUMNS = ["报告日期", "分类类型", "主营构成", "主营收入", "收入比例"]
GBJG_COLUMNS = ["变更日期", "总股本", "已上市流通A股"]
CONS_COLUMNS = ["代码", "名称"]
ST_BOARD_COLUMNS = ["代码", "名称"]
SZ_NAME_COLUMNS = ["变更日期", "证券代码", "变更前简称", "变更后简称"]

PDF_HOST_ENV = "HYPECHECK_CNINFO_STATIC"
PDF_HOST = "http://static.cninfo.com.cn"
BACKOFF_ENV = "HYPECHECK_FETCH_BACKOFF"
BACKOFF = 2.0  # seconds before the first retry; doubled each time
RETRIES = 3  # retries of a 429 or 5xx answer
RETRY_AFTER_CAP = 60.0  # the longest Retry-After honoured, in seconds
MAX_PARALLEL = 2  # downloads at a time: the exchange's site is shared by everyone
MAX_REDIRECTS = 5
MAX_PDF_BYTES = 64 << 20  # no announcement is larger; the Rust side caps inflation too
USER_AGENT = "hypecheck-fetch/1 (announcement text for a research tool; 2 connections at most)"

SEGMENT_KINDS = {"按行业分类": "industry", "按产品分类": "product", "按地区分类": "region"}
LOTS = 100  # shares per 手


class UsageError(ValueError):
    """A bad argument: exit code 2."""


class FetchError(Exception):
    """One request failed; the message says why in the user's terms."""


# ---------------------------------------------------------------- codes and dates


def _split_exchange(text: str) -> Tuple[Optional[str], str]:
    t = text.strip()
    exchanges = {"SH": "SH", "SS": "SH", "SZ": "SZ", "BJ": "BJ"}
    m = re.fullmatch(r"(\d{6})\.([A-Za-z]{2})", t) or None
    if m:
        ex = exchanges.get(m.group(2).upper())
        if ex:
            return ex, m.group(1)
    m = re.fullmatch(r"([A-Za-z]{2})\.?(\d{6})", t)
    if m:
        ex = exchanges.get(m.group(1).upper())
        if ex:
            return ex, m.group(2)
    if re.fullmatch(r"\d{6}", t):
        return None, t
    raise UsageError(
        f"'{text}' is not a security code: expected six digits such as 002881, "
        "002881.SZ or sz002881"
    )


def parse_stock(text: str) -> Tuple[str, str]:
    """Returns (exchange, code) for a stock code in any form of docs/design.md section 3."""
    ex, code = _split_exchange(text)
    if ex is None:
        prefix = code[:2]
        if prefix in ("60", "68", "90"):
            ex = "SH"
        elif prefix in ("00", "30", "20"):
            ex = "SZ"
        elif prefix in ("92", "43", "83", "87", "88"):
            ex = "BJ"
        else:
            raise UsageError(
                f"'{text}': the exchange cannot be inferred from the code; "
                "write it as CODE.SH, CODE.SZ or CODE.BJ"
            )
    return ex, code


def parse_index(text: str) -> Tuple[str, str]:
    """Returns (exchange, code) for an index; the exchange must be written except for the
    unambiguous SZSE 399xxx and BSE 899xxx families (000001.SH is an index, 000001.SZ a
    stock)."""
    ex, code = _split_exchange(text)
    if ex is None:
        if code.startswith("399"):
            ex = "SZ"
        elif code.startswith("899"):
            ex = "BJ"
        else:
            raise UsageError(
                f"'{text}': an index needs its exchange, e.g. {code}.SH or {code}.SZ"
            )
    return ex, code


def parse_day(text: str) -> dt.date:
    """Accepts YYYYMMDD or YYYY-MM-DD."""
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            pass
    raise UsageError(f"'{text}' is not a date: expected YYYYMMDD or YYYY-MM-DD")


def iso_prefix(value: Any) -> Optional[str]:
    """The ISO date at the start of a 'YYYY-MM-DD[ HH:MM:SS]' string, date or timestamp."""
    if _is_missing(value):  # before strftime: pandas.NaT is a datetime that cannot format
        return None
    if isinstance(value, (dt.date, dt.datetime)) or hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def loose_date(value: Any, today: dt.date) -> Optional[str]:
    """Reads the free-form times of 上证e互动 pages: '2024-05-20 10:30', '2024年05月20日',
    '05月20日 10:30' (this year, or last year if that would be in the future), '今天',
    '昨天', 'N天前', 'N小时前', 'N分钟前', '刚刚'."""
    if _is_missing(value):
        return None
    s = str(value).strip()
    m = re.search(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})", s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    m = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", s)
    if m:
        try:
            d = dt.date(today.year, int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
        if d > today:
            d = d.replace(year=today.year - 1)
        return d.isoformat()
    if re.search(r"刚刚|今天|\d+\s*(分钟|小时)前", s):
        return today.isoformat()
    if "昨天" in s:
        return (today - dt.timedelta(days=1)).isoformat()
    m = re.search(r"(\d+)\s*天前", s)
    if m:
        return (today - dt.timedelta(days=int(m.group(1)))).isoformat()
    return None


def _is_missing(value: Any) -> bool:
    if value is None or type(value).__name__ == "NAType":  # pandas.NA, without importing pandas
        return True
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


def text_of(value: Any) -> str:
    """A cell as trimmed text; None/NaN become ''."""
    return "" if _is_missing(value) else str(value).strip()


def number_of(value: Any) -> str:
    """A numeric cell as CSV text; NaN becomes an empty field."""
    if _is_missing(value):
        return ""
    f = float(value)
    return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)


def strip_tags(s: str) -> str:
    return re.sub(r"<[^>]+>", "", s)


# ---------------------------------------------------------------- output helpers


class Events:
    """One JSON object per line on stdout, flushed at once so the Rust side sees progress."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stdout
        self.errors = 0

    def emit(self, event: str, code: Optional[str] = None, **fields: Any) -> None:
        obj: Dict[str, Any] = {"event": event}
        if code is not None:
            obj["code"] = code
        obj.update({k: v for k, v in fields.items() if v is not None})
        if event == "error":
            self.errors += 1
        self.stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.stream.flush()


def write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(content)
    os.replace(tmp, path)


def csv_text(header: List[str], rows: Iterable[List[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(row)
    return buf.getvalue()


def jsonl_text(docs: Iterable[Dict[str, Any]]) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def require_columns(df: Any, columns: List[str], func: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FetchError(
            f"{func} returned no column {', '.join(missing)} (has: "
            f"{', '.join(map(str, df.columns)) or 'none'}); the AkShare version may differ"
        )


def file_stem(name: str) -> str:
    """A file name for a board name: path separators and control characters replaced."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip() or "_"


# ---------------------------------------------------------------- fetchers
# Each takes the akshare module and one request, and returns (file content, row count,
# note). They raise FetchError (or whatever AkShare raises) on failure.


def fetch_bars(ak: Any, ex: str, code: str, start: dt.date, end: dt.date, _o: Any):
    df = ak.stock_zh_a_hist(
        symbol=code, period="daily", start_date=start.strftime("%Y%m%d"),
        end_date=end.strftime("%Y%m%d"), adjust="",
    )
    if df is None or len(df) == 0:
        raise FetchError("stock_zh_a_hist returned no rows (suspended, not listed yet, or a wrong code?)")
    require_columns(df, BARS_COLUMNS, "stock_zh_a_hist")
    rows = []
    for rec in df[BARS_COLUMNS].itertuples(index=False):
        day = iso_prefix(rec[0])
        if day is None:
            continue
        rows.append([day, code] + [number_of(v) for v in rec[2:]])
    return csv_text(BARS_COLUMNS, rows), len(rows), None


def fetch_index(ak: Any, ex: str, code: str, start: dt.date, end: dt.date, _o: Any):
    df = ak.stock_zh_index_daily_em(
        symbol=ex.lower() + code, start_date=start.strftime("%Y%m%d"),
        end_date=end.strftime("%Y%m%d"),
    )
    if df is None or len(df) == 0:
        raise FetchError("stock_zh_index_daily_em returned no rows (wrong exchange or code?)")
    require_columns(df, INDEX_COLUMNS, "stock_zh_index_daily_em")
    header = ["code", "date", "open", "high", "low", "close", "volume", "amount"]
    rows = []
    for r in df[INDEX_COLUMNS].to_dict("records"):
        day = iso_prefix(r["date"])
        if day is None:
            continue
        vol = "" if _is_missing(r["volume"]) else number_of(float(r["volume"]) * LOTS)
        rows.append([f"{code}.{ex}", day, number_of(r["open"]), number_of(r["high"]),
                     number_of(r["low"]), number_of(r["close"]), vol, number_of(r["amount"])])
    return csv_text(header, rows), len(rows), None


def fetch_qa(ak: Any, ex: str, code: str, _s: Any, _e: Any, opts: argparse.Namespace):
    full = f"{code}.{ex}"
    if ex == "SH":
        return _qa_sse(ak, code, full, opts.today)
    if ex == "SZ":
        return _qa_szse(ak, code, full, opts.answer_dates)
    raise FetchError("AkShare has no investor Q&A source for Beijing Stock Exchange codes")


def _qa_sse(ak: Any, code: str, full: str, today: dt.date):
    df = ak.stock_sns_sseinfo(symbol=code)
    docs: List[Dict[str, Any]] = []
    dropped = 0
    if df is not None and len(df) > 0:
        require_columns(df, SSE_COLUMNS, "stock_sns_sseinfo")
        for r in df.to_dict("records"):
            answer = text_of(r["回答"])
            day = (loose_date(r["回答时间"], today) if answer else None) or loose_date(
                r["问题时间"], today)
            if day is None:
                dropped += 1
                continue
            docs.append({"code": full, "date": day, "kind": "qa", "question": text_of(r["问题"]),
                         "answer": answer, "source": "sse"})
    note = f"dropped {dropped} rows with unreadable dates" if dropped else None
    return jsonl_text(docs), len(docs), note


def _qa_szse(ak: Any, code: str, full: str, answer_dates: bool):
    df = ak.stock_irm_cninfo(symbol=code)
    docs: List[Dict[str, Any]] = []
    dropped = 0
    if df is not None and len(df) > 0:
        require_columns(df, IRM_COLUMNS, "stock_irm_cninfo")
        for r in df.to_dict("records"):
            answer = text_of(r["回答内容"])
            qid = text_of(r["问题编号"])
            day = None
            if answer:
                day = iso_prefix(r["更新时间"])
                if answer_dates and qid:
                    day = _irm_answer_date(ak, qid) or day
            day = day or iso_prefix(r["提问时间"])
            if day is None:
                dropped += 1
                continue
            doc: Dict[str, Any] = {"code": full, "date": day, "kind": "qa",
                                   "question": text_of(r["问题"]), "answer": answer,
                                   "source": "szse"}
            if qid:
                doc["id"] = f"szse:{qid}"
                doc["url"] = ("https://irm.cninfo.com.cn/ircs/question/questionDetail"
                              f"?questionId={qid}")
            docs.append(doc)
    note = f"dropped {dropped} rows with unreadable dates" if dropped else None
    return jsonl_text(docs), len(docs), note


def _irm_answer_date(ak: Any, qid: str) -> Optional[str]:
    ans = ak.stock_irm_ans_cninfo(symbol=qid)
    if ans is None or len(ans) == 0 or "回答时间" not in ans.columns:
        return None
    return iso_prefix(ans["回答时间"].iloc[0])


def fetch_announcements(ak: Any, ex: str, code: str, start: dt.date, end: dt.date,
                        opts: argparse.Namespace):
    full = f"{code}.{ex}"
    docs: List[Dict[str, Any]] = []
    if opts.source == "cninfo":
        df = ak.stock_zh_a_disclosure_report_cninfo(
            symbol=code, market="沪深京", keyword="", category="",
            start_date=start.strftime("%Y%m%d"), end_date=end.strftime("%Y%m%d"))
        if df is not None and len(df) > 0:
            require_columns(df, CNINFO_ANN_COLUMNS, "stock_zh_a_disclosure_report_cninfo")
            for r in df.to_dict("records"):
                url = text_of(r["公告链接"])
                doc = {"code": full, "date": iso_prefix(r["公告时间"]), "kind": "announcement",
                       "title": strip_tags(text_of(r["公告标题"])), "url": url,
                       "source": "cninfo"}
                m = re.search(r"announcementId=(\d+)", url)
                if m:
                    doc["id"] = f"cninfo:{m.group(1)}"
                docs.append(doc)
    else:
        df = ak.stock_individual_notice_report(
            security=code, symbol="全部", begin_date=start.isoformat(),
            end_date=end.isoformat())
        if df is not None and len(df) > 0:
            require_columns(df, EM_ANN_COLUMNS, "stock_individual_notice_report")
            for r in df.to_dict("records"):
                url = text_of(r["网址"])
                doc = {"code": full, "date": iso_prefix(r["公告日期"]), "kind": "announcement",
                       "title": strip_tags(text_of(r["公告标题"])), "url": url,
                       "source": "eastmoney"}
                m = re.search(r"/([A-Za-z0-9]+)\.html$", url)
                if m:
                    doc["id"] = f"eastmoney:{m.group(1)}"
                docs.append(doc)
    kept = [d for d in docs if d["date"] is not None]
    dropped = len(docs) - len(kept)
    notes = [f"dropped {dropped} rows with unreadable dates"] if dropped else []
    if opts.titles:
        kept = [d for d in kept if any(w in d["title"] for w in opts.titles)]
    failed: List[str] = []
    if opts.source == "cninfo" and not opts.no_pdf:
        kept, failed = download_pdfs(kept, Path(opts.out) / "announcements", opts)
        if failed:
            notes.append(f"{len(failed)} PDFs not downloaded")
    return jsonl_text(kept), len(kept), "; ".join(notes) or None, failed


# ---------------------------------------------------------------- announcement PDFs


def pdf_address(host: str, ann_id: str, day: str) -> str:
    """cninfo's static address of an announcement's PDF: the day of 公告时间 and the id."""
    return f"{host.rstrip('/')}/finalpage/{day}/{ann_id}.PDF"


def download_pdfs(docs: List[Dict[str, Any]], folder: Path, opts: argparse.Namespace):
    """Downloads the PDF of every document with a cninfo id (two at a time) into
    ``folder/pdf/ID.pdf`` unless it is there already and ``--force`` is not given. Returns
    the documents whose PDF is on disk, each with its ``pdf`` field, and one line per failed
    download."""
    host = os.environ.get(PDF_HOST_ENV) or PDF_HOST
    wanted = []
    for d in docs:
        ann_id = d.get("id", "").removeprefix("cninfo:")
        if not ann_id.isdigit():
            continue  # no id, no address: the list entry is kept without text
        rel = f"pdf/{ann_id}.pdf"
        wanted.append((d, ann_id, rel, pdf_address(host, ann_id, d["date"])))
    todo = [w for w in wanted if opts.force or not (folder / w[2]).exists()]
    errors: Dict[str, str] = {}
    if todo:
        with concurrent.futures.ThreadPoolExecutor(max_workers=MAX_PARALLEL) as pool:
            futures = {pool.submit(download_pdf, url, folder / rel, opts): ann_id
                       for _d, ann_id, rel, url in todo}
            for fut in concurrent.futures.as_completed(futures):
                try:
                    fut.result()
                except Exception as err:  # one bad file never stops the others
                    errors[futures[fut]] = describe(err)
    kept = []
    by_id = {w[1]: w for w in wanted}
    for d in docs:
        ann_id = d.get("id", "").removeprefix("cninfo:")
        if ann_id in errors:
            continue
        if ann_id in by_id:
            d = dict(d, pdf=by_id[ann_id][2])
        kept.append(d)
    failed = [f"{ann_id} {by_id[ann_id][0]['title']}: {why}"
              for ann_id, why in sorted(errors.items())]
    return kept, failed


def _retry_wait(attempt: int, retry_after: Optional[str], backoff: float) -> float:
    wait = backoff * (2 ** attempt)
    if retry_after and retry_after.strip().isdigit():
        wait = max(wait, float(retry_after.strip()))
    return min(wait, RETRY_AFTER_CAP)


def download_pdf(url: str, dest: Path, opts: argparse.Namespace) -> None:
    """Fetches one PDF into ``dest`` (through a ``.part`` file, renamed only once the body is
    a whole PDF) or raises FetchError saying why in the user's terms."""
    import requests  # noqa: PLC0415 - installed with akshare; only announcements need it

    backoff = float(os.environ.get(BACKOFF_ENV) or BACKOFF)
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    session.headers["User-Agent"] = USER_AGENT
    try:
        for attempt in range(RETRIES + 1):
            try:
                with session.get(url, timeout=opts.timeout, stream=True) as r:
                    if r.status_code == 429 or 500 <= r.status_code < 600:
                        if attempt < RETRIES:
                            time.sleep(_retry_wait(attempt, r.headers.get("Retry-After"), backoff))
                            continue
                        raise FetchError(f"HTTP {r.status_code} from {url} after "
                                         f"{RETRIES + 1} tries")
                    if r.status_code != 200:
                        raise FetchError(f"HTTP {r.status_code} from {url}")
                    body = bytearray()
                    for chunk in r.iter_content(64 << 10):
                        body.extend(chunk)
                        if len(body) > MAX_PDF_BYTES:
                            raise FetchError(f"{url} is larger than {MAX_PDF_BYTES >> 20} MiB")
                    check_pdf(bytes(body), url, r.headers.get("Content-Type", ""),
                              r.headers.get("Content-Length"))
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    tmp = dest.with_name(dest.name + ".part")
                    tmp.write_bytes(bytes(body))
                    os.replace(tmp, dest)
                    return
            except requests.Timeout:
                raise FetchError(f"no answer from {url} within {opts.timeout:g} s") from None
            except requests.TooManyRedirects:
                raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times "
                                 "(a redirect loop?)") from None
            except requests.RequestException as err:
                raise FetchError(f"cannot download {url}: {type(err).__name__}") from None
    finally:
        session.close()


def check_pdf(body: bytes, url: str, content_type: str, length: Optional[str]) -> None:
    """Refuses a body that is not a whole PDF: an error page served with status 200, or a
    transfer cut short."""
    if not body.startswith(b"%PDF-"):
        head = body[:40].decode("utf-8", "replace").strip().replace("\n", " ")
        raise FetchError(f"{url} is not a PDF (Content-Type {content_type or 'none'}, "
                         f"starts with {head!r})")
    if length and length.isdigit() and int(length) != len(body):
        raise FetchError(f"{url} was cut short: {len(body)} of {length} bytes")
    if b"%%EOF" not in body[-2048:]:
        raise FetchError(f"{url} is truncated: no %%EOF at its end ({len(body)} bytes)")


def fetch_segments(ak: Any, ex: str, code: str, _s: Any, _e: Any, _o: Any):
    df = ak.stock_zygc_em(symbol=ex + code)
    if df is None or len(df) == 0:
        raise FetchError("stock_zygc_em returned no rows (no revenue breakdown published?)")
    require_columns(df, ZYGC_COLUMNS, "stock_zygc_em")
    rows = []
    for r in df.to_dict("records"):
        period = iso_prefix(r["报告日期"])
        segment = text_of(r["主营构成"])
        if period is None or not segment:
            continue
        kind = SEGMENT_KINDS.get(text_of(r["分类类型"]), "other")
        rows.append([f"{code}.{ex}", period, kind, segment, number_of(r["主营收入"]),
                     number_of(r["收入比例"])])
    header = ["code", "period", "kind", "segment", "revenue", "share"]
    return csv_text(header, rows), len(rows), None


def fetch_shares(ak: Any, ex: str, code: str, _s: Any, _e: Any, _o: Any):
    """The share-count history (股本结构) of one stock, oldest first, in shares."""
    df = ak.stock_zh_a_gbjg_em(symbol=f"{code}.{ex}")
    if df is None or len(df) == 0:
        raise FetchError("stock_zh_a_gbjg_em returned no rows (no share structure published?)")
    require_columns(df, GBJG_COLUMNS, "stock_zh_a_gbjg_em")
    rows = []
    for r in df.to_dict("records"):
        day = iso_prefix(r["变更日期"])
        total = number_of(r["总股本"])
        if day is None or not total:
            continue
        rows.append([f"{code}.{ex}", day, number_of(r["已上市流通A股"]), total])
    rows.sort(key=lambda row: row[1])
    header = ["code", "date", "float_shares", "total_shares"]
    return csv_text(header, rows), len(rows), None


# ---------------------------------------------------------------- driver


def load_akshare(events: Events) -> Any:
    try:
        import akshare  # noqa: PLC0415 - optional dependency, imported only when needed
    except ImportError as err:
        events.emit("error", message=f"akshare is not importable ({err}); "
                    "install it with: pip install akshare")
        sys.exit(EXIT_NO_AKSHARE)
    return akshare


def run_per_code(args: argparse.Namespace, events: Events, ak: Any) -> None:
    spec = COMMANDS[args.command]
    parse = parse_index if args.command == "index" else parse_stock
    ranged = args.command in ("bars", "index", "announcements")
    start = end = None
    if ranged:
        start, end = parse_day(args.date_from), parse_day(args.date_to)
        if start > end:
            raise UsageError(f"--from {start} is after --to {end}")
    symbols = [parse(c) for c in args.codes]
    for i, (ex, code) in enumerate(symbols, 1):
        full = f"{code}.{ex}"
        suffix = f"_{start:%Y%m%d}_{end:%Y%m%d}" if ranged else ""
        if args.command in ("qa", "shares"):
            # The whole list as of the fetch day: a day later it is fetched again, and the
            # import recognises the questions it already has by their id.
            suffix = f"_{args.today:%Y%m%d}"
        if args.command == "announcements":
            suffix += announcement_suffix(args)
        path = Path(args.out) / spec["dir"] / f"{full}{suffix}.{spec['ext']}"
        marker = path.with_name(path.name + ".incomplete")
        if path.exists() and not marker.exists() and not args.force:
            events.emit("ok", full, file=str(path), skipped=True,
                        message="already fetched (use --force to fetch again)")
            continue
        events.emit("progress", full, message=f"{args.command} {i}/{len(symbols)}")
        try:
            content, rows, note, *more = spec["fetch"](ak, ex, code, start, end, args)
            failed = more[0] if more else []
            write_atomic(path, content)
            if failed:
                write_atomic(marker, "".join(f + "\n" for f in failed))
            elif marker.exists():
                marker.unlink()
        except Exception as err:  # AkShare raises anything from KeyError to HTTP errors
            events.emit("error", full, message=describe(err))
            continue
        events.emit("ok", full, file=str(path), rows=rows, message=note)
        if failed:
            events.emit("error", full, message=(
                f"{len(failed)} announcement PDFs not downloaded (run again to fetch only "
                "these): " + "; ".join(failed)))


def run_members(args: argparse.Namespace, events: Events, ak: Any) -> None:
    path = Path(args.out) / "members" / f"{file_stem(args.board)}.csv"
    if path.exists() and not args.force:
        events.emit("ok", file=str(path), skipped=True, board=args.board,
                    message="already fetched (use --force to fetch again)")
        return
    events.emit("progress", board=args.board, message="members")
    try:
        df = ak.stock_board_concept_cons_em(symbol=args.board)
        if df is None or len(df) == 0:
            raise FetchError(f"board '{args.board}' has no members")
        require_columns(df, CONS_COLUMNS, "stock_board_concept_cons_em")
        rows = []
        unreadable = []
        for r in df.to_dict("records"):
            try:
                ex, code = parse_stock(text_of(r["代码"]).zfill(6))
            except UsageError:
                unreadable.append(text_of(r["代码"]))
                continue
            rows.append([f"{code}.{ex}", text_of(r["名称"]), "", "eastmoney",
                         args.today.isoformat()])
        write_atomic(path, csv_text(["code", "name", "reason", "source", "date"], rows))
    except Exception as err:
        events.emit("error", board=args.board, message=describe(err))
        return
    note = f"skipped codes of unknown exchange: {', '.join(unreadable)}" if unreadable else None
    events.emit("ok", file=str(path), rows=len(rows), board=args.board, message=note)


def _szse_names(ak: Any, today: dt.date) -> Tuple[str, int, Optional[str]]:
    df = ak.stock_info_sz_change_name(symbol="简称变更")
    if df is None or len(df) == 0:
        raise FetchError("stock_info_sz_change_name returned no name changes")
    require_columns(df, SZ_NAME_COLUMNS, "stock_info_sz_change_name")
    changes = []
    unreadable = []
    for r in df.to_dict("records"):
        raw = text_of(r["证券代码"]).zfill(6)
        day = iso_prefix(r["变更日期"])
        try:
            ex, code = parse_stock(raw)
        except UsageError:
            unreadable.append(raw)
            continue
        if day is None:
            unreadable.append(f"{raw} (no date)")
            continue
        changes.append((f"{code}.{ex}", day, text_of(r["变更前简称"]), text_of(r["变更后简称"])))
    changes.sort(key=lambda c: (c[0], c[1]))
    rows: List[List[str]] = []
    for i, (code, day, before, after) in enumerate(changes):
        if (i == 0 or changes[i - 1][0] != code) and before:
            rows.append([code, "", before])
        if after:
            rows.append([code, day, after])
    note = f"skipped: {', '.join(unreadable)}" if unreadable else None
    return csv_text(["code", "date", "name"], rows), len(rows), note


def _st_board(ak: Any, today: dt.date) -> Tuple[str, int, Optional[str]]:
    df = ak.stock_zh_a_st_em()
    if df is None or len(df) == 0:
        raise FetchError("stock_zh_a_st_em returned an empty 风险警示板")
    require_columns(df, ST_BOARD_COLUMNS, "stock_zh_a_st_em")
    rows = []
    unreadable = []
    for r in df.to_dict("records"):
        raw = text_of(r["代码"]).zfill(6)
        try:
            ex, code = parse_stock(raw)
        except UsageError:
            unreadable.append(raw)
            continue
        rows.append([f"{code}.{ex}", text_of(r["名称"]), f"{today:%Y%m%d}", "ST", "风险警示"])
    note = f"skipped codes of unknown exchange: {', '.join(unreadable)}" if unreadable else None
    header = ["ts_code", "name", "trade_date", "type", "type_name"]
    return csv_text(header, rows), len(rows), note


def run_st(args: argparse.Namespace, events: Events, ak: Any) -> None:
    """The SZSE name-change history, then the current ST board (see the module docs)."""
    today = args.today
    for source, folder, stem, fetch in (
        ("szse_names", "names", "szse_names", _szse_names),
        ("st_board", "st", "st_board", _st_board),
    ):
        path = Path(args.out) / folder / f"{stem}_{today:%Y%m%d}.csv"
        if path.exists() and not args.force:
            events.emit("ok", file=str(path), skipped=True, board=source,
                        message="already fetched (use --force to fetch again)")
            continue
        events.emit("progress", board=source, message=source)
        try:
            content, rows, note = fetch(ak, today)
            write_atomic(path, content)
        except Exception as err:  # AkShare raises anything from KeyError to HTTP errors
            events.emit("error", board=source, message=describe(err))
            continue
        events.emit("ok", file=str(path), rows=rows, board=source, message=note)


def announcement_suffix(args: argparse.Namespace) -> str:
    """The part of an announcement file's name that its options change: a list without PDFs
    or filtered by title is another request than the full one."""
    suffix = "_nopdf" if args.no_pdf and args.source == "cninfo" else ""
    if args.titles:
        digest = hashlib.sha1(",".join(sorted(args.titles)).encode("utf-8")).hexdigest()[:8]
        suffix += f"_t{digest}"
    return suffix


def title_words(text: str) -> List[str]:
    words = [w.strip() for w in re.split(r"[,，]", text) if w.strip()]
    if not words:
        raise UsageError("--titles needs at least one word, e.g. 异常波动,澄清")
    return words


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"'{text}' is not a timeout: give seconds, 0 < S <= 600")
    return value


def describe(err: Exception) -> str:
    if isinstance(err, (FetchError, UsageError)):
        return str(err)
    return f"{type(err).__name__}: {err}"


COMMANDS: Dict[str, Dict[str, Any]] = {
    "bars": {"dir": "bars", "ext": "csv", "fetch": fetch_bars},
    "index": {"dir": "index", "ext": "csv", "fetch": fetch_index},
    "qa": {"dir": "qa", "ext": "jsonl", "fetch": fetch_qa},
    "announcements": {"dir": "announcements", "ext": "jsonl", "fetch": fetch_announcements},
    "segments": {"dir": "segments", "ext": "csv", "fetch": fetch_segments},
    "shares": {"dir": "shares", "ext": "csv", "fetch": fetch_shares},
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        Events().emit("error", message=message)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--out", required=True, help="folder for the written files")
    common.add_argument("--force", action="store_true", help="fetch again even if the file exists")
    # The market's day is Beijing's (UTC+8), whatever the machine's time zone: a current
    # list fetched at 07:00 Beijing time on a UTC machine is still that Beijing day's.
    beijing_today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    common.add_argument("--today", type=parse_day, default=beijing_today,
                        help=argparse.SUPPRESS)  # fixed 'today' for tests
    ranged = argparse.ArgumentParser(add_help=False)
    ranged.add_argument("--from", dest="date_from", required=True, help="first date, YYYYMMDD")
    ranged.add_argument("--to", dest="date_to", required=True, help="last date, YYYYMMDD")

    p = _Parser(prog="hypecheck_fetch", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("bars", parents=[common, ranged], help="unadjusted daily bars").add_argument(
        "codes", nargs="+", metavar="CODE")
    sub.add_parser("index", parents=[common, ranged], help="index daily bars").add_argument(
        "codes", nargs="+", metavar="CODE")
    qa = sub.add_parser("qa", parents=[common], help="investor Q&A (互动易, e互动)")
    qa.add_argument("codes", nargs="+", metavar="CODE")
    qa.add_argument("--answer-dates", action="store_true",
                    help="ask 互动易 for each answer's exact date (one request per question)")
    ann = sub.add_parser("announcements", parents=[common, ranged], help="announcement list")
    ann.add_argument("codes", nargs="+", metavar="CODE")
    ann.add_argument("--source", choices=["cninfo", "eastmoney"], default="cninfo")
    ann.add_argument("--titles", type=title_words, default=None,
                     help="keep titles containing one of these comma-separated words")
    ann.add_argument("--no-pdf", action="store_true", help="list titles only, no PDF text")
    ann.add_argument("--timeout", type=seconds, default=30.0,
                     help="seconds to wait for a PDF server's answer (default 30)")
    sub.add_parser("segments", parents=[common], help="revenue composition (主营构成)").add_argument(
        "codes", nargs="+", metavar="CODE")
    sub.add_parser("shares", parents=[common], help="share counts (股本结构)").add_argument(
        "codes", nargs="+", metavar="CODE")
    sub.add_parser("st", parents=[common], help="ST board and SZSE name changes (ST status)")
    mem = sub.add_parser("members", parents=[common], help="concept board constituents")
    mem.add_argument("--board", required=True, help="board name (e.g. 算力概念) or BK code")
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    events = Events()
    try:
        if args.command not in ("members", "st"):
            # Validate every code before touching the network.
            parse = parse_index if args.command == "index" else parse_stock
            for c in args.codes:
                parse(c)
            if args.command in ("bars", "index", "announcements"):
                parse_day(args.date_from)
                parse_day(args.date_to)
    except UsageError as err:
        events.emit("error", message=str(err))
        return EXIT_USAGE
    ak = load_akshare(events)
    runner: Callable[[argparse.Namespace, Events, Any], None] = {
        "members": run_members, "st": run_st}.get(args.command, run_per_code)
    try:
        runner(args, events, ak)
    except UsageError as err:
        events.emit("error", message=str(err))
        return EXIT_USAGE
    return EXIT_SOME_FAILED if events.errors else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
