"""Who is using the dashboard and what they may see and do.

Sign-in is Streamlit's own OpenID Connect (`st.login`, configured by `[auth]` in
.streamlit/secrets.toml). Roles come from one place, `[roles]` in the same file: e-mail
addresses and/or the groups of a claim the identity provider sends. They are worked out on
the server at every run from the signed-in identity (Streamlit keeps it in a signed
cookie), never from anything else the browser sends.

- viewer: public records (anyone, signed in or not);
- counsellor: also restricted records;
- maintainer: also the Data page (data, targets and meetings).

Without `[auth]` nobody signs in and everyone is a public viewer, unless the instance was
started for trusted users only (CPST_SHOW_RESTRICTED=1 shows restricted records,
CPST_DATA_EDITING=1 the Data page; README, "Roles"); with `[auth]` those variables are
ignored and only roles count.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

import streamlit as st

EDITING_ENV = "CPST_DATA_EDITING"
SHOW_RESTRICTED_ENV = "CPST_SHOW_RESTRICTED"


class Role(IntEnum):
    VIEWER = 0
    COUNSELLOR = 1
    MAINTAINER = 2

    @property
    def code(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Who:
    role: Role
    name: str = ""  # the signed-in identity's name or e-mail; "" when nobody signed in
    email: str = ""
    signed_in: bool = False
    can_sign_in: bool = False  # sign-in is configured on this instance
    sees_restricted: bool = False
    maintains: bool = False

    @classmethod
    def of(cls, role: Role, **identity: object) -> Who:
        """A user with `role` and what it allows."""
        allowed = dict(sees_restricted=role >= Role.COUNSELLOR, maintains=role >= Role.MAINTAINER)
        return cls(role, **identity, **allowed)


def role_of(claims: Mapping, roles: Mapping) -> Role:
    """The role `roles` ([roles] in the secrets) gives the identity with these `claims`:
    the highest of its e-mail address's (`maintainers`, `counsellors`; compared without
    case, and only when the provider has not said the address is unverified) and its
    groups' (`maintainer_groups`, `counsellor_groups`, in the claim `group_claim`)."""
    email = str(claims.get("email") or "").strip().lower()
    if claims.get("email_verified") is False:
        email = ""
    groups = claims.get(str(roles.get("group_claim") or "groups")) or []
    groups = {str(g) for g in ([groups] if isinstance(groups, str) else groups)}
    for role, key in ((Role.MAINTAINER, "maintainer"), (Role.COUNSELLOR, "counsellor")):
        addresses = {str(a).strip().lower() for a in roles.get(f"{key}s", [])}
        named = {str(g) for g in roles.get(f"{key}_groups", [])}
        if (email and email in addresses) or groups & named:
            return role
    return Role.VIEWER


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def current() -> Who:
    """Who runs this script run, and what they may do (see the module's docstring)."""
    if not sign_in_configured():  # one trusted user's own instance, or a public one
        return Who(
            Role.VIEWER,
            sees_restricted=os.environ.get(SHOW_RESTRICTED_ENV) == "1",
            maintains=os.environ.get(EDITING_ENV) == "1",
        )
    user = st.user.to_dict()
    if not user.get("is_logged_in"):
        return Who.of(Role.VIEWER, can_sign_in=True)
    # an address the provider says is unverified names nobody (nor in the audit trail)
    email = "" if user.get("email_verified") is False else str(user.get("email") or "")
    name = str(user.get("name") or email or user.get("sub") or "")
    role = role_of(user, st.secrets.get("roles", {}))
    return Who.of(role, name=name, email=email, signed_in=True, can_sign_in=True)
