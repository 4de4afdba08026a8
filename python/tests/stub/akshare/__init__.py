"""Offline stand-in for the few AkShare functions hypecheck_fetch.py calls.

Each function returns a DataFrame with the exact column names, order and dtypes of the real
function (read from akfamily/akshare at 0e7db00, files named on each function). Behaviour
depends on the requested stock so that one run sees every case:

- ``000004`` (and ``SZ000004``/``sz000004``): raises ``ConnectionError``;
- ``000005``: returns an empty DataFrame;
- ``000006``: returns a frame without one required column;
- ``000007``: lists one announcement per case of ``python/tests/pdf_server.py``;
- anything else: a small realistic frame.

Every call is appended as one JSON line to the file named by ``HYPECHECK_STUB_LOG`` (when
set), so the tests can check which symbol format and arguments each function received.
"""

from __future__ import annotations

import json
import os

import pandas as pd

FAIL, EMPTY, BROKEN = "000004", "000005", "000006"
PDF_CASES = "000007"  # its announcements are every case of the stand-in PDF host


def _log(func: str, **kwargs: object) -> None:
    path = os.environ.get("HYPECHECK_STUB_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"func": func, **kwargs}, ensure_ascii=False) + "\n")


def _case(symbol: str) -> str:
    digits = "".join(ch for ch in symbol if ch.isdigit())
    if digits == FAIL:
        raise ConnectionError(f"simulated network failure for {symbol}")
    if digits == EMPTY:
        return "empty"
    if digits == BROKEN:
        return "broken"
    return "ok"


def _numeric(df: pd.DataFrame, cols: list) -> pd.DataFrame:
    # As AkShare does: the raw payload is text, then pd.to_numeric(errors="coerce").
    for c in cols:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


# akshare/stock_feature/stock_hist_em.py: stock_zh_a_hist
HIST_COLUMNS = ["日期", "股票代码", "开盘", "收盘", "最高", "最低", "成交量", "成交额", "振幅",
                "涨跌幅", "涨跌额", "换手率"]


def stock_zh_a_hist(symbol="000001", period="daily", start_date="19700101",
                    end_date="20500101", adjust="", timeout=None):
    _log("stock_zh_a_hist", symbol=symbol, period=period, start_date=start_date,
         end_date=end_date, adjust=adjust)
    case = _case(symbol)
    if case == "empty":
        return pd.DataFrame()
    # klines "date,open,close,high,low,volume(手),amount(元),amplitude%,pct%,change,turnover%"
    klines = [
        "2025-02-05,20.10,22.11,22.11,20.00,512345,1101234567.00,10.50,10.00,2.01,5.12",
        "2025-02-06,24.32,24.32,24.32,24.32,10234,24889088.00,0.00,10.00,2.21,0.10",
        "2025-02-07,26.75,25.01,26.75,24.80,998877,2567890123.00,8.02,2.84,0.69,9.99",
    ]
    df = pd.DataFrame([k.split(",") for k in klines])
    df["股票代码"] = symbol
    df.columns = ["日期", "开盘", "收盘", "最高", "最低", "成交量", "成交额", "振幅", "涨跌幅",
                  "涨跌额", "换手率", "股票代码"]
    df["日期"] = pd.to_datetime(df["日期"], errors="coerce").dt.date
    df = _numeric(df, HIST_COLUMNS[2:])
    df = df[HIST_COLUMNS]
    if case == "broken":
        df = df.drop(columns=["涨跌额"])
    return df


# akshare/index/index_stock_zh.py: stock_zh_index_daily_em (date stays text)
def stock_zh_index_daily_em(symbol="csi931151", start_date="19900101", end_date="20500101"):
    _log("stock_zh_index_daily_em", symbol=symbol, start_date=start_date, end_date=end_date)
    case = _case(symbol)
    if case == "empty":
        return pd.DataFrame()
    klines = [
        "2025-02-05,3250.10,3229.49,3252.00,3220.10,412345678,498765432100.0,0.00",
        "2025-02-06,3231.00,3270.66,3271.00,3228.50,445788563,512345678900.0,0.00",
    ]
    df = pd.DataFrame([k.split(",") for k in klines])
    df.columns = ["date", "open", "close", "high", "low", "volume", "amount", "_"]
    df = df[["date", "open", "close", "high", "low", "volume", "amount"]]
    df = _numeric(df, ["open", "close", "high", "low", "volume", "amount"])
    if case == "broken":
        df = df.drop(columns=["close"])
    return df


# akshare/stock_feature/stock_irm_cninfo.py: stock_irm_cninfo (times are text after strftime)
IRM_COLUMNS = ["股票代码", "公司简称", "行业", "行业代码", "问题", "提问者", "来源", "提问时间",
               "更新时间", "提问者编号", "问题编号", "回答ID", "回答内容", "回答者"]


def stock_irm_cninfo(symbol="002594"):
    _log("stock_irm_cninfo", symbol=symbol)
    case = _case(symbol)
    if case == "empty":
        return pd.DataFrame()
    rows = [
        [symbol, "测试公司", "计算机", "I65", "请问公司是否与DeepSeek有合作？", "投资者A", "网站",
         "2025-02-03 21:15:02", "2025-02-06 17:30:11", "u1", "1888000000000000001", "a1",
         "您好，公司目前未与DeepSeek签订任何合同，感谢关注。", "测试公司"],
        [symbol, "测试公司", "计算机", "I65", "公司算力业务收入多少？", "投资者B", "APP",
         "2025-02-07 09:01:00", "2025-02-07 09:01:00", "u2", "1888000000000000002", None,
         None, None],
    ]
    df = pd.DataFrame(rows, columns=IRM_COLUMNS)
    if case == "broken":
        df = df.drop(columns=["回答内容"])
    return df


# akshare/stock_feature/stock_irm_cninfo.py: stock_irm_ans_cninfo
def stock_irm_ans_cninfo(symbol="1513586704097333248"):
    _log("stock_irm_ans_cninfo", symbol=symbol)
    return pd.DataFrame([["002881", "测试公司", "问题", "回答", "投资者A", "2025-02-03 21:15:02",
                          "2025-02-05 10:00:00"]],
                        columns=["股票代码", "公司简称", "问题", "回答内容", "提问者", "提问时间",
                                 "回答时间"])


# akshare/stock_feature/stock_sns_sseinfo.py: stock_sns_sseinfo (all text, as scraped)
SSE_COLUMNS = ["股票代码", "公司简称", "问题", "回答", "问题时间", "回答时间", "问题来源",
               "回答来源", "用户名"]


def stock_sns_sseinfo(symbol="603119"):
    _log("stock_sns_sseinfo", symbol=symbol)
    case = _case(symbol)
    if case == "empty":
        return pd.DataFrame()
    rows = [
        [symbol, "上证测试", "贵公司AI服务器订单情况如何？", "公司AI服务器已批量供货。",
         "2025年02月04日 10:00", "2025年02月06日 15:30", "网站", "网站", "YiQi"],
        [symbol, "上证测试", "是否接入DeepSeek？", "公司已完成DeepSeek模型的适配。",
         "02月20日 09:00", "昨天 16:00", "网站", "网站", "Kgk"],
        [symbol, "上证测试", "无日期的问题", "无日期的回答", "某时", "某时", "网站", "网站", "x"],
    ]
    df = pd.DataFrame(rows, columns=SSE_COLUMNS)
    if case == "broken":
        df = df.drop(columns=["回答"])
    return df


# akshare/stock_feature/stock_disclosure_cninfo.py: stock_zh_a_disclosure_report_cninfo
def stock_zh_a_disclosure_report_cninfo(symbol="000001", market="沪深京", keyword="",
                                        category="", start_date="20230618",
                                        end_date="20231219"):
    _log("stock_zh_a_disclosure_report_cninfo", symbol=symbol, market=market,
         start_date=start_date, end_date=end_date)
    case = _case(symbol)
    # 公告时间 is text ("YYYY-MM-DD HH:MM:SS", from astype(str)); 公告链接 the detail page.
    columns = ["代码", "简称", "公告标题", "公告时间", "公告链接"]
    if case == "empty":
        return pd.DataFrame(columns=columns)  # the real function's shape for no results
    # Ids are unique per announcement, as cninfo's are; pdf_server.py serves its text PDF
    # for them. Stock 000007 lists the ids of pdf_server.py's cases instead.
    digits = "".join(ch for ch in symbol if ch.isdigit())
    times = ["2025-02-06 00:00:00", "2025-01-20 00:00:00"]
    ids = [f"2{digits}01", f"2{digits}02"]
    titles = ["关于股票交易<em>异常波动</em>的公告", "2024年度业绩预告"]
    if symbol == PDF_CASES:
        titles = ["文本公告", "关于股票交易异常波动的公告", "错误页面", "截断的风险提示公告",
                  "不存在的公告", "限流后成功的澄清公告", "超时的问询函回复公告", "重定向循环",
                  "扫描件公告"]
        ids = [str(1000000001 + i) for i in range(8)] + ["1000000010"]
        times = ["2025-02-06 00:00:00"] * len(titles)
    rows = [[symbol, "测试公司", t, tm,
             f"http://www.cninfo.com.cn/new/disclosure/detail?stockCode={symbol}&"
             f"announcementId={i}&orgId=9900001234&announcementTime={tm}"]
            for t, tm, i in zip(titles, times, ids)]
    df = pd.DataFrame(rows, columns=columns)
    if case == "broken":
        df = df.drop(columns=["公告链接"])
    return df


# akshare/stock_fundamental/stock_notice.py: stock_individual_notice_report (公告日期 is a
# datetime.date; with no announcements the real function raises KeyError('代码'))
def stock_individual_notice_report(security, symbol="全部", begin_date=None, end_date=None):
    _log("stock_individual_notice_report", security=security, symbol=symbol,
         begin_date=begin_date, end_date=end_date)
    case = _case(security)
    if case == "empty":
        raise KeyError("代码")
    df = pd.DataFrame([[security, "测试公司", "关于股票交易异常波动的公告", "风险提示",
                        "2025-02-06", f"https://data.eastmoney.com/notices/detail/{security}/AN202502061234567890.html"]],
                      columns=["代码", "名称", "公告标题", "公告类型", "公告日期", "网址"])
    df["公告日期"] = pd.to_datetime(df["公告日期"], errors="coerce").dt.date
    return df


# akshare/stock_fundamental/stock_zygc.py: stock_zygc_em (收入比例 is a fraction)
ZYGC_COLUMNS = ["股票代码", "报告日期", "分类类型", "主营构成", "主营收入", "收入比例", "主营成本",
                "成本比例", "主营利润", "利润比例", "毛利率"]


def stock_zygc_em(symbol="SH688041"):
    _log("stock_zygc_em", symbol=symbol)
    case = _case(symbol)
    if case == "empty":
        return pd.DataFrame()
    code = symbol[2:]
    raw = [
        # MAINOP_TYPE is "1" industry, "2" product, "3" region
        [code, "2024-12-31T00:00:00", "1", "计算机、通信和其他电子设备制造业", "4500000000.0", "0.9994", "1", "1", "1", "1", "0.2"],
        [code, "2024-12-31T00:00:00", "1", "其他业务", "2700000.0", "0.0006", "1", "1", "1", "1", "0.5"],
        [code, "2024-12-31T00:00:00", "2", "PCB产品", "4230000000.0", "0.94", "1", "1", "1", "1", "0.2"],
        [code, "2024-12-31T00:00:00", "2", "算力服务", "2700000.0", "0.0006", "1", "1", "1", "1", "0.3"],
        [code, "2024-12-31T00:00:00", "2", "其他", "267300000.0", "0.0594", "1", "1", "1", "1", "0.1"],
        [code, "2024-12-31T00:00:00", "3", "境内", "3000000000.0", "0.6663", "1", "1", "1", "1", "0.2"],
        [code, "2018-12-31T00:00:00", "4", "未知分类", None, None, None, None, None, None, None],
    ]
    df = pd.DataFrame(raw, columns=ZYGC_COLUMNS)
    df["报告日期"] = pd.to_datetime(df["报告日期"], errors="coerce").dt.date
    df["分类类型"] = df["分类类型"].map({"1": "按行业分类", "2": "按产品分类", "3": "按地区分类"})
    df = _numeric(df, ZYGC_COLUMNS[4:])
    if case == "broken":
        df = df.drop(columns=["收入比例"])
    return df


# akshare/stock_fundamental/stock_gbjg_em.py: stock_zh_a_gbjg_em (变更日期 a datetime.date,
# counts in shares, newest first)
GBJG_COLUMNS = ["变更日期", "总股本", "流通受限股份", "其他内资持股(受限)", "境内法人持股(受限)",
                "境内自然人持股(受限)", "已流通股份", "已上市流通A股", "变动原因"]


def stock_zh_a_gbjg_em(symbol="603392.SH"):
    _log("stock_zh_a_gbjg_em", symbol=symbol)
    case = _case(symbol)
    if case == "empty":
        return pd.DataFrame(columns=GBJG_COLUMNS)
    raw = [
        ["2025-06-30", 268000000.0, 0.0, 0.0, 0.0, 0.0, 268000000.0, 268000000.0, "限售解禁"],
        ["2024-12-31", 268000000.0, 20000000.0, 0.0, 20000000.0, 0.0, 248000000.0,
         248000000.0, "送转股"],
        ["2023-06-30", 200000000.0, 20000000.0, 0.0, 20000000.0, 0.0, 180000000.0,
         180000000.0, "定期报告"],
    ]
    df = pd.DataFrame(raw, columns=GBJG_COLUMNS)
    df["变更日期"] = pd.to_datetime(df["变更日期"], errors="coerce").dt.date
    if case == "broken":
        df = df.drop(columns=["已上市流通A股"])
    return df


# akshare/stock/stock_board_concept_em.py: stock_board_concept_cons_em
CONS_COLUMNS = ["序号", "代码", "名称", "最新价", "涨跌幅", "涨跌额", "成交量", "成交额", "振幅",
                "最高", "最低", "今开", "昨收", "换手率", "市盈率-动态", "市净率"]


def stock_board_concept_cons_em(symbol="融资融券"):
    _log("stock_board_concept_cons_em", symbol=symbol)
    if symbol == "不存在的板块":
        # The real function indexes an empty selection: .values[0] raises IndexError.
        raise IndexError("index 0 is out of bounds for axis 0 with size 0")
    rows = [
        [1, "002881", "美格智能", "45.1", "10.0", "4.1", "1000", "4.5e7", "9", "45.1", "41", "41", "41", "3", "-", "5"],
        [2, "688041", "海光信息", "150", "5", "7", "2000", "3e8", "6", "151", "140", "141", "143", "1", "200", "20"],
        [3, "920493", "北交所甲", "12", "30", "2.77", "500", "6e6", "28", "12", "9", "9.2", "9.23", "8", "35", "3"],
        [4, "123456", "代码异常", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"],
    ]
    df = pd.DataFrame(rows, columns=CONS_COLUMNS)
    df["序号"] = df["序号"].astype("int64")
    return _numeric(df, CONS_COLUMNS[3:])


# akshare/stock/stock_board_concept_em.py: stock_board_concept_name_em
def stock_board_concept_name_em():
    _log("stock_board_concept_name_em")
    df = pd.DataFrame([[1, "算力概念", "BK1134", "1500.1", "30.5", "2.08", "5e12", "3.1", "80", "12",
                        "美格智能", "10.0"]],
                      columns=["排名", "板块名称", "板块代码", "最新价", "涨跌额", "涨跌幅", "总市值",
                               "换手率", "上涨家数", "下跌家数", "领涨股票", "领涨股票-涨跌幅"])
    return _numeric(df, ["最新价", "涨跌额", "涨跌幅", "总市值", "换手率", "上涨家数", "下跌家数",
                         "领涨股票-涨跌幅"])


# akshare/stock/stock_zh_a_special.py: stock_zh_a_st_em (风险警示板, SSE and SZSE)
ST_BOARD_COLUMNS = ["序号", "代码", "名称", "最新价", "涨跌幅", "涨跌额", "成交量", "成交额", "振幅",
                    "最高", "最低", "今开", "昨收", "量比", "换手率", "市盈率-动态", "市净率"]


def stock_zh_a_st_em():
    _log("stock_zh_a_st_em")
    if os.environ.get("HYPECHECK_STUB_ST") == "fail":
        raise ConnectionError("simulated network failure for the ST board")
    rows = [
        [1, "600355", "*ST精伦", "3.60", "-1.37", "-0.05", "1000", "3.6e5", "4", "3.65", "3.5",
         "3.6", "3.65", "1", "2", "-", "5"],
        [2, "000005", "ST星源", "1.20", "0.8", "0.01", "500", "6e4", "2", "1.21", "1.18", "1.19",
         "1.19", "1", "1", "-", "2"],
        [3, "123456", "代码异常", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1",
         "1"],
    ]
    df = pd.DataFrame(rows, columns=ST_BOARD_COLUMNS)
    df["序号"] = df["序号"].astype("int64")
    return _numeric(df, ["最新价", "涨跌幅", "涨跌额", "成交量", "成交额", "振幅", "最高", "最低", "今开",
                         "量比", "换手率"])


# akshare/stock/stock_info.py: stock_info_sz_change_name (深交所 名称变更, 简称变更 tab; the
# rows and their dates are made up for the tests);
# 变更日期 is a datetime.date after pd.to_datetime(...).dt.date, sorted by it.
SZ_NAME_COLUMNS = ["变更日期", "证券代码", "证券简称", "变更前全称", "变更后全称", "变更前简称",
                   "变更后简称"]


def stock_info_sz_change_name(symbol="全称变更"):
    _log("stock_info_sz_change_name", symbol=symbol)
    import datetime as _dt
    rows = [
        ["2019-03-01", "5", "ST星源", "深圳世纪星源股份有限公司", "深圳世纪星源股份有限公司", "世纪星源",
         "ST星源"],
        ["2001-06-01", "5", "ST星源", "深圳世纪星源股份有限公司", "深圳世纪星源股份有限公司", "深星源A",
         "世纪星源"],
        ["2020-05-06", "2881", "美格智能", "深圳市美格智能技术股份有限公司", "深圳市美格智能技术股份有限公司",
         "美格智能", "美格智能"],
    ]
    df = pd.DataFrame(rows, columns=SZ_NAME_COLUMNS)
    df["证券代码"] = df["证券代码"].astype("str").str.zfill(6)
    df["变更日期"] = pd.to_datetime(df["变更日期"]).dt.date
    df.sort_values(["变更日期"], inplace=True, ignore_index=True)
    assert isinstance(df["变更日期"][0], _dt.date)
    return df


__version__ = "0.0-stand-in"
