"""Offline tests of hypecheck_fetch.py: the bridge runs as a subprocess against the stand-in
``akshare`` in ``stub/`` (first on PYTHONPATH), and every written file is checked against
hypecheck's import formats (docs/design.md section 4). No network, no real akshare."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from typing import Any, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
BRIDGE = HERE.parent / "hypecheck_fetch.py"
STUB = HERE / "stub"
BROKEN = HERE / "broken"

sys.path.insert(0, str(HERE.parent))
import hypecheck_fetch as hf  # noqa: E402

BARS_HEADER = ["日期", "股票代码", "开盘", "收盘", "最高", "最低", "成交量", "成交额", "振幅",
               "涨跌幅", "涨跌额", "换手率"]
EVENT_KINDS = {"ok", "error", "progress"}
# Nothing listens on the discard port of the loopback: a PDF download that a test did not
# mean to make fails at once instead of reaching the internet.
NO_HOST = "http://127.0.0.1:9"
TEXT_PDF = HERE.parent.parent / "tests/fixtures/docs/announcement_002881.pdf"


class Run:
    """One bridge run: exit code, parsed events, and the stand-in's call log."""

    def __init__(self, code: int, events: List[Dict[str, Any]], calls: List[Dict[str, Any]],
                 stderr: str) -> None:
        self.code, self.events, self.calls, self.stderr = code, events, calls, stderr

    def by_code(self, event: str) -> Dict[str, Dict[str, Any]]:
        return {e["code"]: e for e in self.events if e["event"] == event and "code" in e}

    def calls_to(self, func: str) -> List[Dict[str, Any]]:
        return [c for c in self.calls if c["func"] == func]


class BridgeCase(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.out = Path(self.tmp.name) / "out"
        self.log = Path(self.tmp.name) / "calls.jsonl"

    def tearDown(self) -> None:
        self.tmp.cleanup()

    def run_bridge(self, *args: str, stub: Path = STUB, pdf_host: str = NO_HOST) -> Run:
        if self.log.exists():
            self.log.unlink()
        env = dict(os.environ, PYTHONPATH=str(stub), HYPECHECK_STUB_LOG=str(self.log),
                   HYPECHECK_CNINFO_STATIC=pdf_host, HYPECHECK_FETCH_BACKOFF="0")
        cmd = [sys.executable, str(BRIDGE), *args, "--out", str(self.out), "--today", "20250301"]
        p = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env,
                           timeout=120)
        events = []
        for line in p.stdout.splitlines():
            obj = json.loads(line)  # every stdout line is one JSON object
            self.assertIn(obj["event"], EVENT_KINDS, line)
            events.append(obj)
        calls = []
        if self.log.exists():
            calls = [json.loads(l) for l in self.log.read_text(encoding="utf-8").splitlines()]
        return Run(p.returncode, events, calls, p.stderr)

    def read_csv(self, rel: str) -> Tuple[List[str], List[Dict[str, str]]]:
        text = (self.out / rel).read_text(encoding="utf-8")
        self.assertFalse(text.startswith("\ufeff"), "no BOM")
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        return header, [dict(zip(header, r)) for r in rows[1:]]

    def read_jsonl(self, rel: str) -> List[Dict[str, Any]]:
        text = (self.out / rel).read_text(encoding="utf-8")
        return [json.loads(l) for l in text.splitlines()]


