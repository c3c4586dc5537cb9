"""The README's deployment, run for real: deploy/local.py starts two app instances and nginx
with deploy/nginx.conf (HTTPS, sticky sessions, the WebSocket upgrade, security headers,
health checks), and sign-in goes through a local mock OpenID Connect provider."""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from test_signin import SECRETS, USERS, sign_in

from benchmarks.browser import _free_port, wait_for_app
from benchmarks.load import UNVERIFIED, ask, routes, served

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
SHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """(its HTTPS URL, the provider's URL, its run folder): deploy/local.py on a copy of the
    fixture with sign-in configured, as a developer starts it."""
    import oidc_provider_mock

    if not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx is missing: bash scripts/test.sh installs it with apt-get")
    tmp = tmp_path_factory.mktemp("deploy")
    shutil.copytree(FIXTURE, tmp / "data")
    users = [oidc_provider_mock.User(sub=s, claims=c) for s, c in USERS.items()]
    with oidc_provider_mock.run_server_in_thread(user_claims=users) as idp:
        idp_url = f"http://localhost:{idp.server_port}"
        port = _free_port()
        url = f"https://127.0.0.1:{port}"
        (tmp / "secrets.toml").write_text(SECRETS.format(app=url, idp=idp_url))
        run = tmp / "run"
        cmd = [sys.executable, "deploy/local.py", "--port", str(port), "--data", str(tmp / "data"),
               "--secrets", str(tmp / "secrets.toml"), "--run", str(run)]  # fmt: skip
        local = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        try:
            line = local.stdout.readline()  # "ready URL", or nothing if it failed
            assert line.strip() == f"ready {url}", line
            yield url, idp_url, run
        finally:
            local.terminate()
            local.wait(60)


def get(url: str, cookie: str = ""):
    """(status, headers, body) of a GET."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10, context=UNVERIFIED) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def test_every_answer_carries_the_security_headers(deployment) -> None:
    url, _, _ = deployment
    for path in ("/", "/overview", "/healthz", "/_stcore/metrics"):
        status, headers, _ = get(url + path)
        assert status in (200, 404), path
        assert headers["Strict-Transport-Security"] == "max-age=31536000", path
        assert headers["Content-Security-Policy"] == "frame-ancestors 'self'", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        route = [c for c in headers.get_all("Set-Cookie") if c.startswith("cpst_route=")]
        assert re.fullmatch(r"cpst_route=\w+; Path=/; Secure; HttpOnly; SameSite=Lax", *route)


def test_plain_http_is_sent_to_https(deployment) -> None:
    url, _, run = deployment
    http_port = re.search(r"listen 127\.0\.0\.1:(\d+);", (run / "site.conf").read_text())[1]
    plain = http.client.HTTPConnection("127.0.0.1", int(http_port), timeout=10)
    plain.request("GET", "/overview?sector=space")
    answer = plain.getresponse()
    assert answer.status == 301
    assert answer.getheader("Location") == f"{url}/overview?sector=space"


def test_metrics_are_not_served_from_outside(deployment) -> None:
    url, _, run = deployment
    for instance in routes(url, run):
        status, _, body = get(f"http://{instance}/_stcore/metrics")
        assert status == 200 and "session" in body  # on the host each instance serves them
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


def test_a_session_stays_on_one_instance_and_both_take_sessions(deployment) -> None:
    url, _, run = deployment
    by_instance = routes(url, run)
    assert len(by_instance) == 2  # the hash spreads routes over both
    for instance, route in by_instance.items():
        for path in ("/", "/healthz", "/overview?sector=space", "/_stcore/health"):
            assert ask(url, run, path, route) == (route, instance), path


def test_each_role_sees_what_it_may_on_both_instances(deployment, browser) -> None:
    """Each role signs in once (on whichever instance its browser was sent to), then loads
    the Overview on each instance: the signed cookie is valid on both, and each gives the
    role what it may see, nothing more."""
    url, idp, run = deployment
    by_instance = routes(url, run)
    expected = {None: ("5", False), "guest": ("5", False), "ayesha": ("6", False),
                "keeper": ("6", True)}  # fmt: skip
    host = "127.0.0.1"
    for sub, (projects, data_page) in expected.items():
        context = browser.new_context(viewport={"width": 1366, "height": 900},
                                      ignore_https_errors=True)  # fmt: skip
        page = context.new_page()
        if sub:
            sign_in(page, url, idp, sub)
        for instance, route in by_instance.items():
            context.add_cookies([{"name": "cpst_route", "value": route, "domain": host,
                                  "path": "/", "secure": True}])  # fmt: skip
            page.goto(f"{url}/overview")
            wait_for_app(page)
            card = page.locator('[data-testid="stMetric"]').filter(has_text="Projects").first
            shown = card.locator('[data-testid="stMetricValue"]').inner_text()
            has_data = page.get_by_role("link", name="Data", exact=True).count() > 0
            assert (shown, has_data) == (projects, data_page), (sub, instance)
            mine = [upstream for _, r, upstream in served(run) if r == route]
            assert set(mine) == {instance}, (sub, instance)  # the page and its WebSocket
        page.screenshot(path=str(SHOTS / f"deploy-{sub or 'anonymous'}.png"))
        context.close()
    sockets = [u for request, _, u in served(run) if request.startswith("GET /_stcore/stream")]
    assert set(sockets) == set(by_instance)  # WebSockets upgraded on both instances
