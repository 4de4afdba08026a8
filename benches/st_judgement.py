"""The per-stock loop of the ST judgement (docs/market-rules.md §2.2a), shared by the pandas
and the polars peers of `cargo bench --bench signals`: each computes the inputs (which rows
refute or agree with a name's ST mark) with its own library, then runs this loop over the
rows of the stocks that carry a mark where the ST limit differs.
"""

import numpy as np


def judge(sid, st, differs, refute, agree):
    """Rows in stock order (`sid` equal within a stock, in date order). Returns the marks
    after clearing those up to each stock's last refuting row, and which marks are
    undecided: from the first mark after that proof to the last one before the first
    agreeing close (or to the last mark when none agrees)."""
    st = st.copy()
    unknown = np.zeros(len(st), dtype=bool)
    bounds = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:]):
        hits = np.flatnonzero(refute[a:b])
        frm = a
        if len(hits):
            last = a + hits[-1]
            st[a:last + 1] = False
            frm = last + 1
        marked = np.flatnonzero(st[frm:b] & differs[frm:b]) + frm
        if not len(marked):
            continue
        agreed = marked[agree[marked]]
        until = agreed[0] if len(agreed) else b
        inside = marked[marked < until]
        if len(inside):
            unknown[inside[0]:inside[-1] + 1] = st[inside[0]:inside[-1] + 1]
    return st, unknown
