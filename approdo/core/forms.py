"""Form helpers: Bootstrap Italia classes on every widget, errors tied to their fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def style_widgets(form: forms.BaseForm) -> None:
    """Give each widget the class Bootstrap Italia expects for its kind."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        existing = widget.attrs.get("class", "")
        if css not in existing.split():
            widget.attrs["class"] = f"{existing} {css}".strip()


class StyledFormMixin:
    """Mix into any Form/ModelForm; Django 5.2 adds aria-invalid and error ids itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)  # type: ignore[arg-type]


def attach_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's validation errors next to the form's fields (or above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
