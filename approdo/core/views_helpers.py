"""The two ways a page calls one service, written once for every app.

- `run_service`: a button (POST) that calls a service and goes back to the page; the service's
  errors become one error message, its success a success message.
- `submit_form`: a bound form whose cleaned data feed one service; the service's errors are
  shown on the form's fields (or above it) so the caller re-renders the page with the form.
  `submit_posted_form` does the same from request.POST, and brings a stale version back on
  the form with the stored version.

Both add the success message themselves and return True when the service succeeded; the caller
decides where to redirect, or what to render with the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors


def error_text(exc: ValidationError) -> str:
    """A service's validation errors as one sentence for a flash message."""
    return " ".join(exc.messages)


def run_service(request: HttpRequest, call: Callable[[], object], done: str) -> bool:
    """Call one service; flash `done`, or its errors as one error message. True on success."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return False
    messages.success(request, done)
    return True


def submit_form(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], object],
    done: str,
    *,
    on_error: Callable[[forms.BaseForm, ValidationError], None] = attach_service_errors,
) -> bool:
    """Validate a bound form and call one service with its cleaned data.

    True (and `done` flashed) when the service succeeded. False when the form is unbound or
    invalid, or when the service refused: its errors are then put on the form by `on_error`.
    """
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        on_error(form, exc)
        return False
    messages.success(request, done)
    return True


def submit_posted_form(
    request: HttpRequest,
    form_class: Callable[..., forms.BaseForm],
    call: Callable[[dict[str, Any]], object],
    done: str,
    **form_kwargs: Any,
) -> tuple[bool, forms.BaseForm]:
    """`submit_form` on the POSTed data of a form that may carry a `version` field.

    When the service finds the record changed meanwhile (StaleEditError), the form comes back
    with the user's values, the stored version and the error above it, so that resubmitting is
    a deliberate choice. Returns whether the service succeeded, and the form to re-render.
    """
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        return False, form
    try:
        call(dict(form.cleaned_data))
    except StaleEditError as exc:
        data = request.POST.copy()
        data["version"] = str(exc.current.version)
        form = form_class(data, **form_kwargs)
        form.is_valid()
        form.add_error(None, exc)
        return False, form
    except ValidationError as exc:
        attach_service_errors(form, exc)
        return False, form
    messages.success(request, done)
    return True, form
