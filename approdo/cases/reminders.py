"""E-mail reminders of case tasks, sent by the `send_reminders` command (cron / systemd timer).

Each task is claimed with a conditional UPDATE before its e-mail goes out, so several workers
(or two overlapping runs) never send the same reminder twice. E-mail is not a safe channel:
messages carry the case reference and the due date, never a person's name nor the task's own
words (an operator may have written a name in the title); the link leads to the case page,
behind the login.

Two reminders per task at most: on its `remind_on` day (or the first run after it), and once
when it is overdue. `reminded_at` records the last one: a reminder sent on or before the due
date leaves room for the overdue notice, one sent after it closes the task for reminders.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from approdo.cases.models import CaseTask
from approdo.cases.stages import Stage

logger = logging.getLogger(__name__)


def _not_reminded_since_due() -> Q:
    return Q(reminded_at__isnull=True) | Q(reminded_at__date__lte=F("due_on"))


def _open_tasks() -> Q:
    return (
        Q(done_at__isnull=True)
        & Q(assignee__is_active=True)
        & ~Q(assignee__email="")
        & ~Q(case__stage=Stage.CLOSED)
    )


def due_task_ids(today: dt.date) -> list[int]:
    """Tasks whose reminder day has come, not yet reminded, not yet overdue."""
    rows = CaseTask.objects.filter(
        _open_tasks(), remind_on__lte=today, due_on__gte=today, reminded_at__isnull=True
    )
    return list(rows.order_by("pk").values_list("pk", flat=True))


def overdue_task_ids(today: dt.date) -> list[int]:
    """Open tasks past their due date that have had no reminder since it passed."""
    rows = CaseTask.objects.filter(_open_tasks(), _not_reminded_since_due(), due_on__lt=today)
    return list(rows.order_by("pk").values_list("pk", flat=True))


def _claim(pk: int, now: dt.datetime, *, overdue: bool) -> bool:
    """Mark the task reminded unless another worker did it first (one UPDATE, no lock held)."""
    rows = CaseTask.objects.filter(pk=pk, done_at__isnull=True)
    rows = rows.filter(_not_reminded_since_due()) if overdue else rows.filter(reminded_at=None)
    return rows.update(reminded_at=now) == 1


def _case_url(case_pk: int) -> str:
    try:
        path = reverse("cases:detail", args=[case_pk])
    except NoReverseMatch:
        return ""
    # The site's domain is set in the admin (Sites), as for the password-reset links.
    return f"https://{Site.objects.get_current().domain}{path}"


def _message(task: CaseTask, *, overdue: bool) -> tuple[str, str]:
    """Subject and body, in the current language: the case reference and dates only."""
    reference = task.case.reference
    due = formats.date_format(task.due_on, "SHORT_DATE_FORMAT")
    if overdue:
        subject = _("Attività scaduta: presa in carico %(reference)s") % {"reference": reference}
        intro = _(
            "Un'attività della presa in carico %(reference)s a te assegnata è scaduta il "
            "%(date)s e non risulta completata."
        ) % {"reference": reference, "date": due}
    else:
        subject = _("Promemoria: presa in carico %(reference)s") % {"reference": reference}
        intro = _(
            "Hai un'attività della presa in carico %(reference)s con scadenza il %(date)s."
        ) % {"reference": reference, "date": due}
    lines = [_("Buongiorno,"), "", intro]
    url = _case_url(task.case_id)
    if url:
        lines += ["", _("Apri la presa in carico (serve l'accesso): %(url)s") % {"url": url}]
    lines += [
        "",
        _("Per riservatezza questo messaggio non riporta nomi né dettagli dell'attività."),
        "",
        "Approdo",
    ]
    return subject, "\n".join(lines)


def _send(task: CaseTask, *, overdue: bool) -> None:
    language = task.assignee.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject, body = _message(task, overdue=overdue)
    send_mail(subject, body, None, [task.assignee.email])


def _run(ids: list[int], now: dt.datetime, *, overdue: bool) -> int:
    sent = 0
    for pk in ids:
        if not _claim(pk, now, overdue=overdue):
            continue  # another worker has it, or it was completed meanwhile
        task = CaseTask.objects.select_related("case", "assignee").get(pk=pk)
        try:
            _send(task, overdue=overdue)
        except Exception:
            # The claim stays: a reminder is never worth a duplicate. The log says which task.
            logger.exception("Task reminder %s not sent", pk)
            continue
        sent += 1
    return sent


def send_task_reminders(now: dt.datetime | None = None) -> int:
    """E-mail the assignees of tasks whose reminder day has come, then of overdue tasks.

    Tasks that are done, on closed cases, or assigned to an inactive user or one without an
    e-mail address are skipped. Returns how many e-mails were sent.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = _run(due_task_ids(today), now, overdue=False)
    sent += _run(overdue_task_ids(today), now, overdue=True)
    return sent
