"""The "Lavoro" tab of a case: the person's skills profile. Reads go through the case and are
logged; each form posts to its own route and calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_posted_form
from approdo.jobcentres.selectors import case_summary as jobcentre_summary
from approdo.jobs import profiles
from approdo.jobs.placement_forms import RefuseForm
from approdo.jobs.placement_models import FollowUp, PlacementEnd
from approdo.jobs.profile_forms import (
    CertificateForm,
    ExperienceForm,
    LanguageForm,
    LicenceForm,
    ProfileForm,
)
from approdo.jobs.profile_models import (
    Certificate,
    DrivingLicence,
    LanguageSkill,
    SkillsProfile,
    WorkExperience,
)
from approdo.socialfarming.selectors import case_summary as farming_summary
from approdo.traineeships.selectors import case_summary as traineeship_summary

PURPOSE = "skills profile"


def _profile(case: Case) -> SkillsProfile | None:
    if case.person_id is None:
        return None
    return SkillsProfile.objects.filter(person_id=case.person_id).first()


def render_case_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    status: int = 200,
    **bound: forms.BaseForm,
) -> HttpResponse:
    person_id = case.person_id
    if person_id is None:  # the page only asks to register the person first
        return render(request, "jobs/case.html", {"case": case, "perms": perms}, status=status)
    profile = _profile(case)
    context: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "can_edit": perms.can_edit,
        "profile": profile,
        "experiences": WorkExperience.objects.filter(person_id=person_id).select_related(
            "occupation", "municipality"
        ),
        "certificates": Certificate.objects.filter(person_id=person_id),
        "licences": DrivingLicence.objects.filter(person_id=person_id),
        "languages": LanguageSkill.objects.filter(person_id=person_id).select_related("language"),
        "profile_form": bound.get("profile_form") or ProfileForm(profile=profile),
        "experience_form": bound.get("experience_form") or ExperienceForm(),
        "certificate_form": bound.get("certificate_form") or CertificateForm(),
        "licence_form": bound.get("licence_form") or LicenceForm(),
        "language_form": bound.get("language_form") or LanguageForm(),
    }
    from approdo.jobs import placement_views

    context["proposals"] = placement_views.proposals_of(case)
    context["placements"] = placement_views.placements_of(case)
    context["propose_form"] = bound.get("propose_form") or placement_views.propose_form()
    context["today"] = timezone.localdate()
    context["refuse_form"] = RefuseForm()
    context["end_reasons"] = PlacementEnd.choices
    context["follow_ups"] = FollowUp.choices
    context["farming"] = farming_summary(case)
    context["jobcentre"] = jobcentre_summary(case)
    context["traineeships"] = traineeship_summary(case)
    if profile is not None:
        context["preferred"] = profile.preferred_occupations.all()
        context["excluded"] = profile.excluded_occupations.all()
    return render(request, "jobs/case.html", context, status=status)


@login_required
@require_GET
def case_jobs(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    return render_case_page(request, case, perms)


def _editable(request: AuthenticatedHttpRequest, case_pk: int) -> tuple[Case, CasePermissions]:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    return case, perms


def _submit(
    request: AuthenticatedHttpRequest,
    case_pk: int,
    form_class: type[forms.Form],
    name: str,
    call: Callable[[Case, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    case, perms = _editable(request, case_pk)
    ok, form = submit_posted_form(request, form_class, lambda data: call(case, data), done)
    if ok:
        return redirect("jobs:case", case_pk=case.pk)
    return render_case_page(request, case, perms, status=400, **{name: form})


@login_required
@require_POST
def profile_save(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> object:
        fields = dict(data)
        return profiles.profile_save(
            actor=request.user, case=case, expected_version=fields.pop("version"), **fields
        )

    return _submit(request, case_pk, ProfileForm, "profile_form", call, _("Profilo salvato."))


@login_required
@require_POST
def experience_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> object:
        return profiles.experience_add(actor=request.user, case=case, **data)

    return _submit(
        request, case_pk, ExperienceForm, "experience_form", call, _("Esperienza aggiunta.")
    )


@login_required
@require_POST
def certificate_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> object:
        return profiles.certificate_add(actor=request.user, case=case, **data)

    return _submit(
        request, case_pk, CertificateForm, "certificate_form", call, _("Attestato aggiunto.")
    )


@login_required
@require_POST
def licence_set(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> object:
        return profiles.licence_set(actor=request.user, case=case, **data)

    return _submit(request, case_pk, LicenceForm, "licence_form", call, _("Patente registrata."))


@login_required
@require_POST
def language_set(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    def call(case: Case, data: dict[str, Any]) -> object:
        return profiles.language_set(actor=request.user, case=case, **data)

    return _submit(
        request, case_pk, LanguageForm, "language_form", call, _("Livello di lingua registrato.")
    )


REMOVABLE: dict[str, tuple[type[Any], str, Callable[..., None]]] = {
    "esperienza": (WorkExperience, "experience", profiles.experience_remove),
    "attestato": (Certificate, "certificate", profiles.certificate_remove),
    "patente": (DrivingLicence, "licence", profiles.licence_remove),
    "lingua": (LanguageSkill, "skill", profiles.language_remove),
}


@login_required
@require_POST
def remove(request: AuthenticatedHttpRequest, case_pk: int, kind: str, pk: int) -> HttpResponse:
    if kind not in REMOVABLE:
        raise Http404
    case, _perms = _editable(request, case_pk)
    model, arg, service = REMOVABLE[kind]
    row = get_object_or_404(model, pk=pk, person_id=case.person_id)
    try:
        service(actor=request.user, case=case, **{arg: row})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Dato rimosso."))
    return redirect("jobs:case", case_pk=case.pk)
