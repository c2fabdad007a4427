"""Template helpers of the outreach back office."""

from __future__ import annotations

from typing import Any

from django import template

from approdo.accounts.access import access_for

register = template.Library()


@register.simple_tag(takes_context=True)
def reads_sessions(context: dict[str, Any]) -> bool:
    """Whether the signed-in user may open sessions (person-data staff of some node)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    access = access_for(user)
    return bool(access.person_node_ids) and not access.is_monitor
