"""A local stand-in for cninfo's static PDF host (static.cninfo.com.cn) for the offline
tests: it listens on 127.0.0.1 only and answers ``/finalpage/DAY/ID.PDF`` by the case the
announcement id names (``CASES``; the stand-in akshare lists these ids for stock 000007);
any other id gets the text PDF.

Run as a program (``python3 pdf_server.py --files DIR [--log FILE]``) it prints its port on
the first line of stdout and serves until its stdin is closed; the Rust CLI tests use it
that way. ``DIR/text.pdf``, ``DIR/gbk.pdf`` and ``DIR/scan.pdf`` are the PDFs it serves.
Each request's path is appended to ``--log`` (and kept in ``Server.hits``).

The slow case never answers on its own: it waits for an event that is set only when the
server stops, so a client's timeout is what ends it, whatever the machine's speed.
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional

CASES: Dict[str, str] = {
    "1000000001": "text",       # a text PDF: lopdf reads it
    "1000000002": "gbk",        # fonts in the GBK-EUC-H CMap: only pdftotext reads it
    "1000000003": "html",       # an HTML error page served with status 200 as a PDF
    "1000000004": "truncated",  # the first half of a PDF (its Content-Length is honest)
    "1000000005": "missing",    # 404
    "1000000006": "busy",       # 429 once, then the PDF
    "1000000007": "slow",       # no answer until the server stops
    "1000000008": "loop",       # redirects to itself
    "1000000010": "scan",       # a whole PDF without a text layer
}
ERROR_PAGE = (b"<!DOCTYPE html><html><head><title>\xe8\xae\xbf\xe9\x97\xae\xe5\x8f\x97\xe9"
              b"\x99\x90</title></head><body>Too many requests</body></html>")


class Server:
    def __init__(self, files: Path, log: Optional[Path] = None) -> None:
        self.files, self.log = files, log
        self.hits: List[str] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.busy_seen = False
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_a) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.record(self.path)
                server.answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def record(self, path: str) -> None:
        with self.lock:
            self.hits.append(path)
            if self.log:
                with open(self.log, "a", encoding="utf-8") as f:
                    f.write(path + "\n")

    def pdf(self, name: str) -> bytes:
        return (self.files / name).read_bytes()

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        parts = h.path.split("/")
        ann = parts[-1].removesuffix(".PDF") if len(parts) == 4 else ""
        dated = len(parts) == 4 and parts[1] == "finalpage" and re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", parts[2]) is not None
        case = CASES.get(ann, "text" if ann.isdigit() else None) if dated else None
        if case in ("text", "gbk", "scan"):
            return send(h, 200, self.pdf(f"{case}.pdf"))
        if case == "html":
            return send(h, 200, ERROR_PAGE)
        if case == "truncated":
            body = self.pdf("text.pdf")
            return send(h, 200, body[: len(body) // 2])
        if case == "busy":
            with self.lock:
                first, self.busy_seen = not self.busy_seen, True
            if first:
                return send(h, 429, ERROR_PAGE, {"Retry-After": "0"}, "text/html")
            return send(h, 200, self.pdf("text.pdf"))
        if case == "slow":
            self.stopping.wait()
            return None
        if case == "loop":
            return send(h, 302, b"", {"Location": h.path})
        return send(h, 404, ERROR_PAGE, content_type="text/html")


def send(h: BaseHTTPRequestHandler, status: int, body: bytes,
         headers: Optional[Dict[str, str]] = None,
         content_type: str = "application/pdf") -> None:
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--files", required=True, type=Path)
    p.add_argument("--log", type=Path)
    args = p.parse_args()
    server = Server(args.files, args.log).start()
    print(server.port, flush=True)
    sys.stdin.read()  # until the test closes our stdin (or dies)
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
