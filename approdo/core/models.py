"""Base model every editable domain record inherits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("creato il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A record edited by people: `version` guards against silent overwrites.

    Services compare the version the user's form was built from with the stored one and
    refuse a stale edit (see core.concurrency.check_version).
    """

    version = models.PositiveIntegerField(_("versione"), default=1, editable=False)

    class Meta:
        abstract = True
