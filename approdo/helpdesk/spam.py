"""Keeping robots off the public form without a third-party service.

Three guards, none of which needs an account or a cookie beyond CSRF:

- a honeypot field people never see (hidden by a class from a static stylesheet) that
  robots fill in: the submission is then dropped silently and the robot gets the usual
  thank-you page;
- a signed time token written into the form when it is shown: a form sent back sooner than
  `HELPDESK_FORM_MIN_SECONDS`, or later than `TOKEN_MAX_AGE`, is refused;
- a rate limit per client, counted in `PublicSubmission` rows keyed by an HMAC of the
  client address. The address itself is never stored; rows older than a day are purged
  (`manage.py purge_public_submissions`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from approdo.helpdesk.models import PublicSubmission

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "started"
TOKEN_SALT = "approdo.helpdesk.public.report-form"
TOKEN_MAX_AGE = dt.timedelta(hours=2)
CLIENT_HASH_SALT = "approdo.helpdesk.public.client"
RATE_WINDOW = dt.timedelta(hours=1)
KEEP_SUBMISSIONS = dt.timedelta(hours=24)


class TokenProblem(enum.Enum):
    TOO_FAST = "too_fast"
    EXPIRED = "expired"


def issue_token(at: dt.datetime | None = None) -> str:
    """The signed time the form was shown (`at` defaults to now)."""
    moment = at or timezone.now()
    return signing.dumps({"at": moment.timestamp()}, salt=TOKEN_SALT, compress=True)


def check_token(token: str, now: dt.datetime | None = None) -> TokenProblem | None:
    """None when the form took a human's time; else why it is refused.

    A missing or tampered token counts as expired: the person is asked to send again, with
    a fresh token in the re-rendered form.
    """
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
        issued = float(payload["at"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenProblem.EXPIRED
    age = (now or timezone.now()).timestamp() - issued
    if age < settings.HELPDESK_FORM_MIN_SECONDS:
        return TokenProblem.TOO_FAST
    if age > TOKEN_MAX_AGE.total_seconds():
        return TokenProblem.EXPIRED
    return None


def is_robot(data: Mapping[str, Any]) -> bool:
    """True when the honeypot field came back filled in."""
    return bool(str(data.get(HONEYPOT_FIELD) or "").strip())


def client_hash(request: HttpRequest) -> str:
    """A keyed hash of the client address (the same address REMOTE_ADDR the audit trail
    reads, see core/requests.py): stable for the rate limit, useless without SECRET_KEY."""
    address = request.META.get("REMOTE_ADDR") or "unknown"
    return salted_hmac(CLIENT_HASH_SALT, address, algorithm="sha256").hexdigest()


def over_limit(client: str) -> bool:
    """True when this client already sent the hourly allowance."""
    since = timezone.now() - RATE_WINDOW
    sent = PublicSubmission.objects.filter(client_hash=client, at__gte=since).count()
    return sent >= settings.HELPDESK_FORM_PER_HOUR


def note_submission(client: str) -> None:
    PublicSubmission.objects.create(client_hash=client)


def purge_submissions(now: dt.datetime | None = None) -> int:
    """Delete the rows the rate limit no longer needs; returns how many."""
    before = (now or timezone.now()) - KEEP_SUBMISSIONS
    deleted, _per_model = PublicSubmission.objects.filter(at__lt=before).delete()
    return deleted