class BarsTest(BridgeCase):
    ARGS = ("bars", "002881", "sz000004", "000005", "000006.SZ", "SH688041",
            "--from", "20250205", "--to", "2025-02-07")

    def test_writes_akshare_csv_unadjusted_and_reports_each_failure(self) -> None:
        run = self.run_bridge(*self.ARGS)
        self.assertEqual(run.code, 1, run.stderr)
        ok, err = run.by_code("ok"), run.by_code("error")
        self.assertEqual(set(ok), {"002881.SZ", "688041.SH"})
        self.assertEqual(set(err), {"000004.SZ", "000005.SZ", "000006.SZ"})
        self.assertIn("ConnectionError", err["000004.SZ"]["message"])
        self.assertIn("no rows", err["000005.SZ"]["message"])
        self.assertIn("涨跌额", err["000006.SZ"]["message"])
        self.assertEqual(ok["002881.SZ"]["rows"], 3)

        header, rows = self.read_csv("bars/002881.SZ_20250205_20250207.csv")
        self.assertEqual(header, BARS_HEADER)
        self.assertEqual([r["日期"] for r in rows], ["2025-02-05", "2025-02-06", "2025-02-07"])
        self.assertTrue(all(r["股票代码"] == "002881" for r in rows))
        second = rows[1]
        # prev close = 收盘 - 涨跌额 must be recoverable exactly, in yuan
        self.assertAlmostEqual(float(second["收盘"]) - float(second["涨跌额"]), 22.11, places=6)
        self.assertEqual(second["成交量"], "10234")  # 手, as AkShare gives it
        self.assertEqual(float(second["成交额"]), 24889088.0)
        self.assertFalse((self.out / "bars/000004.SZ_20250205_20250207.csv").exists())
        self.assertFalse((self.out / "bars/000006.SZ_20250205_20250207.csv").exists())

        calls = run.calls_to("stock_zh_a_hist")
        self.assertEqual({c["symbol"] for c in calls},
                         {"002881", "000004", "000005", "000006", "688041"})
        self.assertTrue(all(c["adjust"] == "" for c in calls), "always unadjusted")
        self.assertTrue(all(c["start_date"] == "20250205" and c["end_date"] == "20250207"
                            for c in calls))

    def test_resume_skips_written_files_and_force_fetches_again(self) -> None:
        self.run_bridge("bars", "002881", "000004", "--from", "20250205", "--to", "20250207")
        path = self.out / "bars/002881.SZ_20250205_20250207.csv"
        path.write_text(path.read_text(encoding="utf-8") + "", encoding="utf-8")
        before = path.stat().st_mtime_ns
        again = self.run_bridge("bars", "002881", "000004", "--from", "20250205", "--to",
                                "20250207")
        self.assertTrue(again.by_code("ok")["002881.SZ"]["skipped"])
        # the failed stock is retried, the done one is not
        self.assertEqual([c["symbol"] for c in again.calls_to("stock_zh_a_hist")], ["000004"])
        self.assertEqual(path.stat().st_mtime_ns, before)
        # another date range is another request
        other = self.run_bridge("bars", "002881", "--from", "20250201", "--to", "20250207")
        self.assertEqual(len(other.calls_to("stock_zh_a_hist")), 1)
        forced = self.run_bridge("bars", "002881", "--from", "20250205", "--to", "20250207",
                                 "--force")
        self.assertEqual(forced.code, 0)
        self.assertEqual(len(forced.calls_to("stock_zh_a_hist")), 1)
        self.assertNotIn("skipped", forced.by_code("ok")["002881.SZ"])
        self.assertFalse(list(self.out.glob("bars/*.part")), "no temporary files left")


class IndexTest(BridgeCase):
    def test_generic_csv_with_exchange_and_volume_in_shares(self) -> None:
        run = self.run_bridge("index", "000001.SH", "399006", "--from", "20250205", "--to",
                              "20250206")
        self.assertEqual(run.code, 0, run.events)
        self.assertEqual([c["symbol"] for c in run.calls_to("stock_zh_index_daily_em")],
                         ["sh000001", "sz399006"])
        header, rows = self.read_csv("index/000001.SH_20250205_20250206.csv")
        self.assertEqual(header, ["code", "date", "open", "high", "low", "close", "volume",
                                  "amount"])
        self.assertEqual(rows[1]["code"], "000001.SH")
        self.assertEqual(rows[1]["date"], "2025-02-06")
        self.assertEqual(rows[1]["close"], "3270.66")
        self.assertEqual(rows[1]["volume"], str(445788563 * 100))
        self.assertEqual(float(rows[1]["amount"]), 512345678900.0)

    def test_index_without_exchange_is_bad_usage(self) -> None:
        run = self.run_bridge("index", "000001", "--from", "20250205", "--to", "20250206")
        self.assertEqual(run.code, 2)
        self.assertIn("000001.SH", run.events[-1]["message"])
        self.assertEqual(run.calls, [])


