"""`{% page_query page_number %}`: the current query string with one page number changed."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context: dict[str, Any], number: int, param: str = "page") -> str:
    """`?…` with `param` set to `number` and every other parameter kept (filters, the page of
    another list on the same page)."""
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()
