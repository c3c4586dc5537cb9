"""A Streamlit server and the system Chromium, for browser tests, screenshots and the
first-chart benchmark."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google's hosts,
# which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(
    data_dir: Path, log_path: Path, *, port: int = 0, secrets: Path | None = None, **env_vars: str
) -> Iterator[str]:
    """Run the app (scripts/serve.py) on data_dir at `port` on loopback (0: a free one), with
    the secrets file given (none: no secrets); yield its URL."""
    port = port or _free_port()
    env = dict(os.environ, CPST_DATA_DIR=str(data_dir), **env_vars)
    cmd = [sys.executable, "scripts/serve.py", "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    cmd += ["--secrets.files", str(secrets or log_path.with_name("no-secrets.toml"))]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log_path.read_text()) from None
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@contextlib.contextmanager
def launch():
    """The system Chromium under Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_app(page) -> None:
    """Wait until the script has finished and stayed finished ("not running" twice, a
    second apart: a widget's first value can start one more run), a session's first run
    has drawn its sidebar controls (its component asks for them after the first chart,
    ui.controls_later), and nothing is still drawn as a skeleton."""
    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    page.wait_for_selector(idle, timeout=30_000)
    page.wait_for_selector(".st-key-_after_first_chart", state="detached", timeout=30_000)
    page.wait_for_selector(idle, timeout=30_000)
    page.wait_for_timeout(1_000)
    page.wait_for_selector(idle, timeout=30_000)
    # Elements still being drawn show as skeletons.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000
    )
