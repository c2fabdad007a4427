"""Site-wide pages: the operator guide and the error pages."""

from __future__ import annotations

from pathlib import Path

import markdown
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

DOCS_DIR = Path(settings.BASE_DIR) / "docs"


@login_required
def docs(request: HttpRequest) -> HttpResponse:
    """The operator guide, in the user's language (Italian is the source)."""
    lang = (get_language() or "it")[:2]
    source = DOCS_DIR / f"guida-operatore.{lang}.md"
    if not source.exists():
        source = DOCS_DIR / "guida-operatore.it.md"
    html = markdown.markdown(source.read_text(encoding="utf-8"), extensions=["toc", "tables"])
    # Our own repository's Markdown, not user input: safe to render as HTML.
    return render(request, "core/docs.html", {"guide": mark_safe(html)})  # noqa: S308


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        from approdo.api.problems import problem_response

        return problem_response(400, "Bad Request", "The request could not be understood.")
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        from approdo.api.problems import problem_response

        return problem_response(403, "Forbidden", "You do not have permission for this action.")
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        from approdo.api.problems import problem_response

        return problem_response(404, "Not Found", "No such resource.")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        from approdo.api.problems import problem_response

        return problem_response(500, "Internal Server Error", "The error has been logged.")
    return HttpResponseServerError(loader.get_template("500.html").render())
