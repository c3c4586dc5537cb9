"""The README's deployment, run for real: nginx with deploy/nginx.conf in front of the app."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from benchmarks.browser import _free_port, serve, wait_for_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    """(the proxy's URL, the app's own URL): nginx on a free loopback port, configured by
    deploy/nginx.conf with only its two addresses changed."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: bash scripts/test.sh installs it with apt-get")
    tmp = tmp_path_factory.mktemp("nginx")
    with serve(FIXTURE, ROOT / "build" / "streamlit-deploy.log") as app_url:
        port = _free_port()
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        for default, ours in (
            ("127.0.0.1:8501", f"127.0.0.1:{urlparse(app_url).port}"),
            ("listen 80;", f"listen 127.0.0.1:{port};"),
        ):
            assert default in site
            site = site.replace(default, ours)
        (tmp / "site.conf").write_text(site)
        temp_paths = "\n".join(
            f"{kind}_temp_path {tmp}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (tmp / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
            + "events { worker_connections 64; }\n"
            + f"http {{\naccess_log off;\n{temp_paths}\ninclude {tmp}/site.conf;\n}}\n"
        )
        cmd = [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"]
        nginx = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            while get(f"{url}/healthz")[0] != 200:
                assert nginx.poll() is None, nginx.stderr.read()
                assert time.monotonic() < deadline, (tmp / "error.log").read_text()
                time.sleep(0.2)
            yield url, app_url
        finally:
            nginx.terminate()
            nginx.wait(20)


def get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")
    except OSError:
        return 0, {}, ""


def test_every_answer_carries_the_security_headers(proxy) -> None:
    url, _ = proxy
    for path in ("/", "/overview", "/healthz", "/_stcore/metrics"):
        status, headers, _ = get(url + path)
        assert status in (200, 404), path
        assert headers["Content-Security-Policy"] == "frame-ancestors 'self'", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert headers["X-Content-Type-Options"] == "nosniff", path


def test_metrics_are_not_served_from_outside(proxy) -> None:
    url, app_url = proxy
    status, _, body = get(f"{app_url}/_stcore/metrics")
    assert status == 200 and "session" in body  # on the host the app serves them
    for path in (
        "/_stcore/metrics",
        "//_stcore/metrics",
        "/_stcore//metrics",
        "/_stcore/./metrics",
        "/_stcore/metrics/",
        "/_stcore/metrics?format=text",
        "/x/../_stcore/metrics",
    ):
        status, _, body = get(url + path)
        assert status == 404 and "session" not in body, path


def test_the_health_check_and_the_app_through_the_proxy(proxy, browser) -> None:
    url, _ = proxy
    assert get(f"{url}/healthz")[::2] == (200, "ok")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{url}/overview?sector=space")  # a shared link, over the WebSocket
    wait_for_app(page)
    value = page.locator('[data-testid="stMetric"]').filter(has_text="Projects").first
    assert value.locator('[data-testid="stMetricValue"]').inner_text() == "1"
    page.close()
