"""Shared test set-up: the AppTest fix for pages/, the fixture database, the app runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui
from analytics.db import Database
from benchmarks.app import pages_dir_is_not_legacy
from benchmarks.browser import CHROMIUM, launch, serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "data"
LOG = ROOT / "build" / "streamlit-test.log"


@pytest.fixture(autouse=True)
def _pages_dir_is_not_legacy():
    with pages_dir_is_not_legacy():  # see its docstring: AppTest and a folder named pages/
        yield


@pytest.fixture(scope="session", autouse=True)
def _compiled_databases_in_a_temporary_folder(tmp_path_factory) -> None:
    """Each test session compiles its data afresh into its own folder, not build/cache/
    (the servers the browser tests start inherit it)."""
    os.environ["CPST_CACHE_DIR"] = str(tmp_path_factory.mktemp("compiled"))


@pytest.fixture(scope="session")
def fixture_db() -> Database:
    return Database.load(FIXTURE)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixture data that a test may change."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def restricted_db() -> Database:
    """The fixture data as a session with the right to restricted records sees it."""
    return Database.load(FIXTURE, restricted=True)


@pytest.fixture
def app(monkeypatch):
    """An AppTest of dashboard.py on the fixture data; call it with query params."""
    monkeypatch.setenv("CPST_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("CPST_DATA_EDITING", "1")  # so the Data page is in the navigation
    monkeypatch.chdir(ROOT)

    def make(**query: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.session_state[ui.PAST_FIRST_RUN] = True  # controls drawn from the first run
        for key, value in query.items():
            at.query_params[key] = value
        return at

    return make


@pytest.fixture(scope="session")
def server_url():
    """A real Streamlit server on the fixture data, on a free loopback port."""
    with serve(FIXTURE, LOG) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: bash scripts/test.sh installs it with apt-get")
    with launch() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()
