from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from approdo.audit.selectors import AuditFilters
from approdo.network.models import Node


class AuditFilterForm(forms.Form):
    action = forms.CharField(
        label=_("Azione (inizia con)"),
        required=False,
        max_length=100,
        help_text=_("Ad esempio «network.node» o «accounts.login»."),
    )
    actor = forms.CharField(label=_("Autore"), required=False, max_length=150)
    target = forms.CharField(
        label=pgettext_lazy("audit", "Oggetto"), required=False, max_length=100
    )
    node = forms.ModelChoiceField(
        label=_("Nodo"),
        required=False,
        queryset=Node.objects.none(),
        empty_label=_("Tutti i nodi del mio ambito"),
    )
    date_from = forms.DateField(
        label=_("Dal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Al"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, node_ids: frozenset[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nodes = Node.objects.order_by("name")
        if node_ids is not None:
            nodes = nodes.filter(pk__in=node_ids)
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("La data finale precede quella iniziale."))
        return data

    def to_filters(self) -> AuditFilters:
        d = self.cleaned_data
        node = d.get("node")
        return AuditFilters(
            action=d.get("action") or "",
            actor=d.get("actor") or "",
            target=d.get("target") or "",
            node=node.pk if node else None,
            date_from=d.get("date_from"),
            date_to=d.get("date_to"),
        )
