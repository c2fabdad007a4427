"""Users and their memberships: who works where, with which role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.roles import ROLE_SCOPE, Role, ScopeKind


class User(AbstractUser):
    """A person who works with Approdo. Language preference drives the interface."""

    preferred_language = models.CharField(
        _("lingua preferita"),
        max_length=8,
        default="it",
        choices=[("it", "Italiano"), ("en", "English")],
    )

    class Meta:
        verbose_name = _("utente")
        verbose_name_plural = _("utenti")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


def _scope_condition(scope: str) -> Q:
    node = Q(node__isnull=False)
    body = Q(managing_body__isnull=False)
    region = Q(region__isnull=False)
    shapes = {
        ScopeKind.NODE: node & ~body & ~region,
        ScopeKind.MANAGING_BODY: ~node & body & ~region,
        ScopeKind.REGION: ~node & ~body & region,
        ScopeKind.PROGRAMME: ~node & ~body & ~region,
    }
    roles = [role for role, kind in ROLE_SCOPE.items() if kind == scope]
    return Q(role__in=roles) & shapes[ScopeKind(scope)]


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self, day: object | None = None) -> MembershipQuerySet:
        today = day or timezone.localdate()
        return self.filter(
            Q(valid_from__lte=today), Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )


class Membership(models.Model):
    """Binds a user to a node, a managing body or a region with a role, for a period."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("utente")
    )
    role = models.CharField(_("ruolo"), max_length=32, choices=Role.choices)
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("nodo"),
    )
    managing_body = models.ForeignKey(
        "network.ManagingBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("ente gestore"),
    )
    region = models.ForeignKey(
        "network.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("regione"),
    )
    valid_from = models.DateField(_("valida dal"), default=timezone.localdate)
    valid_until = models.DateField(_("valida fino al"), null=True, blank=True)
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("appartenenza")
        verbose_name_plural = _("appartenenze")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    _scope_condition(ScopeKind.NODE)
                    | _scope_condition(ScopeKind.MANAGING_BODY)
                    | _scope_condition(ScopeKind.REGION)
                    | _scope_condition(ScopeKind.PROGRAMME)
                ),
                name="membership_scope_matches_role",
                violation_error_message=_(
                    "Il ruolo richiede un ambito diverso (nodo, ente gestore, regione o "
                    "intero programma)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="membership_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.scope_label}"

    @property
    def scope_label(self) -> str:
        place = self.node or self.managing_body or self.region
        return str(place) if place else str(_("intero programma"))

    def clean(self) -> None:
        super().clean()
        expected = ROLE_SCOPE.get(self.role)
        given = {
            ScopeKind.NODE: self.node_id is not None,
            ScopeKind.MANAGING_BODY: self.managing_body_id is not None,
            ScopeKind.REGION: self.region_id is not None,
        }
        if expected and expected != ScopeKind.PROGRAMME and not given[ScopeKind(expected)]:
            raise ValidationError(
                _("Il ruolo «%(role)s» richiede di indicare: %(scope)s.")
                % {"role": Role(self.role).label, "scope": ScopeKind(expected).label}
            )
        if sum(given.values()) > 1 or (expected == ScopeKind.PROGRAMME and any(given.values())):
            raise ValidationError(_("Indica un solo ambito, quello richiesto dal ruolo."))
