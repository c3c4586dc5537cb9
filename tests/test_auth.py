"""Sign-in and roles: who sees what, decided on the server from the signed-in identity."""

from __future__ import annotations

import pytest

from analytics.auth import Role, role_of

ROLES = {
    "maintainers": ["Keeper@most.gov.pk"],
    "counsellors": ["counsellor@embassy.example", "keeper2@most.gov.pk"],
    "group_claim": "groups",
    "maintainer_groups": ["cpst-maintainers"],
    "counsellor_groups": ["cpst-counsellors"],
}
# What an [auth] section holds (the values are never used: nobody is sent to a provider)
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-only-cookie-secret",
    "client_id": "cpst",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.mark.parametrize(
    ("claims", "role"),
    [
        ({"email": "keeper@most.gov.pk"}, Role.MAINTAINER),  # listed, in another case
        ({"email": " COUNSELLOR@embassy.example "}, Role.COUNSELLOR),
        ({"email": "someone@else.example"}, Role.VIEWER),
        ({"email": "keeper@most.gov.pk", "email_verified": False}, Role.VIEWER),  # unproven
        ({"email": "x@y.example", "groups": ["cpst-counsellors"]}, Role.COUNSELLOR),
        ({"email": "x@y.example", "groups": "cpst-maintainers"}, Role.MAINTAINER),  # one group
        ({"groups": ["cpst-counsellors", "cpst-maintainers"]}, Role.MAINTAINER),  # the highest
        ({"email": "keeper2@most.gov.pk", "groups": ["cpst-maintainers"]}, Role.MAINTAINER),
        ({}, Role.VIEWER),
    ],
)
def test_a_role_comes_from_the_e_mail_address_or_the_groups_configured(claims, role) -> None:
    assert role_of(claims, ROLES) == role


def test_groups_are_read_from_the_claim_configured() -> None:
    roles = ROLES | {"group_claim": "roles"}
    assert role_of({"groups": ["cpst-maintainers"]}, roles) == Role.VIEWER
    assert role_of({"roles": ["cpst-maintainers"]}, roles) == Role.MAINTAINER


def signed(app, user: dict | None, monkeypatch, **query: str):
    """An AppTest of an instance with sign-in configured, run as `user` (None: nobody)."""
    # what a trusted instance would be started with: ignored once sign-in is configured
    monkeypatch.setenv("CPST_SHOW_RESTRICTED", "1")
    at = app(**query)  # the app fixture also sets CPST_DATA_EDITING=1
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = ROLES
    at.user = user or {"is_logged_in": False}
    return at.run()


def no_data_page(at) -> bool:
    """The Data page is not in the navigation: AppTest cannot switch to it."""
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data.py")
    return True


def projects_metric(at) -> str:
    return next(m.value for m in at.metric if m.label == "Projects")


def sidebar_text(at) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def test_a_viewer_sees_public_records_and_no_data_page(app, monkeypatch) -> None:
    at = signed(app, None, monkeypatch)
    assert not at.exception
    assert projects_metric(at) == "5"  # lab-e, restricted, is not counted
    assert "sign_in" in [b.key for b in at.sidebar.button]
    assert no_data_page(at)


def test_a_counsellor_sees_restricted_records_and_who_they_are(app, monkeypatch) -> None:
    user = {"is_logged_in": True, "email": "counsellor@embassy.example", "name": "Ayesha"}
    at = signed(app, user, monkeypatch)
    assert not at.exception
    assert projects_metric(at) == "6"  # and lab-e
    assert "Signed in as Ayesha · Counsellor" in sidebar_text(at)
    assert "sign_out" in [b.key for b in at.sidebar.button]
    assert no_data_page(at)


def test_a_maintainer_has_the_data_page(app, monkeypatch) -> None:
    user = {"is_logged_in": True, "email": "x@y.example", "groups": ["cpst-maintainers"]}
    at = signed(app, user, monkeypatch)
    assert "Signed in as x@y\\.example · Maintainer" in sidebar_text(at)  # escaped Markdown
    at.switch_page("pages/data.py").run()
    assert not at.exception and at.file_uploader


def test_a_role_in_the_url_is_ignored(app, monkeypatch) -> None:
    at = signed(app, None, monkeypatch, role="maintainer", email="keeper@most.gov.pk")
    assert projects_metric(at) == "5"
    assert no_data_page(at)
