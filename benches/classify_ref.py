"""Reference implementation for benches/classify.rs: the same alias scan and cue matching
in Python with jieba + re, on the corpus file the bench writes (one document per line).

Usage: python3 benches/classify_ref.py CORPUS.txt
Prints python_mb_per_s=X. No traditional->simplified step (no MIT table in the standard
library), so it does a little less work than the Rust side.
"""
import re
import sys
import time

try:
    import jieba
except ImportError:
    print("python: skipped (jieba not installed)")
    sys.exit(0)

ALIASES = ["DeepSeek-Coder", "DeepSeek-R1", "DeepSeek-V3", "DeepSeek-V2", "DeepSeek", "深度求索",
           "DS大模型", "幻方量化", "杭州深度求索人工智能基础技术研究有限公司"]
CUES = {
    "denial": ["不涉及", "无关", "否认", "不实", "无任何业务往来", "尚无", "暂无", "不存在"],
    "uncertainty": ["不确定性", "尚未产生收入", "占比极小", "不构成重大影响", "注意投资风险"],
    "adoption": ["接入", "部署", "适配", "上线", "集成", "调用", "支持"],
    "claim": ["合作", "落地", "赋能", "解决方案", "布局", "推出", "打造"],
    "business": ["签订", "签署", "合同", "订单", "中标", "供应商", "客户", "确认收入"],
    "equity": ["持股", "参股", "投资", "股东", "股权", "入股", "增资"],
    "evasion": ["以公告为准", "敬请关注", "不便透露"],
}
NEGATION = re.compile("未|没有|无|不|尚未|并未|从未")


def main(path):
    jieba.initialize()
    alias_re = re.compile("|".join(re.escape(a) for a in ALIASES), re.IGNORECASE)
    cue_of = {c: k for k, v in CUES.items() for c in v}
    cue_re = re.compile("|".join(re.escape(c) for c in sorted(cue_of, key=len, reverse=True)))
    split_re = re.compile(r"(?<=[。！？；!?;\n])")
    with open(path, encoding="utf-8") as f:
        data = f.read()
    size = len(data.encode("utf-8"))
    start = time.perf_counter()
    found = 0
    for doc in data.split("\n"):
        for sent in split_re.split(doc):
            if not alias_re.search(sent):
                continue
            found += 1
            tokens = jieba.lcut(sent)
            classes = set()
            negated = False
            for tok in tokens:
                if tok in (",", "，", "但"):
                    negated = False
                if NEGATION.fullmatch(tok):
                    negated = True
                for m in cue_re.finditer(tok):
                    k = cue_of[m.group(0)]
                    classes.add("denial" if negated and k in ("business", "equity", "claim", "adoption") else k)
    secs = time.perf_counter() - start
    print(f"python (jieba + re): {size / 1e6:.1f} MB in {secs:.2f} s = {size / 1e6 / secs:.1f} MB/s ({found} theme sentences)")
    print(f"python_mb_per_s={size / 1e6 / secs:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
