"""The field page (/campo/): a phone-first app shell that works offline.

The shell, its scripts and styles are precached by a service worker (served here, scope
/campo/); the page keeps drafts, the cached field context and the outbox in IndexedDB and
syncs through /api/v1/outreach/sync/. Nothing about people is in the shell itself: it is the
same for every user of a language, so a cached copy leaks nothing.
"""

from __future__ import annotations

import gettext
import hashlib
import json
from functools import cache

import pycountry
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from approdo.core.types import AuthenticatedHttpRequest
from approdo.outreach.field_labels import FIELD_LANGUAGES, LABELS
from approdo.outreach.selectors import field_node_ids

# The field page's own static files, in the order the page loads the scripts.
FIELD_SCRIPTS = (
    "outreach/field/store.js",
    "outreach/field/ui.js",
    "outreach/field/sync.js",
    "outreach/field/conflicts.js",
    "outreach/field/contacts.js",
    "outreach/field/session.js",
    "outreach/field/app.js",
)
FIELD_STYLES = ("outreach/field/field.css",)
FIELD_ICON = "approdo/favicon.svg"
PRECACHED_STATIC = (*FIELD_STYLES, *FIELD_SCRIPTS, FIELD_ICON)


@cache
def countries() -> tuple[dict[str, str], ...]:
    """Every country with its name in each language of the field page."""
    names: dict[str, gettext.NullTranslations] = {}
    for code, _name in FIELD_LANGUAGES:
        try:
            names[code] = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
        except OSError:
            names[code] = gettext.NullTranslations()
    rows = []
    for country in pycountry.countries:
        row = {"code": country.alpha_2}
        for code, translation in names.items():
            row[code] = translation.gettext(country.name)
        rows.append(row)
    return tuple(sorted(rows, key=lambda row: row["it"]))


@cache
def shell_version() -> str:
    """Changes whenever a precached file or the labels change, so phones update the cache."""
    digest = hashlib.sha256(json.dumps(LABELS, sort_keys=True).encode())
    for name in PRECACHED_STATIC:
        path = finders.find(name)
        if isinstance(path, str):
            with open(path, "rb") as handle:
                digest.update(handle.read())
        digest.update(static(name).encode())
    return digest.hexdigest()[:16]


@login_required
@require_GET
@ensure_csrf_cookie
def app_shell(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The field app: person-data roles at a node (monitors and the helpdesk get 403)."""
    if not field_node_ids(request.user):
        raise PermissionDenied
    context = {
        "labels": LABELS,
        "field_languages": [code for code, _name in FIELD_LANGUAGES],
        "countries": countries(),
        "config": {
            "sync_url": reverse("api-outreach-sync"),
            "context_url": reverse("api-outreach-field-context"),
            "sw_url": reverse("field:sw"),
            "scope": reverse("field:app"),
            "version": shell_version(),
        },
        "scripts": FIELD_SCRIPTS,
        "styles": FIELD_STYLES,
    }
    return render(request, "outreach/field/app.html", context)


@require_GET
@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script (public: it lists only the shell and static files)."""
    precache = [reverse("field:app"), reverse("field:manifest")]
    precache += [static(name) for name in PRECACHED_STATIC]
    response = render(
        request,
        "outreach/field/sw.js",
        {
            "version": shell_version(),
            "precache_json": json.dumps(precache),
            "shell_url_json": json.dumps(reverse("field:app")),
            "static_prefix_json": json.dumps(static("")),
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = reverse("field:app")
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    app = reverse("field:app")
    body = {
        "name": "Approdo · " + LABELS["it"]["app_title"],
        "short_name": "Approdo campo",
        "start_url": app,
        "scope": app,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0066cc",
        "lang": "it",
        "icons": [{"src": static(FIELD_ICON), "sizes": "any", "type": "image/svg+xml"}],
    }
    return HttpResponse(json.dumps(body), content_type="application/manifest+json")
