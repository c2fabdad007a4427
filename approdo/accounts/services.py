"""Writes about accounts: preferences, API tokens, staff accounts and their memberships."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts import access
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import GRANTABLE_NODE_ROLES
from approdo.audit.services import record
from approdo.network.models import Node


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    """Remember the interface language a user chose, so it follows them to any device."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError("unsupported language", code="invalid_language")
    if user.preferred_language == language:
        return
    old = user.preferred_language
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    record(
        actor=user,
        action="accounts.user.language_changed",
        target=user,
        changes={"preferred_language": (old, language)},
    )


@transaction.atomic
def api_token_issue(*, actor: User | None, user: User) -> str:
    """Issue a new API token for `user`, revoking the previous one; returns the key.

    The key is shown once to whoever issued it and never written into the audit trail.
    """
    from rest_framework.authtoken.models import Token

    revoked = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    record(
        actor=actor,
        action="accounts.api_token.issued",
        target=user,
        data={"replaced_previous": revoked},
    )
    return token.key


@transaction.atomic
def staff_member_add(
    *,
    actor: User,
    node: Node,
    role: str,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    valid_from: dt.date | None = None,
) -> Membership:
    """Give a new person an account and a role at one node of the actor's places.

    Rules: only staff administrators of that node (access.require_staff_admin); only roles
    that work at a node; the account has no usable password until its owner sets one from
    the e-mail they receive, so nobody else ever knows it. Audited with the node.
    """
    access.require_staff_admin(actor, node.pk)
    if role not in GRANTABLE_NODE_ROLES:
        raise ValidationError({"role": _("Questo ruolo non si assegna a un nodo.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Questo nome utente è già in uso.")})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    membership = Membership(
        user=user, role=role, node=node, valid_from=valid_from or timezone.localdate()
    )
    membership.full_clean()
    membership.save()
    record(
        actor=actor,
        action="accounts.membership.created",
        target=membership,
        data={"user": user.username, "role": role, "scope": node.name},
        node_id=node.pk,
    )
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership) -> Membership:
    """End a membership now: from today it grants nothing. The row stays, for the record.

    The last valid day becomes yesterday; a membership that had not started by then is
    closed on the same day it would have started, so its period stays consistent.
    """
    access.require_staff_admin(actor, membership.node_id)
    if membership.node_id is None:
        raise PermissionDenied
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    if membership.valid_until is not None and membership.valid_until <= yesterday:
        return membership  # already ended
    old = (membership.valid_from, membership.valid_until)
    membership.valid_until = yesterday
    membership.valid_from = min(membership.valid_from, yesterday)
    membership.save(update_fields=["valid_from", "valid_until"])
    record(
        actor=actor,
        action="accounts.membership.ended",
        target=membership,
        changes={"valid_until": (old[1], yesterday)},
        data={"user": membership.user.username, "role": membership.role},
        node_id=membership.node_id,
    )
    return membership
