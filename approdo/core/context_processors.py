"""Template context every page needs: the user's access and the navigation it allows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from approdo.accounts.access import access_for
from approdo.accounts.roles import LINKAGE_REVIEW_ROLES


def navigation(request: HttpRequest) -> list[dict[str, Any]]:
    if not request.user.is_authenticated:
        return []
    access = access_for(request.user)
    items = [
        {"label": _("Home"), "url": reverse("home")},
        {"label": _("Rete"), "url": reverse("network:directory")},
        {"label": _("Mappa"), "url": reverse("network:map")},
        {"label": _("Totali"), "url": reverse("network:totals")},
    ]
    if access.person_node_ids:
        items.append({"label": _("Persone"), "url": reverse("people:person_list")})
        items.append({"label": _("Prese in carico"), "url": reverse("cases:list")})
        items.append({"label": _("Invii"), "url": reverse("referrals:inbox")})
        items.append({"label": _("Importazioni"), "url": reverse("registers:list")})
    if access.internal_node_ids is None or access.internal_node_ids:  # outreach: places, map
        items.append({"label": _("Outreach"), "url": reverse("outreach:place_list")})
    if access.internal_node_ids is None or access.internal_node_ids:
        items.append({"label": _("Monitoraggio"), "url": reverse("monitoring:dashboard")})
        items.append({"label": _("Budget"), "url": reverse("budget:report")})
        items.append({"label": _("Posti letto"), "url": reverse("housing:board")})
        items.append({"label": _("Trasporti"), "url": reverse("transport:overview")})
        items.append({"label": _("Lavoro"), "url": reverse("jobs:vacancies")})
    if access.roles & LINKAGE_REVIEW_ROLES and access.person_node_ids:
        items.append({"label": _("Doppioni"), "url": reverse("linkage:queue")})
    if access.is_helpdesk:
        items.append({"label": _("Helpdesk"), "url": reverse("helpdesk:queue")})
    if access.can_manage_staff:
        items.append({"label": _("Personale"), "url": reverse("staff")})
    if access.can_view_audit:
        items.append({"label": _("Registro attività"), "url": reverse("audit:events")})
    if request.user.is_staff:
        items.append({"label": _("Amministrazione"), "url": reverse("admin:index")})
    path = request.path
    for item in items:
        url = str(item["url"])
        item["active"] = path == url if url == "/" else path.startswith(url)
    return items


def approdo(request: HttpRequest) -> dict[str, Any]:
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_items": navigation(request),
    }
