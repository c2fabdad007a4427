"""The people side of the jobs API: same scoping and services as the pages.

A person's skills profile, proposals and jobs are reached only through a case the caller may
read (`case_read`: 404 outside their places, 403 for monitors; the read is logged). Matching
runs are for the hub's staff. Writes call the services: a refusal is a 400 naming the fields, a
stale version a 409, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiListView, ApiView, request_user
from approdo.api.problems import parse_body, problem_responses, run_write, write_problems
from approdo.cases.models import Case
from approdo.cases.selectors import case_read
from approdo.jobs import placements, profiles
from approdo.jobs.matching_runs import can_run, hubs_for, run_matching
from approdo.jobs.models import (
    Certificate,
    DrivingLicence,
    Employer,
    JobPlacement,
    LanguageSkill,
    MatchProposal,
    MatchRun,
    Occupation,
    SkillsProfile,
    Vacancy,
    WorkExperience,
)
from approdo.jobs.people_api_serializers import (
    CaseWorkSerializer,
    DecisionInput,
    EndInput,
    FollowUpInput,
    PlacementInput,
    PlacementSerializer,
    ProfileInput,
    ProfileSerializer,
    ProposalSerializer,
    ProposeInput,
    RunInput,
    RunQuery,
    RunResultSerializer,
    RunSerializer,
)
from approdo.jobs.placement_views import placements_of, proposals_of
from approdo.network.models import Node

API_PURPOSE = "api.jobs"
CONFLICT = "The record changed since it was read (send the current version)."


def _case(request: Request, pk: int, *, edit: bool = False) -> Case:
    case, perms = case_read(user=request_user(request), pk=pk, purpose=API_PURPOSE)
    if edit and not perms.can_edit:
        raise PermissionDenied
    if case.person is None:
        raise ValidationError({"case": [_("Registra prima la persona.")]})
    return case


def _occupations(codes: list[str], field: str) -> list[Occupation]:
    found = {o.code: o for o in Occupation.objects.filter(code__in=codes, active=True)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({field: [_("Codici ISCO-08 sconosciuti: %s") % ", ".join(missing)]})
    return [found[c] for c in codes]


@extend_schema(tags=["jobs"], responses={200: CaseWorkSerializer, **problem_responses()})
class CaseWorkView(ApiView[SkillsProfile]):
    """The person's skills profile, work history, languages, certificates, licences, proposals
    and jobs, through a case the caller may read."""

    serializer_class = CaseWorkSerializer  # type: ignore[assignment]
    queryset = SkillsProfile.objects.none()

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        case = _case(request, self.kwargs["case_pk"])
        person = case.person
        data = {
            "case": case.pk,
            "person": case.person_id,
            "profile": SkillsProfile.objects.filter(person=person).first(),
            "experiences": WorkExperience.objects.filter(person=person).select_related(
                "occupation"
            ),
            "languages": LanguageSkill.objects.filter(person=person).select_related("language"),
            "certificates": Certificate.objects.filter(person=person),
            "licences": DrivingLicence.objects.filter(person=person),
            "proposals": proposals_of(case),
            "placements": placements_of(case),
        }
        return Response(CaseWorkSerializer(data).data)


@extend_schema(
    tags=["jobs"],
    request=ProfileInput,
    responses={200: ProfileSerializer, **write_problems(CONFLICT)},
)
class ProfileView(ApiView[SkillsProfile]):
    """Create (version 0) or update the person's skills profile; occupations are ISCO-08 codes
    (preferred: unit groups, excluded: any level)."""

    serializer_class = ProfileSerializer
    queryset = SkillsProfile.objects.none()
    # OPTIONS would describe PUT by calling get_object(), which this view does not have.
    metadata_class = None

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case = _case(request, self.kwargs["case_pk"], edit=True)
        data = parse_body(ProfileInput, request.data)
        data["preferred_occupations"] = _occupations(
            data["preferred_occupations"], "preferred_occupations"
        )
        data["excluded_occupations"] = _occupations(
            data["excluded_occupations"], "excluded_occupations"
        )
        version = data.pop("version")
        profile = run_write(
            lambda: profiles.profile_save(actor=user, case=case, expected_version=version, **data)
        )
        return Response(ProfileSerializer(profile).data)


@extend_schema(
    tags=["jobs"],
    request=ProposeInput,
    responses={201: ProposalSerializer, **write_problems()},
)
class ProposeView(ApiView[MatchProposal]):
    """Propose the case's person for an open vacancy of an employer that is not flagged."""

    serializer_class = ProposalSerializer
    queryset = MatchProposal.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case = _case(request, self.kwargs["case_pk"], edit=True)
        data = parse_body(ProposeInput, request.data)
        vacancy = Vacancy.objects.filter(pk=data["vacancy"]).first()
        if vacancy is None:
            raise ValidationError({"vacancy": [_("Offerta inesistente.")]})
        proposal = run_write(
            lambda: placements.proposal_create(
                actor=user, case=case, vacancy=vacancy, note=data["note"]
            )
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


def _proposal(request: Request, pk: int) -> MatchProposal:
    proposal = MatchProposal.objects.select_related("vacancy").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    proposal.case = _case(request, proposal.case_id, edit=True)
    return proposal


@extend_schema(
    tags=["jobs"],
    request=DecisionInput,
    responses={200: ProposalSerializer, **write_problems(CONFLICT)},
)
class DecisionView(ApiView[MatchProposal]):
    """Decide on a proposal: propose a suggestion, fix the interview (interview_on), refuse
    (refused_by, reason, note) or hire (contract: the job is recorded with its six-month check)."""

    serializer_class = ProposalSerializer
    queryset = MatchProposal.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        proposal = _proposal(request, self.kwargs["pk"])
        data = parse_body(DecisionInput, request.data)
        action, version = data["action"], data["version"]
        if action == "propose":
            run_write(
                lambda: placements.proposal_propose(
                    actor=user, proposal=proposal, expected_version=version
                )
            )
        elif action == "interview":
            if "interview_on" not in data:
                raise ValidationError({"interview_on": [_("Indica la data del colloquio.")]})
            run_write(
                lambda: placements.proposal_interview(
                    actor=user,
                    proposal=proposal,
                    expected_version=version,
                    interview_on=data["interview_on"],
                )
            )
        elif action == "refuse":
            run_write(
                lambda: placements.proposal_refuse(
                    actor=user,
                    proposal=proposal,
                    expected_version=version,
                    refused_by=data.get("refused_by", ""),
                    reason=data.get("reason", ""),
                    note=data["note"],
                )
            )
        else:
            if "contract" not in data:
                raise ValidationError({"contract": [_("Indica il contratto.")]})
            run_write(
                lambda: placements.proposal_hire(
                    actor=user, proposal=proposal, expected_version=version, **data["contract"]
                )
            )
        proposal.refresh_from_db()
        return Response(ProposalSerializer(proposal).data)


@extend_schema(
    tags=["jobs"],
    request=PlacementInput,
    responses={201: PlacementSerializer, **write_problems()},
)
class PlacementCreateView(ApiView[JobPlacement]):
    """Record a job of the case's person; the six-month check becomes a task of the case. With a
    flagged employer the job is recorded only with `flag_acknowledged` saying why."""

    serializer_class = PlacementSerializer
    queryset = JobPlacement.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case = _case(request, self.kwargs["case_pk"], edit=True)
        data = parse_body(PlacementInput, request.data)
        employer = Employer.objects.filter(pk=data.pop("employer")).first()
        if employer is None:
            raise ValidationError({"employer": [_("Datore di lavoro inesistente.")]})
        vacancy_id = data.pop("vacancy")
        vacancy = Vacancy.objects.filter(pk=vacancy_id).first() if vacancy_id else None
        if vacancy_id and vacancy is None:
            raise ValidationError({"vacancy": [_("Offerta inesistente.")]})
        data["occupation"] = _occupations([data["occupation"]], "occupation")[0]
        job = run_write(
            lambda: placements.placement_create(
                actor=user, case=case, employer=employer, vacancy=vacancy, **data
            )
        )
        return Response(PlacementSerializer(job).data, status=status.HTTP_201_CREATED)


def _placement(request: Request, pk: int) -> JobPlacement:
    job = JobPlacement.objects.filter(pk=pk).first()
    if job is None:
        raise Http404
    job.case = _case(request, job.case_id, edit=True)
    return job


@extend_schema(
    tags=["jobs"],
    request=EndInput,
    responses={200: PlacementSerializer, **write_problems(CONFLICT)},
)
class PlacementEndView(ApiView[JobPlacement]):
    """The job ended: the day and the reason."""

    serializer_class = PlacementSerializer
    queryset = JobPlacement.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        job = _placement(request, self.kwargs["pk"])
        data = parse_body(EndInput, request.data)
        version = data.pop("version")
        run_write(
            lambda: placements.placement_end(
                actor=user, placement=job, expected_version=version, **data
            )
        )
        return Response(PlacementSerializer(job).data)


@extend_schema(
    tags=["jobs"],
    request=FollowUpInput,
    responses={200: PlacementSerializer, **write_problems(CONFLICT)},
)
class FollowUpView(ApiView[JobPlacement]):
    """The six-month check (from two weeks before it is due); completes its task."""

    serializer_class = PlacementSerializer
    queryset = JobPlacement.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        job = _placement(request, self.kwargs["pk"])
        data = parse_body(FollowUpInput, request.data)
        version = data.pop("version")
        run_write(
            lambda: placements.placement_follow_up(
                actor=user, placement=job, expected_version=version, **data
            )
        )
        return Response(PlacementSerializer(job).data)


@extend_schema(
    tags=["jobs"],
    responses={200: RunSerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=["jobs"],
    request=RunInput,
    responses={201: RunResultSerializer, **write_problems()},
    methods=["POST"],
)
class RunListView(ApiListView[MatchRun]):
    """Matching runs of the caller's hubs, latest first; POST runs the matching for one hub and
    answers its suggestions, each with the factors of its score."""

    serializer_class = RunSerializer
    query_serializer_class = RunQuery

    def get_queryset(self) -> QuerySet[MatchRun]:
        hubs = [h.pk for h in hubs_for(request_user(self.request))]
        if not hubs:
            raise PermissionDenied
        rows = MatchRun.objects.filter(hub_id__in=hubs)
        if self.query.get("hub"):
            rows = rows.filter(hub_id=self.query["hub"])
        return rows.order_by("-created_at", "-pk")

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        data = parse_body(RunInput, request.data)
        hub = Node.objects.filter(pk=data["hub"]).first()
        if hub is None or not can_run(user, hub):
            raise ValidationError({"hub": [_("Scegli un polo tra i tuoi.")]})
        result = run_matching(actor=user, hub=hub, housing_hard=data["housing_hard"])
        suggestions = MatchProposal.objects.filter(run=result.run).select_related("vacancy")
        body = RunResultSerializer({"run": result.run, "suggestions": suggestions}).data
        return Response(body, status=status.HTTP_201_CREATED)
