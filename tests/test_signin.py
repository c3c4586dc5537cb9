"""Sign-in through a real OpenID Connect provider (oidc-provider-mock on loopback), in a real
browser: each role sees what it may and nothing more, and nothing the browser sends but the
provider's signed-in identity changes that."""

from __future__ import annotations

import base64
import json
import tempfile
import urllib.request
from pathlib import Path

import pytest

from benchmarks.browser import _free_port, serve, wait_for_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
SHOTS = ROOT / "build" / "screenshots"
USERS = {  # sub: claims
    "guest": {"email": "guest@example.org", "name": "Guest"},
    "ayesha": {"email": "counsellor@embassy.example", "name": "Ayesha Counsellor"},
    "keeper": {"email": "keeper@example.org", "name": "Data Keeper", "groups": ["cpst-data"]},
}
SECRETS = """
[auth]
redirect_uri = "{app}/oauth2callback"
cookie_secret = "a-test-only-cookie-secret-of-some-length"
client_id = "cpst-dashboard"
client_secret = "test-only"
server_metadata_url = "{idp}/.well-known/openid-configuration"

[roles]
counsellors = ["counsellor@embassy.example"]
maintainer_groups = ["cpst-data"]
"""


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory):
    """(the app's URL, the provider's URL, its data directory): the app with sign-in
    configured on a copy of the fixture, and the mock provider knowing the three USERS."""
    import shutil

    import oidc_provider_mock

    data = tmp_path_factory.mktemp("signin") / "data"
    shutil.copytree(FIXTURE, data)

    users = [oidc_provider_mock.User(sub=s, claims=c) for s, c in USERS.items()]
    with oidc_provider_mock.run_server_in_thread(user_claims=users) as idp:
        idp_url = f"http://localhost:{idp.server_port}"
        port = _free_port()
        app = f"http://127.0.0.1:{port}"
        folder = Path(tempfile.mkdtemp())
        (folder / "secrets.toml").write_text(SECRETS.format(app=app, idp=idp_url))
        log = ROOT / "build" / "streamlit-signin.log"
        # what a trusted instance is started with: ignored once sign-in is configured
        extra = dict(CPST_SHOW_RESTRICTED="1", CPST_DATA_EDITING="1")
        with serve(data, log, port=port, secrets=folder / "secrets.toml", **extra):
            yield app, idp_url, data


