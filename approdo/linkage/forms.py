"""Forms of the review queue: a decision on a pair, the undoing of a merge."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from approdo.linkage.models import CandidateStatus

STATUS_CHOICES = [
    (CandidateStatus.PENDING, _("Da esaminare")),
    (CandidateStatus.CONFIRMED, _("Unite")),
    (CandidateStatus.REJECTED, _("Persone diverse")),
    (CandidateStatus.WITHDRAWN, _("Non più proposte")),
]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)


class DecisionForm(forms.Form):
    CONFIRM, REJECT = "confirm", "reject"

    decision = forms.ChoiceField(
        label=_("Decisione"),
        choices=[
            (CONFIRM, _("Sono la stessa persona: unisci le schede")),
            (REJECT, _("Sono persone diverse")),
        ],
        widget=forms.RadioSelect,
    )
    survivor = forms.ChoiceField(
        label=_("Scheda che resta"),
        required=False,
        help_text=_("L'altra scheda resta conservata com'è, unita a questa; si può separare."),
    )
    note = forms.CharField(
        label=_("Nota"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Cosa ti ha convinto (un documento visto, una telefonata)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, survivors: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        survivor = self.fields["survivor"]
        assert isinstance(survivor, forms.ChoiceField)
        survivor.choices = [(str(pk), label) for pk, label in survivors]
        if survivors:
            survivor.initial = str(survivors[0][0])


class UnmergeForm(forms.Form):
    reason = forms.CharField(
        label=_("Perché vanno separate"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
