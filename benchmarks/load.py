"""How many viewers the deployment takes: deploy/local.py (two instances behind nginx, on
loopback) under sessions that open the Overview at once, on the curated data.

    python -m benchmarks.load [--steps 1,2,4,6,8,10,12,16,24,32] [--rounds 3] [--browsers 3]
                              [--out benchmarks/RESULTS.md]

A session is what a browser's WebSocket does, without the browser: it connects through
nginx (its route cookie picks the instance), asks for the Overview's run and notes when the
first chart arrives, asks for the run that draws the sidebar's controls (a browser asks for
it after its first chart), and then stays open, as a viewer's tab does. N sessions start
within one second on one instance, `rounds` times a step; the ramp ends at the first step
whose p95 passes 3 s. Then a ramp over both instances up to twice that (the machine); 40 tabs
opened over 20 s and left open (memory: the instance's resident set with them, against
before). Headless browsers on 2 cores measure themselves more than the server (DESIGN.md),
so a few real browsers are measured apart, each opening the Overview in the same second as
the largest load that kept the p95 under 3 s.

Prints one JSON object; --out replaces the section "Load: viewers per instance" of
RESULTS.md with the tables.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import re
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.browser import ROOT, _free_port, launch
from benchmarks.first_chart import first_chart

TARGET = 3.0  # seconds: the Overview's first chart, p95
LIMIT = 60.0  # seconds a run may take before its session counts as failed
UNVERIFIED = ssl._create_unverified_context()  # the deployment's self-signed certificate
SECTION = "## Load: viewers per instance"
# How many of the concurrent viewers open the dashboard in the same second, for sizing: a
# committee of 50 opens the link shared at a meeting's start all at once; of 500 viewers
# across ministries and embassies, at most one in five at once (a circulated link).
AT_ONCE = {50: 1.0, 500: 0.2}
MEMORY_SESSIONS = 40  # tabs left open to measure an open session's memory
CORES = os.cpu_count() or 1


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


async def _run(ws) -> float | None:
    """Ask for a run of the Overview: when its first chart arrived (perf_counter; None: it
    drew none)."""
    ask = BackMsg()
    ask.rerun_script.query_string = ""
    ask.rerun_script.page_name = ""
    await ws.send(ask.SerializeToString())
    first = None
    while True:
        message = ForwardMsg()
        message.ParseFromString(await ws.recv())
        kind = message.WhichOneof("type")
        element = kind == "delta" and message.delta.WhichOneof("type") == "new_element"
        if first is None and element and message.delta.new_element.HasField("plotly_chart"):
            first = time.perf_counter()
        if kind == "script_finished":
            return first


async def session(url: str, route: str, delay: float, ran, hold: asyncio.Event) -> float:
    """One viewer: after `delay`, connect, the Overview's two runs, tell `ran`, and stay
    until `hold`. Seconds from connecting to the first chart."""
    await asyncio.sleep(delay)
    start, told = time.perf_counter(), False
    try:
        async with websockets.connect(
            url.replace("https://", "wss://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            ssl=UNVERIFIED,
            additional_headers={"Cookie": f"cpst_route={route}"},
            max_size=None,
            open_timeout=LIMIT,
        ) as ws:
            first = await asyncio.wait_for(_run(ws), LIMIT)
            if first is None:
                raise RuntimeError("the Overview drew no chart")
            await asyncio.wait_for(_run(ws), LIMIT)
            told = True
            ran()
            await hold.wait()
            return first - start
    finally:
        if not told:  # failed: counted as done all the same
            ran()


def crowd(url: str, targets: list[tuple[str, int]], n: int, spread: float):
    """N sessions spread over the instances `targets` ((route, pid) each), starting within
    `spread` seconds: (their tasks, an event set once all have run, the event that ends
    them)."""
    hold, all_ran, left = asyncio.Event(), asyncio.Event(), [n]

    def ran() -> None:
        left[0] -= 1
        if left[0] <= 0:
            all_ran.set()

    rng = random.Random(n)
    tasks = [
        asyncio.create_task(
            session(url, targets[i % len(targets)][0], rng.uniform(0, spread), ran, hold)
        )
        for i in range(n)
    ]
    return tasks, all_ran, hold


async def wave(url: str, targets: list[tuple[str, int]], n: int, spread: float = 1.0) -> dict:
    """N sessions opening within `spread` seconds: their first-chart times, and the
    instances' resident memory before them and while they are all open."""
    before = sum(rss(pid) for _, pid in targets)
    tasks, all_ran, hold = crowd(url, targets, n, spread)
    await all_ran.wait()
    await asyncio.sleep(1)  # what the runs left behind settles
    during = sum(rss(pid) for _, pid in targets)
    hold.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    times = [r for r in results if isinstance(r, float)]
    return {"times": times, "failed": n - len(times), "before": before, "during": during}