def sign_in(page, app: str, idp: str, sub: str) -> None:
    page.goto(app)
    wait_for_app(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{idp}/**", timeout=30_000)
    page.get_by_placeholder("sub").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app}/**", timeout=30_000)
    wait_for_app(page)


def shown(page, app: str) -> dict[str, object]:
    """What the viewer gets: the Overview's project count (6 with lab-e, restricted; 5
    without), whether the navigation has the Data page, and the sidebar's sign-in box."""
    page.goto(app)
    wait_for_app(page)
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Projects").first
    return {
        "projects": card.locator('[data-testid="stMetricValue"]').inner_text(),
        "data_page": page.get_by_role("link", name="Data", exact=True).count() > 0,
        "account": page.locator(".st-key-account").inner_text(),
    }


def test_each_role_sees_what_it_may_and_nothing_more(browser, signed_app) -> None:
    app, idp, _ = signed_app
    SHOTS.mkdir(parents=True, exist_ok=True)
    seen = {}
    for sub in (None, *USERS):
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        if sub:
            sign_in(page, app, idp, sub)
        seen[sub] = shown(page, app)
        page.screenshot(path=str(SHOTS / f"signin-{sub or 'anonymous'}.png"))
        context.close()
    assert seen[None]["account"].startswith("Public view")
    assert (seen[None]["projects"], seen[None]["data_page"]) == ("5", False)
    assert "Signed in as Guest · Viewer" in seen["guest"]["account"]
    assert (seen["guest"]["projects"], seen["guest"]["data_page"]) == ("5", False)
    assert "Signed in as Ayesha Counsellor · Counsellor" in seen["ayesha"]["account"]
    assert (seen["ayesha"]["projects"], seen["ayesha"]["data_page"]) == ("6", False)
    assert "Signed in as Data Keeper · Maintainer" in seen["keeper"]["account"]
    assert (seen["keeper"]["projects"], seen["keeper"]["data_page"]) == ("6", True)


def test_a_forged_role_in_a_header_cookie_or_url_is_ignored(browser, signed_app) -> None:
    app, _, _ = signed_app
    forged_user = {"is_logged_in": True, "email": "keeper@example.org", "groups": ["cpst-data"]}
    cookie = base64.urlsafe_b64encode(json.dumps(forged_user).encode()).decode()
    context = browser.new_context(
        viewport={"width": 1366, "height": 900},
        extra_http_headers={
            "X-Forwarded-User": "keeper@example.org",
            "X-Forwarded-Email": "keeper@example.org",
            "X-Auth-Request-Groups": "cpst-data",
            "Remote-User": "keeper@example.org",
        },
    )
    host = app.removeprefix("http://").split(":")[0]
    context.add_cookies(
        [
            {"name": "_streamlit_user", "value": cookie, "domain": host, "path": "/"},
            {"name": "role", "value": "maintainer", "domain": host, "path": "/"},
        ]
    )
    page = context.new_page()
    page.goto(f"{app}/?role=maintainer&email=keeper%40example.org")
    wait_for_app(page)
    seen = shown(page, app)
    assert (seen["projects"], seen["data_page"]) == ("5", False)
    assert seen["account"].startswith("Public view")
    page.goto(f"{app}/data")  # the page itself, asked for by name: not there
    wait_for_app(page)
    assert not page.locator('[data-testid="stFileUploader"]').count()
    context.close()
    # the health check answers, without a session
    with urllib.request.urlopen(f"{app}/_stcore/health", timeout=5) as answer:
        assert answer.status == 200


def test_a_maintainers_change_and_its_restore_name_them_in_the_history(
    browser, signed_app, tmp_path
) -> None:
    import pandas as pd
    from test_browser import give_reason

    app, idp, data = signed_app
    original = (data / "sectors.csv").read_bytes()
    upload = tmp_path / "sectors.csv"  # the file name picks the table
    upload.write_text(original.decode().replace("Space sciences", "Space science and technology"))
    context = browser.new_context(viewport={"width": 1500, "height": 1800})
    page = context.new_page()
    sign_in(page, app, idp, "keeper")
    page.goto(f"{app}/data")
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(str(upload))
    page.get_by_text("0 added, 1 changed, 0 removed").wait_for(timeout=30_000)
    give_reason(page, "The sector's name as MoST Pakistan writes it")
    page.get_by_role("button", name="Apply these changes").click()
    page.get_by_text("Applied.").wait_for(timeout=30_000)
    log = pd.read_csv(data / "CHANGELOG.csv", dtype=str)
    assert log[["who", "action", "table", "changed", "why"]].values.tolist() == [
        [
            "keeper@example.org",
            "apply",
            "sectors",
            "1",
            "The sector's name as MoST Pakistan writes it",
        ]
    ]
    # the history, newest first, and a restore of the table as it was before the change
    page.goto(f"{app}/data")
    wait_for_app(page)
    page.get_by_text("History of changes (1)").click()
    page.get_by_role("button", name="Review restoring the tables as they were before it").click()
    wait_for_app(page)
    page.get_by_text("0 added, 1 changed, 0 removed").wait_for(timeout=30_000)
    give_reason(page, "Undo: the committee keeps the old name")
    page.screenshot(path=str(SHOTS / "data-restore.png"), full_page=True)
    page.get_by_role("button", name="Restore these tables").click()
    page.get_by_text("Applied.").wait_for(timeout=30_000)
    assert (data / "sectors.csv").read_bytes() == original  # byte for byte
    newest = pd.read_csv(data / "CHANGELOG.csv", dtype=str).iloc[-1]
    assert (newest["who"], newest["action"]) == ("keeper@example.org", "restore")
    page.goto(f"{app}/data")
    wait_for_app(page)
    page.get_by_text("History of changes (2)").click()
    page.screenshot(path=str(SHOTS / "data-history.png"), full_page=True)
    context.close()
