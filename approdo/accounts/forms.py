"""allauth forms with our widget styling."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm

from approdo.core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AllauthLoginForm):
    pass