class QaTest(BridgeCase):
    def test_szse_and_sse_documents(self) -> None:
        run = self.run_bridge("qa", "002881", "603119.SH", "920493", "000004", "000005")
        self.assertEqual(run.code, 1)
        self.assertEqual([c["symbol"] for c in run.calls_to("stock_irm_cninfo")],
                         ["002881", "000004", "000005"])
        self.assertEqual([c["symbol"] for c in run.calls_to("stock_sns_sseinfo")], ["603119"])
        err = run.by_code("error")
        self.assertEqual(set(err), {"920493.BJ", "000004.SZ"})
        self.assertIn("Beijing", err["920493.BJ"]["message"])

        sz = self.read_jsonl("qa/002881.SZ_20250301.jsonl")
        self.assertEqual(len(sz), 2)
        for d in sz:
            self.assertEqual((d["kind"], d["code"], d["source"]), ("qa", "002881.SZ", "szse"))
            self.assertTrue(d["id"].startswith("szse:"))
            self.assertIn("questionId=", d["url"])
        answered, open_q = sz
        self.assertIn("未与DeepSeek签订", answered["answer"])
        self.assertEqual(answered["date"], "2025-02-06")  # 更新时间 stands in for the answer
        self.assertEqual(open_q["answer"], "")
        self.assertEqual(open_q["date"], "2025-02-07")  # unanswered: the question date

        sh = self.read_jsonl("qa/603119.SH_20250301.jsonl")
        self.assertEqual([d["date"] for d in sh], ["2025-02-06", "2025-02-28"])  # 昨天
        self.assertTrue(all(d["source"] == "sse" and d["code"] == "603119.SH" for d in sh))
        self.assertIn("AI服务器", sh[0]["question"])
        self.assertIn("dropped 1", run.by_code("ok")["603119.SH"]["message"])

        self.assertEqual(self.read_jsonl("qa/000005.SZ_20250301.jsonl"), [])  # no questions: empty

    def test_answer_dates_asks_each_answered_question(self) -> None:
        run = self.run_bridge("qa", "002881", "--answer-dates")
        self.assertEqual([c["symbol"] for c in run.calls_to("stock_irm_ans_cninfo")],
                         ["1888000000000000001"])
        self.assertEqual(self.read_jsonl("qa/002881.SZ_20250301.jsonl")[0]["date"], "2025-02-05")

    def test_missing_column_is_an_error_for_that_stock(self) -> None:
        run = self.run_bridge("qa", "000006", "000006.SH")
        err = run.by_code("error")
        self.assertIn("回答内容", err["000006.SZ"]["message"])
        self.assertIn("回答", err["000006.SH"]["message"])


class AnnouncementsTest(BridgeCase):
    def test_cninfo_list(self) -> None:
        run = self.run_bridge("announcements", "002881", "000005", "000006", "--from",
                              "20250101", "--to", "20250210", "--no-pdf")
        self.assertEqual(run.code, 1)
        call = run.calls_to("stock_zh_a_disclosure_report_cninfo")[0]
        self.assertEqual((call["symbol"], call["market"], call["start_date"], call["end_date"]),
                         ("002881", "沪深京", "20250101", "20250210"))
        docs = self.read_jsonl("announcements/002881.SZ_20250101_20250210_nopdf.jsonl")
        self.assertEqual(len(docs), 2)
        first = docs[0]
        self.assertEqual(first["kind"], "announcement")
        self.assertEqual(first["code"], "002881.SZ")
        self.assertEqual(first["date"], "2025-02-06")
        self.assertEqual(first["title"], "关于股票交易异常波动的公告")  # <em> removed
        self.assertEqual(first["id"], "cninfo:200288101")
        self.assertTrue(first["url"].startswith("http://www.cninfo.com.cn/new/disclosure/detail"))
        self.assertEqual(first["source"], "cninfo")
        self.assertNotIn("text", first)
        self.assertNotIn("pdf", first)
        self.assertEqual(
            self.read_jsonl("announcements/000005.SZ_20250101_20250210_nopdf.jsonl"), [])
        self.assertIn("公告链接", run.by_code("error")["000006.SZ"]["message"])

    def test_eastmoney_list(self) -> None:
        run = self.run_bridge("announcements", "300308", "000005", "--source", "eastmoney",
                              "--from", "20250101", "--to", "20250210")
        call = run.calls_to("stock_individual_notice_report")[0]
        self.assertEqual((call["security"], call["begin_date"], call["end_date"]),
                         ("300308", "2025-01-01", "2025-02-10"))
        doc = self.read_jsonl("announcements/300308.SZ_20250101_20250210.jsonl")[0]
        self.assertEqual((doc["date"], doc["source"], doc["id"]),
                         ("2025-02-06", "eastmoney", "eastmoney:AN202502061234567890"))
        self.assertIn("KeyError", run.by_code("error")["000005.SZ"]["message"])


