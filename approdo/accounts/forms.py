"""Account forms: allauth's login with our styling, and a new member of a node's staff."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.roles import GRANTABLE_NODE_ROLES, Role
from approdo.core.forms import StyledFormMixin
from approdo.network.models import Node


class LoginForm(StyledFormMixin, AllauthLoginForm):
    pass


class StaffMemberForm(StyledFormMixin, forms.Form):
    """A new person on a node's staff: their account and their role."""

    first_name = forms.CharField(label=_("Nome"), max_length=150)
    last_name = forms.CharField(label=_("Cognome"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Riceverà qui il link per scegliere la propria password."),
    )
    username = forms.CharField(
        label=_("Nome utente"),
        max_length=150,
        help_text=_("Lettere, cifre e . _ - (ad esempio nome.cognome)."),
        validators=[UnicodeUsernameValidator()],
    )
    role = forms.ChoiceField(label=_("Ruolo"))
    node = forms.ModelChoiceField(label=_("Nodo"), queryset=Node.objects.none())
    valid_from = forms.DateField(
        label=_("Valida dal"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, nodes: QuerySet[Node], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (role, Role(role).label) for role in GRANTABLE_NODE_ROLES
        ]
        self.fields["node"].queryset = nodes  # type: ignore[attr-defined]
        self.fields["valid_from"].initial = timezone.localdate()
