"""The roles a membership can grant, and what kind of place each role is bound to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SPOKE_OPERATOR = "spoke_operator", _("Operatore/operatrice di spoke")
    CASE_WORKER = "case_worker", _("Operatore/operatrice sociale (case worker)")
    MEDIATOR = "mediator", _("Mediatore/mediatrice linguistico-culturale")
    LEGAL_ADVISOR = "legal_advisor", _("Consulente legale")
    CARE_PROFESSIONAL = "care_professional", _("Professionista psico-sociale o sanitario")
    HUB_COORDINATOR = "hub_coordinator", _("Coordinatore/coordinatrice di hub")
    BODY_ADMIN = "body_admin", _("Amministratore/amministratrice dell'ente gestore")
    HELPDESK_OPERATOR = "helpdesk_operator", _("Operatore/operatrice dell'helpdesk")
    REGIONAL_MONITOR = "regional_monitor", _("Monitoraggio regionale")
    MINISTRY_MONITOR = "ministry_monitor", _("Monitoraggio ministeriale")
    SYSTEM_ADMIN = "system_admin", _("Amministratore/amministratrice di sistema")


class ScopeKind(models.TextChoices):
    NODE = "node", _("Nodo")
    MANAGING_BODY = "managing_body", _("Ente gestore")
    REGION = "region", _("Regione")
    PROGRAMME = "programme", _("Intero programma")


# Which place a membership of each role must name. Node roles work in one hub or spoke.
ROLE_SCOPE: dict[str, str] = {
    Role.SPOKE_OPERATOR: ScopeKind.NODE,
    Role.CASE_WORKER: ScopeKind.NODE,
    Role.MEDIATOR: ScopeKind.NODE,
    Role.LEGAL_ADVISOR: ScopeKind.NODE,
    Role.CARE_PROFESSIONAL: ScopeKind.NODE,
    Role.HUB_COORDINATOR: ScopeKind.NODE,
    Role.BODY_ADMIN: ScopeKind.MANAGING_BODY,
    Role.HELPDESK_OPERATOR: ScopeKind.PROGRAMME,
    Role.REGIONAL_MONITOR: ScopeKind.REGION,
    Role.MINISTRY_MONITOR: ScopeKind.PROGRAMME,
    Role.SYSTEM_ADMIN: ScopeKind.PROGRAMME,
}

# Roles that work with people's records (within their place). Everyone else sees aggregates.
PERSON_DATA_ROLES: frozenset[str] = frozenset(
    {
        Role.SPOKE_OPERATOR,
        Role.CASE_WORKER,
        Role.MEDIATOR,
        Role.LEGAL_ADVISOR,
        Role.CARE_PROFESSIONAL,
        Role.HUB_COORDINATOR,
        Role.HELPDESK_OPERATOR,
    }
)
# Roles that read people's records held at nodes. The helpdesk works on its own contacts and
# sees a hub's case only through the referral it sent (a participant, not a reader of files).
NODE_PERSON_DATA_ROLES: frozenset[str] = PERSON_DATA_ROLES - {Role.HELPDESK_OPERATOR}
# Roles that work the helpdesk's queue of contacts and reports.
HELPDESK_ROLES: frozenset[str] = frozenset({Role.HELPDESK_OPERATOR})
MONITOR_ROLES: frozenset[str] = frozenset({Role.REGIONAL_MONITOR, Role.MINISTRY_MONITOR})
# Roles that may search the audit trail of their place.
AUDIT_ROLES: frozenset[str] = frozenset({Role.HUB_COORDINATOR, Role.BODY_ADMIN, Role.SYSTEM_ADMIN})
# Roles that review possible duplicates and merge or separate person records.
LINKAGE_REVIEW_ROLES: frozenset[str] = frozenset({Role.HUB_COORDINATOR})
# Roles that may edit a node's registry data (hours, languages, areas, contacts).
NODE_EDITOR_ROLES: frozenset[str] = frozenset(
    {Role.HUB_COORDINATOR, Role.BODY_ADMIN, Role.SYSTEM_ADMIN}
)
# Roles that give people accounts and memberships on the nodes of their place.
STAFF_ADMIN_ROLES: frozenset[str] = frozenset({Role.BODY_ADMIN, Role.SYSTEM_ADMIN})
# Roles a managing body's administrator may grant: work at one of the body's nodes.
GRANTABLE_NODE_ROLES: tuple[str, ...] = (
    Role.SPOKE_OPERATOR,
    Role.CASE_WORKER,
    Role.MEDIATOR,
    Role.LEGAL_ADVISOR,
    Role.CARE_PROFESSIONAL,
    Role.HUB_COORDINATOR,
)