class AnnouncementPdfTest(BridgeCase):
    """PDF downloads against pdf_server.py on 127.0.0.1: one announcement of stock 000007
    per case. The GBK case's bytes are the text fixture here (the bridge only downloads;
    tests/cli/live.rs serves a real GBK-EUC-H PDF and checks the extracted text)."""

    ARGS = ("announcements", "000007", "--from", "20250101", "--to", "20250210")
    FILE = "announcements/000007.SZ_20250101_20250210.jsonl"

    def setUp(self) -> None:
        super().setUp()
        sys.path.insert(0, str(HERE))
        import pdf_server  # noqa: PLC0415

        files = Path(self.tmp.name) / "files"
        files.mkdir()
        for name in ("text.pdf", "gbk.pdf", "scan.pdf"):
            (files / name).write_bytes(TEXT_PDF.read_bytes())
        self.server = pdf_server.Server(files).start()

    def tearDown(self) -> None:
        self.server.stop()  # also releases the slow answer
        super().tearDown()

    def pdf_hits(self) -> List[str]:
        return sorted(self.server.hits)

    def test_each_case_is_stored_or_reported_and_a_rerun_fetches_only_the_missing(self) -> None:
        run = self.run_bridge(*self.ARGS, "--timeout", "10", pdf_host=self.server.base)
        self.assertEqual(run.code, 1, run.stderr)
        docs = self.read_jsonl(self.FILE)
        ids = [d["id"] for d in docs]
        self.assertEqual(ids, ["cninfo:1000000001", "cninfo:1000000002", "cninfo:1000000006",
                               "cninfo:1000000010"])
        for d in docs:
            pdf = self.out / "announcements" / d["pdf"]
            self.assertEqual(d["pdf"], f"pdf/{d['id'][7:]}.pdf")
            self.assertEqual(pdf.read_bytes(), TEXT_PDF.read_bytes(), "whole and unchanged")
            self.assertEqual((d["kind"], d["code"], d["date"]),
                             ("announcement", "000007.SZ", "2025-02-06"))
        # the static address: /finalpage/DAY/ID.PDF
        self.assertIn("/finalpage/2025-02-06/1000000001.PDF", self.server.hits)
        # 429 once, then the PDF: two requests
        self.assertEqual(self.server.hits.count("/finalpage/2025-02-06/1000000006.PDF"), 2)
        err = run.by_code("error")["000007.SZ"]["message"]
        self.assertIn("5 announcement PDFs not downloaded", err)
        for why in ("1000000003", "is not a PDF (Content-Type application/pdf",
                    "1000000004", "truncated", "1000000005", "HTTP 404",
                    "1000000007", "no answer", "within 10 s", "1000000008", "redirect loop"):
            self.assertIn(why, err)
        ok = run.by_code("ok")["000007.SZ"]
        self.assertEqual(ok["rows"], 4)
        pdfs = sorted(p.name for p in (self.out / "announcements/pdf").iterdir())
        self.assertEqual(pdfs, ["1000000001.pdf", "1000000002.pdf", "1000000006.pdf",
                                "1000000010.pdf"],
                         "nothing half-stored: no .part, no refused body")
        self.assertTrue((self.out / (self.FILE + ".incomplete")).exists())

        # Rerun: lists again and fetches only the five missing PDFs.
        before = len(self.server.hits)
        again = self.run_bridge(*self.ARGS, "--timeout", "10", pdf_host=self.server.base)
        self.assertEqual(again.code, 1)
        fetched = {h.split("/")[-1] for h in self.server.hits[before:]}
        self.assertEqual(fetched, {f"100000000{i}.PDF" for i in (3, 4, 5, 7, 8)})
        self.assertEqual([d["id"] for d in self.read_jsonl(self.FILE)], ids)

    def test_title_filter_and_a_complete_file_is_not_fetched_again(self) -> None:
        args = (*self.ARGS, "--titles", "异常波动,澄清")
        run = self.run_bridge(*args, pdf_host=self.server.base)
        self.assertEqual(run.code, 0, run.events)
        files = [p.name for p in (self.out / "announcements").glob("*.jsonl")]
        self.assertEqual(len(files), 1)
        self.assertRegex(files[0], r"^000007\.SZ_20250101_20250210_t[0-9a-f]{8}\.jsonl$")
        docs = self.read_jsonl("announcements/" + files[0])
        self.assertEqual([d["title"] for d in docs], ["关于股票交易异常波动的公告",
                                                      "限流后成功的澄清公告"])
        self.assertTrue(all("pdf" in d for d in docs))
        hits = len(self.server.hits)
        again = self.run_bridge(*args, pdf_host=self.server.base)
        self.assertTrue(again.by_code("ok")["000007.SZ"]["skipped"])
        self.assertEqual((len(self.server.hits), again.calls), (hits, []))
        forced = self.run_bridge(*args, "--force", pdf_host=self.server.base)
        self.assertEqual(forced.code, 0, forced.events)
        self.assertEqual(sorted(h.split("/")[-1] for h in self.server.hits[hits:]),
                         ["1000000002.PDF", "1000000006.PDF"], "--force downloads again")

    def test_bad_timeout_is_bad_usage(self) -> None:
        run = self.run_bridge(*self.ARGS, "--timeout", "0")
        self.assertEqual(run.code, 2)

    def test_user_agent_and_no_more_than_two_at_a_time(self) -> None:
        self.assertIn("hypecheck", hf.USER_AGENT)
        self.assertEqual(hf.MAX_PARALLEL, 2)
        self.assertEqual(hf.pdf_address("http://static.cninfo.com.cn", "1222559432",
                                        "2025-02-06"),
                         "http://static.cninfo.com.cn/finalpage/2025-02-06/1222559432.PDF")