def summary(waves: list[dict], n: int) -> dict:
    times = [t for w in waves for t in w["times"]]
    return {
        "sessions": n,
        "p50": statistics.median(times) if times else None,
        "p95": p95(times) if times else None,
        "failed": sum(w["failed"] for w in waves),
        "rss_mib": max(w["during"] for w in waves) / 2**20,
    }


def rss(pid: int) -> int:
    """Resident memory of a process, bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) * 1024


def instance_pid(port: str) -> int:
    """The app process serving `port` (deploy/local.py's child)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"scripts/serve.py" in args and port.encode() in args:
            return int(cmdline.parent.name)
    raise RuntimeError(f"no app process on port {port}")


def served(run: Path) -> list[tuple[str, str, str]]:
    """(request, route, instance) of each line of nginx's access log in deploy/local.py's
    run folder."""
    text = (run / "access.log").read_text()
    return re.findall(r'"(\S+ \S+) [^"]*" \d+ route=(\S+) upstream=(\S+)', text)


def ask(url: str, run: Path, path: str, route: str) -> tuple[str, str]:
    """GET the path with a route cookie: (route, instance) of its line in the access log
    (nginx writes it as the answer ends: waited for)."""
    import urllib.request

    before = len(served(run))
    request = urllib.request.Request(url + path, headers={"Cookie": f"cpst_route={route}"})
    with contextlib.suppress(urllib.error.HTTPError):  # a refused path is logged all the same
        urllib.request.urlopen(request, context=UNVERIFIED, timeout=10).read()
    deadline = time.monotonic() + 5
    while len(served(run)) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    return served(run)[-1][1:]


def routes(url: str, run: Path) -> dict[str, str]:
    """A route cookie for each instance ({instance: route}), found by asking /healthz."""
    found: dict[str, str] = {}
    for n in range(64):
        found.setdefault(ask(url, run, "/healthz", f"probe-{n}")[1], f"probe-{n}")
    return found


def measure(steps: list[int], rounds: int, browsers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        run, port = Path(tmp) / "run", _free_port()
        cmd = [sys.executable, "deploy/local.py", "--port", str(port), "--run", str(run)]
        local = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        try:
            url = local.stdout.readline().split()[-1]
            targets = [
                (route, instance_pid(instance.rpartition(":")[2]))
                for instance, route in sorted(routes(url, run).items())
            ]
            one = targets[:1]
            asyncio.run(wave(url, targets, 4))  # warm both: a first run imports and compiles
            ramp, kept = [], None
            for n in steps:
                row = summary([asyncio.run(wave(url, one, n)) for _ in range(rounds)], n)
                ramp.append(row)
                if row["failed"] or row["p95"] is None or row["p95"] > TARGET:
                    break
                kept = n
            kept = kept or 1
            # the machine: sessions spread over both instances, up to twice one's
            both, machine = [], None
            for n in sorted({kept, math.ceil(1.5 * kept), 2 * kept}):
                row = summary([asyncio.run(wave(url, targets, n)) for _ in range(rounds)], n)
                both.append(row)
                if row["failed"] or row["p95"] > TARGET:
                    break
                machine = n
            # memory: many tabs opened over 20 s (no hurry) and left open on one instance
            held = asyncio.run(wave(url, one, MEMORY_SESSIONS, spread=20.0))
            memory = {
                "sessions": MEMORY_SESSIONS,
                "idle_mib": held["before"] / 2**20,
                "per_session_mib": (held["during"] - held["before"]) / MEMORY_SESSIONS / 2**20,
            }
            seen = browsers_in_a_burst(url, one[0], kept, browsers)
        finally:
            local.terminate()
            local.wait(60)
    return {
        "ramp": ramp,
        "kept": kept,
        "both": both,
        "machine": machine or 0,
        "memory": memory,
        "browsers": seen,
    }


def browsers_in_a_burst(url: str, target: tuple[str, int], n: int, count: int) -> list[float]:
    """First-chart times of `count` fresh browsers, each opening the Overview on an instance
    in the same second as N sessions do (a burst each)."""

    async def one_burst() -> float:
        tasks, all_ran, hold = crowd(url, [target], n, spread=1.0)
        took = await asyncio.to_thread(_browse, url, target[0])
        await all_ran.wait()
        hold.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        return took

    return [asyncio.run(one_burst()) for _ in range(count)]


def _browse(url: str, route: str) -> float:
    with launch() as browser:
        cookie = {"name": "cpst_route", "value": route, "url": url}
        return first_chart(browser, url, cookies=[cookie], ignore_https_errors=True)


def report(result: dict) -> str:
    def rows(ramp: list[dict]) -> list[str]:
        return [
            f"| {r['sessions']} | {r['p50']:.2f} | {r['p95']:.2f} | {r['failed']} | "
            f"{r['rss_mib']:.0f} |"
            for r in ramp
        ]

    kept, machine, memory, seen = (result[k] for k in ("kept", "machine", "memory", "browsers"))
    per_core = max(machine / CORES, 1)  # the machine's viewers at once, per core
    per_session = max(memory["per_session_mib"], 0.0)
    header = ["| sessions at once | p50 | p95 | failed | RSS, MiB |", "|---|---|---|---|---|"]
    lines = [
        SECTION,
        "",
        "`python -m benchmarks.load`: deploy/local.py (nginx, HTTPS, two instances) on this "
        f"{CORES}-core machine, curated data, anonymous viewers. N sessions open the Overview "
        "within one second: WebSocket clients speaking Streamlit's protocol (the first run, "
        "then the controls' run a browser asks for, then the tab stays open), three rounds a "
        "step, each ramp ending at its first step over the target. First chart: from "
        "connecting to the first chart's message, seconds; a browser then needs its own time "
        "to draw it (below). The clients run on the same cores as the server.",
        "",
        "One instance (its RSS):",
        "",
        *header,
        *rows(result["ramp"]),
        "",
        "Both instances, the sessions alternating between them (their RSS together):",
        "",
        *header,
        *rows(result["both"]),
        "",
        f"- **Viewers opening in the same second with the p95 under {TARGET:.0f} s: {kept} on "
        f"one instance, {machine} on the machine** (two instances on {CORES} cores).",
        f"- Real browsers: {len(seen)} fresh Chromium loads through nginx, each in the same "
        f"second as {kept} sessions on its instance: first bar drawn at "
        f"{', '.join(f'{s:.2f}' for s in seen)} s. A fresh browser on this machine needs "
        'about 3 s for any Streamlit page of four charts ("First chart in a fresh '
        'browser" above) and here shares the two cores with the server and the sessions.',
        f"- Memory: an idle instance holds {memory['idle_mib']:.0f} MiB; "
        f"{memory['sessions']} tabs left open add {per_session:.1f} MiB each.",
        "",
        f"**Recommended instances**, one per CPU core, at the machine's {per_core:g} viewers "
        "opening in the same second per core:",
        "",
        "| concurrent viewers | opening in the same second (assumed) | instances (cores) "
        "| memory |",
        "|---|---|---|---|",
        *[
            f"| {v} | {math.ceil(v * share)} | {math.ceil(v * share / per_core)} | "
            f"{(math.ceil(v * share / per_core) * memory['idle_mib'] + v * per_session) / 1024:.1f}"
            " GiB |"
            for v, share in AT_ONCE.items()
        ],
        "",
        "A committee of 50 opening the link shared at a meeting's start is taken as all "
        "50 at once; of 500 viewers across ministries and embassies, one in five at once.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--steps", default="1,2,4,6,8,10,12,16,24,32")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--out", type=Path, help="RESULTS.md to write the section into")
    args = parser.parse_args(argv)
    steps = [int(s) for s in args.steps.split(",")]
    result = measure(steps, args.rounds, args.browsers)
    print(json.dumps(result))
    if args.out:
        text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        start = text.find(SECTION)
        end = text.find("\n## ", start + 1) if start >= 0 else -1
        section = report(result)
        if start < 0:
            text = text.rstrip("\n") + "\n\n" + section
        else:
            text = text[:start] + section + ("\n" + text[end + 1 :] if end >= 0 else "")
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
