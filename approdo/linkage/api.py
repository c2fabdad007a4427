"""The review queue's API: pairs that may be one person, decisions on them, merges and their
undoing. Coordinators only (403 for anyone else), within their places (404 outside), with
the same pseudonymisation as the pages: a record the caller may not read, and both records of
a pair across two managing bodies, are never sent in clear."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import MAX_ID, ApiDetailView, ApiListView, ApiView, request_user
from approdo.api.problems import Conflict as BaseConflict
from approdo.api.problems import problem_responses, service_errors, write_problems
from approdo.core.concurrency import StaleEditError
from approdo.linkage import selectors, services
from approdo.linkage.merge import unmerge_people
from approdo.linkage.models import CandidateStatus, LinkCandidate, PersonMerge
from approdo.network.api import OutputSerializer


class Conflict(BaseConflict):
    default_detail = _("La coppia è già stata decisa o è cambiata: ricaricala.")
    default_code = "conflict"


# --- output ---------------------------------------------------------------------------------
class CandidateSerializer(OutputSerializer[LinkCandidate]):
    node_a = serializers.IntegerField(source="person_a.registered_at_id", read_only=True)
    node_b = serializers.IntegerField(source="person_b.registered_at_id", read_only=True)

    class Meta:
        model = LinkCandidate
        fields: tuple[str, ...] = (
            "id",
            "node_a",
            "node_b",
            "probability",
            "levels",
            "status",
            "decided_by",
            "decided_at",
            "note",
            "version",
        )


class FieldRowSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(source="label")
    a = serializers.CharField()
    b = serializers.CharField()
    outcome = serializers.CharField()
    agree = serializers.BooleanField(allow_null=True)


class SideBySideSerializer(serializers.Serializer[Any]):
    pseudonymised_a = serializers.BooleanField()
    pseudonymised_b = serializers.BooleanField()
    label_a = serializers.CharField()
    label_b = serializers.CharField()
    node_a = serializers.CharField()
    node_b = serializers.CharField()
    cross_body = serializers.BooleanField()
    rows = FieldRowSerializer(many=True)


class CandidateDetailSerializer(serializers.Serializer[Any]):
    candidate = CandidateSerializer()
    records = SideBySideSerializer()


class MergeSerializer(OutputSerializer[PersonMerge]):
    moved = serializers.SerializerMethodField()

    class Meta:
        model = PersonMerge
        fields: tuple[str, ...] = (
            "id",
            "candidate",
            "moved",
            "reason",
            "merged_by",
            "merged_at",
            "unmerged_by",
            "unmerged_at",
            "unmerge_reason",
        )

    def get_moved(self, obj: PersonMerge) -> dict[str, int]:
        return {label: len(ids) for label, ids in obj.moved.items()}


# --- input ----------------------------------------------------------------------------------
class CandidateQuery(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=CandidateStatus.choices,
        required=False,
        help_text="Pairs in this state (default: pending).",
    )


class Decision(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(
        choices=[("confirm", "confirm"), ("reject", "reject")],
        help_text="confirm: the same person, merge the records; reject: different people.",
    )
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The pair's version the decision was taken on."
    )
    survivor = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The record that stays (one of the pair; default the older).",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class Unmerge(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, help_text="Why the records are separated.")


def _write_problems() -> dict[Any, OpenApiResponse]:
    return write_problems(conflict="Decided or changed meanwhile: reload and retry.")


# --- views ------------------------------------------------------------------------------------
@extend_schema(
    tags=["linkage"],
    parameters=[CandidateQuery],
    responses={200: CandidateSerializer, **problem_responses()},
)
class CandidateListView(ApiListView[LinkCandidate]):
    """Pairs of person records that may be one person, the most probable first (pending ones
    unless a status is asked), in the coordinator's places."""

    serializer_class = CandidateSerializer
    query_serializer_class = CandidateQuery

    def get_queryset(self) -> QuerySet[LinkCandidate]:
        return selectors.candidate_queue(
            user=request_user(self.request),
            status=self.query.get("status") or CandidateStatus.PENDING,
        )


@extend_schema(tags=["linkage"], responses={200: CandidateDetailSerializer, **problem_responses()})
class CandidateDetailView(ApiDetailView[LinkCandidate]):
    """One pair with its two records side by side (pseudonymised where the caller may not
    read a record, or the records belong to two managing bodies); readable records' reads
    are logged."""

    serializer_class = CandidateDetailSerializer
    queryset = LinkCandidate.objects.none()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        candidate = selectors.candidate_get(user=user, pk=self.kwargs["pk"])
        view = selectors.side_by_side(user=user, candidate=candidate)
        data = {"candidate": CandidateSerializer(candidate).data, "records": asdict(view)}
        return Response(CandidateDetailSerializer(data).data)


@extend_schema(
    tags=["linkage"],
    request=Decision,
    responses={200: CandidateSerializer, **_write_problems()},
)
class CandidateDecisionView(ApiView[LinkCandidate]):
    """Decide on a pair at the version read: confirm merges the two records into one person
    (the older stays unless `survivor` says otherwise), reject keeps them apart for good."""

    serializer_class = CandidateSerializer
    queryset = LinkCandidate.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        candidate = selectors.candidate_get(user=user, pk=self.kwargs["pk"])
        form = Decision(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            if data["decision"] == "confirm":
                services.candidate_confirm(
                    actor=user,
                    candidate=candidate,
                    expected_version=data["version"],
                    survivor_pk=data.get("survivor"),
                    note=data.get("note", ""),
                )
            else:
                services.candidate_reject(
                    actor=user,
                    candidate=candidate,
                    expected_version=data["version"],
                    note=data.get("note", ""),
                )
        except StaleEditError as exc:
            raise Conflict from exc
        except DjangoValidationError as exc:
            raise service_errors(exc) from exc
        candidate.refresh_from_db()
        return Response(CandidateSerializer(candidate).data)


@extend_schema(tags=["linkage"], responses={200: MergeSerializer, **problem_responses()})
class MergeListView(ApiListView[PersonMerge]):
    """Merges of person records in the coordinator's places, the most recent first."""

    serializer_class = MergeSerializer

    def get_queryset(self) -> QuerySet[PersonMerge]:
        return selectors.merge_list(user=request_user(self.request))


@extend_schema(tags=["linkage"], responses={200: MergeSerializer, **problem_responses()})
class MergeDetailView(ApiDetailView[PersonMerge]):
    """One merge: when, by whom, how many rows moved; whether and why it was undone."""

    serializer_class = MergeSerializer
    queryset = PersonMerge.objects.none()

    def get_object(self) -> PersonMerge:
        return selectors.merge_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(
    tags=["linkage"], request=Unmerge, responses={200: MergeSerializer, **_write_problems()}
)
class UnmergeView(ApiView[PersonMerge]):
    """Undo a merge: each record returns to what it was before (what was added or changed
    since stays), and the two are never linked again."""

    serializer_class = MergeSerializer
    queryset = PersonMerge.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        merge = selectors.merge_get(user=user, pk=self.kwargs["pk"])
        form = Unmerge(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            merge = unmerge_people(actor=user, merge=merge, reason=form.validated_data["reason"])
        except DjangoValidationError as exc:
            if not merge.is_active or not hasattr(exc, "error_dict"):
                raise Conflict(exc.messages[0]) from exc
            raise service_errors(exc) from exc
        return Response(MergeSerializer(merge).data)