class SegmentsTest(BridgeCase):
    def test_generic_segments_csv(self) -> None:
        run = self.run_bridge("segments", "688041", "sz002881", "000006")
        self.assertEqual([c["symbol"] for c in run.calls_to("stock_zygc_em")],
                         ["SH688041", "SZ002881", "SZ000006"])
        self.assertIn("收入比例", run.by_code("error")["000006.SZ"]["message"])
        header, rows = self.read_csv("segments/688041.SH.csv")
        self.assertEqual(header, ["code", "period", "kind", "segment", "revenue", "share"])
        self.assertEqual(len(rows), 7)
        self.assertTrue(all(r["code"] == "688041.SH" for r in rows))
        kinds = [r["kind"] for r in rows]
        self.assertEqual(kinds, ["industry", "industry", "product", "product", "product",
                                 "region", "other"])
        compute = next(r for r in rows if r["segment"] == "算力服务")
        self.assertEqual(compute["period"], "2024-12-31")
        self.assertEqual(float(compute["revenue"]), 2700000.0)  # yuan
        self.assertEqual(float(compute["share"]), 0.0006)  # a fraction, not 0.06
        products = [float(r["share"]) for r in rows if r["kind"] == "product"]
        self.assertAlmostEqual(sum(products), 1.0, places=9)
        unknown = rows[-1]
        self.assertEqual((unknown["period"], unknown["revenue"], unknown["share"]),
                         ("2018-12-31", "", ""))


class SharesTest(BridgeCase):
    def test_share_counts_oldest_first_in_the_import_format(self) -> None:
        run = self.run_bridge("shares", "002881", "600126", "000006")
        self.assertEqual([c["symbol"] for c in run.calls_to("stock_zh_a_gbjg_em")],
                         ["002881.SZ", "600126.SH", "000006.SZ"])
        self.assertIn("已上市流通A股", run.by_code("error")["000006.SZ"]["message"])
        header, rows = self.read_csv("shares/002881.SZ_20250301.csv")
        self.assertEqual(header, ["code", "date", "float_shares", "total_shares"])
        self.assertEqual([r["date"] for r in rows], ["2023-06-30", "2024-12-31", "2025-06-30"])
        self.assertEqual((rows[1]["float_shares"], rows[1]["total_shares"]),
                         ("248000000", "268000000"))
        self.assertTrue(all(r["code"] == "002881.SZ" for r in rows))


class MembersTest(BridgeCase):
    def test_board_members(self) -> None:
        run = self.run_bridge("members", "--board", "算力概念")
        self.assertEqual(run.code, 0, run.events)
        header, rows = self.read_csv("members/算力概念.csv")
        self.assertEqual(header, ["code", "name", "reason", "source", "date"])
        self.assertEqual([r["code"] for r in rows], ["002881.SZ", "688041.SH", "920493.BJ"])
        self.assertEqual(rows[0]["name"], "美格智能")
        self.assertIn("123456", run.events[-1]["message"])  # unknown exchange: skipped
        self.assertTrue(all(r["source"] == "eastmoney" and r["date"] == "2025-03-01"
                            and r["reason"] == "" for r in rows))
        again = self.run_bridge("members", "--board", "算力概念")
        self.assertEqual(again.calls, [])

    def test_unknown_board_is_an_error(self) -> None:
        run = self.run_bridge("members", "--board", "不存在的板块")
        self.assertEqual(run.code, 1)
        self.assertEqual(run.events[-1]["event"], "error")
        self.assertFalse((self.out / "members").exists())


