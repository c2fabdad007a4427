"""Figures on monitoring pages: numbers in the page's language, suppressed cells marked."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat

from approdo.monitoring.exports import hidden_mark

register = template.Library()


@register.filter
def figure(value: Any, decimals: int = 0) -> str:
    """A count with thousands separators, a share with `decimals`, or the suppression mark."""
    if value is None:
        return hidden_mark()
    if isinstance(value, float) and decimals == 0 and not value.is_integer():
        decimals = 1
    return str(floatformat(value, f"{decimals}g"))


@register.filter
def data_value(value: Any) -> str:
    """The machine-readable value a chart reads (empty when suppressed)."""
    return "" if value is None else str(value)
