"""Latency of the contacts endpoint through a real uvicorn server on a loopback port.

usage: python bench/latency.py [-n 500] [--db PATH] [--query 'country=ISR&country=USA']
Builds a store from ../shared/data/dev (or reuses --db if it holds articles), runs
`annals serve` on it in its own process on a free 127.0.0.1 port, sends N sequential
requests over one keep-alive connection and prints p50/p95/p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from annals.api import Annals

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"


@contextmanager
def serving(db: Path):
    """Base URL of `annals serve --db db` running in a child process on a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-c", "from annals.cli import main; main()", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(cmd)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{url}/api/stats").raise_for_status()
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    raise RuntimeError("annals serve exited") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(10)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="requests to time (default 500)")
    parser.add_argument("--db", help="store to reuse or create (default: a temporary file)")
    parser.add_argument("--query", default="", help="query string of /api/contacts (default: none)")
    args = parser.parse_args(argv)
    if not DEV.is_dir():
        print(f"skipped: {DEV} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db or Path(tmp) / "dev.db")
        annals = Annals(str(db))
        if not annals.stats()["documents"]:
            began = time.perf_counter()
            annals.ingest([DEV])
            print(f"ingested {DEV} in {time.perf_counter() - began:.1f} s")
        print("store:", ", ".join(f"{k} {v}" for k, v in annals.stats().items()))
        with serving(db) as url, httpx.Client(base_url=url) as client:
            path = f"/api/contacts?{args.query}"
            body = client.get(path).raise_for_status().json()  # warm-up, and the size of one answer
            times = []
            for _ in range(args.n):
                began = time.perf_counter()
                client.get(path).raise_for_status()
                times.append((time.perf_counter() - began) * 1000)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    print(f"GET {path}: {len(body)} contacts per answer, {args.n} requests")
    print(f"p50 {cuts[49]:.1f} ms   p95 {cuts[94]:.1f} ms   p99 {cuts[98]:.1f} ms   max {max(times):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