class StTest(BridgeCase):
    def test_szse_names_and_the_st_board_as_a_one_day_list(self) -> None:
        run = self.run_bridge("st")
        self.assertEqual(run.code, 0, run.events)
        self.assertEqual([c["func"] for c in run.calls],
                         ["stock_info_sz_change_name", "stock_zh_a_st_em"])
        self.assertEqual(run.calls[0]["symbol"], "简称变更")
        header, rows = self.read_csv("names/szse_names_20250301.csv")
        self.assertEqual(header, ["code", "date", "name"])
        self.assertEqual([(r["code"], r["date"], r["name"]) for r in rows], [
            ("000005.SZ", "", "深星源A"),
            ("000005.SZ", "2001-06-01", "世纪星源"),
            ("000005.SZ", "2019-03-01", "ST星源"),
            ("002881.SZ", "", "美格智能"),
            ("002881.SZ", "2020-05-06", "美格智能"),
        ])
        header, rows = self.read_csv("st/st_board_20250301.csv")
        self.assertEqual(header, ["ts_code", "name", "trade_date", "type", "type_name"])
        self.assertEqual([(r["ts_code"], r["name"], r["trade_date"]) for r in rows],
                         [("600355.SH", "*ST精伦", "20250301"), ("000005.SZ", "ST星源", "20250301")])
        oks = [e for e in run.events if e["event"] == "ok"]
        self.assertEqual([e["board"] for e in oks], ["szse_names", "st_board"])
        self.assertIn("123456", oks[1]["message"])
        again = self.run_bridge("st")
        self.assertEqual(again.calls, [])
        self.assertTrue(all(e.get("skipped") for e in again.events))

    def test_a_failing_source_is_reported_and_the_other_is_written(self) -> None:
        os.environ["HYPECHECK_STUB_ST"] = "fail"
        try:
            run = self.run_bridge("st")
        finally:
            del os.environ["HYPECHECK_STUB_ST"]
        self.assertEqual(run.code, 1)
        errors = [e for e in run.events if e["event"] == "error"]
        self.assertEqual([e["board"] for e in errors], ["st_board"])
        self.assertIn("ConnectionError", errors[0]["message"])
        self.assertTrue((self.out / "names/szse_names_20250301.csv").exists())
        self.assertFalse((self.out / "st").exists())


class EnvironmentTest(BridgeCase):
    def test_missing_akshare_exits_3_with_install_hint(self) -> None:
        run = self.run_bridge("segments", "002881", stub=BROKEN)
        self.assertEqual(run.code, 3)
        self.assertIn("pip install akshare", run.events[-1]["message"])

    def test_bad_code_is_bad_usage_before_any_fetch(self) -> None:
        run = self.run_bridge("segments", "002881", "12345")
        self.assertEqual(run.code, 2)
        self.assertIn("12345", run.events[-1]["message"])
        self.assertEqual(run.calls, [])

    def test_bad_date_is_bad_usage(self) -> None:
        run = self.run_bridge("bars", "002881", "--from", "2025-13-01", "--to", "20250201")
        self.assertEqual(run.code, 2)


class CodesAndDatesTest(unittest.TestCase):
    def test_stock_code_forms(self) -> None:
        for text in ("002881", "002881.SZ", "sz002881", "SZ002881", "sz.002881", " 002881 "):
            self.assertEqual(hf.parse_stock(text), ("SZ", "002881"), text)
        self.assertEqual(hf.parse_stock("688041"), ("SH", "688041"))
        self.assertEqual(hf.parse_stock("920493"), ("BJ", "920493"))
        self.assertEqual(hf.parse_stock("000001.SH"), ("SH", "000001"))
        for bad in ("12345", "abc", "002881.XX", "100001"):
            with self.assertRaises(hf.UsageError, msg=bad):
                hf.parse_stock(bad)

    def test_index_code_forms(self) -> None:
        self.assertEqual(hf.parse_index("sh000001"), ("SH", "000001"))
        self.assertEqual(hf.parse_index("399006"), ("SZ", "399006"))
        with self.assertRaises(hf.UsageError):
            hf.parse_index("000300")

    def test_loose_dates_of_sse_pages(self) -> None:
        today = dt.date(2025, 3, 1)
        cases = {
            "2025-02-06 15:30": "2025-02-06",
            "2024年12月31日 09:00": "2024-12-31",
            "02月20日 09:00": "2025-02-20",
            "12月30日 09:00": "2024-12-30",  # would be in the future: last year
            "昨天 16:00": "2025-02-28",
            "3天前": "2025-02-26",
            "5分钟前": "2025-03-01",
        }
        for text, want in cases.items():
            self.assertEqual(hf.loose_date(text, today), want, text)
        self.assertIsNone(hf.loose_date("某时", today))
        self.assertIsNone(hf.loose_date(float("nan"), today))

    def test_numbers_as_csv_text(self) -> None:
        self.assertEqual(hf.number_of(10234), "10234")
        self.assertEqual(hf.number_of(22.11), "22.11")
        self.assertEqual(hf.number_of(float("nan")), "")

    def test_missing_cells_of_any_pandas_kind(self) -> None:
        import pandas as pd

        for missing in (None, float("nan"), pd.NA, pd.NaT):
            self.assertEqual(hf.text_of(missing), "", repr(missing))
            self.assertIsNone(hf.iso_prefix(missing), repr(missing))
        self.assertEqual(hf.iso_prefix(pd.Timestamp("2025-02-06 15:00")), "2025-02-06")


class StandInTest(unittest.TestCase):
    """The stand-in must keep the real functions' column names and dtypes (akfamily/akshare
    @0e7db00), or the bridge tests prove nothing."""

    @classmethod
    def setUpClass(cls) -> None:
        sys.path.insert(0, str(STUB))
        import akshare  # the stand-in

        cls.ak = akshare

    def test_hist_dtypes(self) -> None:
        df = self.ak.stock_zh_a_hist(symbol="002881")
        self.assertEqual(list(df.columns), BARS_HEADER)
        self.assertIsInstance(df["日期"].iloc[0], dt.date)
        self.assertEqual(str(df["成交量"].dtype), "int64")
        for c in ("开盘", "收盘", "成交额", "涨跌额", "换手率"):
            self.assertEqual(str(df[c].dtype), "float64", c)

    def test_zygc_dtypes(self) -> None:
        df = self.ak.stock_zygc_em(symbol="SH688041")
        self.assertIsInstance(df["报告日期"].iloc[0], dt.date)
        self.assertEqual(str(df["主营收入"].dtype), "float64")
        self.assertEqual(str(df["收入比例"].dtype), "float64")
        self.assertTrue(set(df["分类类型"].dropna()) <= {"按行业分类", "按产品分类", "按地区分类"})

    def test_cninfo_listing(self) -> None:
        # akshare/stock_feature/stock_disclosure_cninfo.py: 公告时间 is astype(str) of a
        # Beijing time, 公告链接 the detail page with announcementId and announcementTime.
        df = self.ak.stock_zh_a_disclosure_report_cninfo(symbol="000007")
        self.assertEqual(list(df.columns), ["代码", "简称", "公告标题", "公告时间", "公告链接"])
        for c in df.columns:
            self.assertIn(str(df[c].dtype), ("object", "str"), c)  # text (pandas 3: str)
        self.assertRegex(df["公告时间"].iloc[0], r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
        self.assertRegex(df["公告链接"].iloc[0],
                         r"^http://www\.cninfo\.com\.cn/new/disclosure/detail\?stockCode=000007&"
                         r"announcementId=\d+&orgId=\w+&announcementTime=")
        empty = self.ak.stock_zh_a_disclosure_report_cninfo(symbol="000005")
        self.assertEqual((len(empty), list(empty.columns)), (0, list(df.columns)))

    def test_text_times(self) -> None:
        irm = self.ak.stock_irm_cninfo(symbol="002881")
        self.assertIsInstance(irm["提问时间"].iloc[0], str)  # strftime in the real function
        ann = self.ak.stock_individual_notice_report(security="300308")
        self.assertIsInstance(ann["公告日期"].iloc[0], dt.date)


if __name__ == "__main__":
    unittest.main()
