"""API of the integration budget: a case's budget (read logged like the page), the writes the
page offers (commitments, decisions, payments, closing) and the report of the caller's places.

Writes go through the same services as the pages: the cap, maker-checker approval and
versions are enforced there; a refusal is a 400 with the reason, a stale version a 409.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiView, id_filter, request_user
from approdo.api.problems import Conflict, problem_responses, service_errors, write_problems
from approdo.budget import reports, selectors, services
from approdo.budget.forms import ReportForm
from approdo.budget.models import Category, Commitment, Payment
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.monitoring.selectors import can_see_monitoring
from approdo.network.api import OutputSerializer
from approdo.plans.models import Goal

PURPOSE = "api.budget"
AMOUNT = {"max_digits": 10, "decimal_places": 2, "min_value": Decimal("0.01")}
CONFLICT = "The commitment changed or was decided meanwhile: reload and retry."


# --- output ---------------------------------------------------------------------------------
class PaymentSerializer(OutputSerializer[Payment]):
    class Meta:
        model = Payment
        fields = ("id", "amount", "paid_on", "reference")


class CommitmentSerializer(OutputSerializer[Commitment]):
    payments = PaymentSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = (
            "id",
            "version",
            "case",
            "goal",
            "category",
            "amount",
            "description",
            "status",
            "requested_by",
            "decided_by",
            "decided_at",
            "decision_note",
            "close_reason",
            "payments",
        )


class CaseBudgetSerializer(serializers.Serializer[Any]):
    region = serializers.CharField()
    cap = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    held = serializers.DecimalField(max_digits=12, decimal_places=2)
    paid = serializers.DecimalField(max_digits=12, decimal_places=2)
    available = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    approval_above = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    commitments = CommitmentSerializer(many=True)


class ReportRowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="The region, hub or case id, or the category code.")
    name = serializers.CharField()
    hidden = serializers.BooleanField(help_text="Fewer than five people: amounts withheld.")
    people = serializers.IntegerField(allow_null=True)
    pending = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    approved = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    paid = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    allocation = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class ReportSerializer(serializers.Serializer[Any]):
    regions = ReportRowSerializer(many=True)
    hubs = ReportRowSerializer(many=True)
    categories = ReportRowSerializer(many=True)
    cases = ReportRowSerializer(many=True)
    total = ReportRowSerializer()


# --- input ----------------------------------------------------------------------------------
class CommitmentIn(serializers.Serializer[Any]):
    goal = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    category = serializers.ChoiceField(choices=Category.choices)
    amount = serializers.DecimalField(**AMOUNT)  # type: ignore[arg-type]
    description = serializers.CharField(max_length=300)


class DecisionIn(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=["approve", "reject"])
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class PaymentIn(serializers.Serializer[Any]):
    amount = serializers.DecimalField(**AMOUNT)  # type: ignore[arg-type]
    paid_on = serializers.DateField()
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)


class CloseIn(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500)
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class ReportQuery(serializers.Serializer[Any]):
    region = id_filter("Only this region.")
    hub = id_filter("Only this hub (with its spokes' cases).")
    date_from = serializers.DateField(required=False, help_text="Commitments made from this day.")
    date_to = serializers.DateField(required=False, help_text="Commitments made up to this day.")


# --- helpers --------------------------------------------------------------------------------
def _case_budget(request: Request, case_pk: int) -> dict[str, Any]:
    case, _perms = case_read(user=request_user(request), pk=case_pk, purpose=PURPOSE)
    summary = selectors.summary(case)
    rows = selectors.commitments(case).prefetch_related("payments")
    return {
        "region": summary.region.name,
        "cap": summary.cap,
        "held": summary.held,
        "paid": summary.paid,
        "available": summary.left,
        "approval_above": summary.rules.approval_above if summary.rules else None,
        "commitments": rows,
    }


def _commitment(request: Request, pk: int) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("case__hub"), pk=pk)
    case_read(user=request_user(request), pk=commitment.case_id, purpose=PURPOSE)
    return commitment


def _row(row: reports.Row) -> dict[str, Any]:
    data = asdict(row)
    data["key"] = str(row.key)
    data["name"] = data.pop("label")
    if row.hidden:
        for name in ("people", "pending", "approved", "paid", "allocation"):
            data[name] = None
    return data


def _commitment_out(pk: int) -> dict[str, Any]:
    fresh = Commitment.objects.prefetch_related("payments").get(pk=pk)
    return dict(CommitmentSerializer(fresh).data)


# --- views ----------------------------------------------------------------------------------
@extend_schema(tags=["budget"], responses={200: CaseBudgetSerializer, **problem_responses()})
class CaseBudgetView(ApiView[Commitment]):
    """The integration budget of a case's person in the case's region: cap, held, paid,
    available and every commitment with its payments (the read is logged)."""

    queryset = Commitment.objects.none()
    serializer_class = CaseBudgetSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        return Response(CaseBudgetSerializer(_case_budget(request, self.kwargs["case_pk"])).data)


@extend_schema(
    tags=["budget"], request=CommitmentIn, responses={201: CommitmentSerializer, **write_problems()}
)
class CommitmentCreateView(ApiView[Commitment]):
    """Set money aside for a goal of the case's PAI. Above the region's threshold it waits for
    the coordinator; beyond the person's cap it is refused (400)."""

    queryset = Commitment.objects.none()
    serializer_class = CommitmentSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        user = request_user(request)
        case, perms = case_read(user=user, pk=self.kwargs["case_pk"], purpose=PURPOSE)
        if not perms.can_edit:
            raise PermissionDenied
        form = CommitmentIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        goal = Goal.objects.filter(pk=data.pop("goal"), plan_version__plan__case=case).first()
        if goal is None:
            raise ValidationError({"goal": [_("L'obiettivo non è del PAI di questo caso.")]})
        try:
            made = services.commitment_request(actor=user, case=case, goal=goal, **data)
        except DjangoValidationError as exc:
            raise service_errors(exc) from exc
        return Response(_commitment_out(made.pk), status=201)


@extend_schema(
    tags=["budget"],
    request=DecisionIn,
    responses={200: CommitmentSerializer, **write_problems(CONFLICT)},
)
class CommitmentDecisionView(ApiView[Commitment]):
    """The hub's coordinator approves or rejects a pending commitment at the version read;
    whoever asked for it may not decide it."""

    queryset = Commitment.objects.none()
    serializer_class = CommitmentSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        commitment = _commitment(request, self.kwargs["pk"])
        form = DecisionIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            services.commitment_decide(
                actor=request_user(request),
                commitment=commitment,
                approve=data["decision"] == "approve",
                note=data["note"],
                expected_version=data["version"],
            )
        except StaleEditError as exc:
            raise Conflict from exc
        except DjangoValidationError as exc:
            raise service_errors(exc) from exc
        return Response(_commitment_out(commitment.pk))


@extend_schema(
    tags=["budget"], request=PaymentIn, responses={201: PaymentSerializer, **write_problems()}
)
class PaymentCreateView(ApiView[Payment]):
    """Record a payment against an approved commitment, never beyond what it commits."""

    queryset = Payment.objects.none()
    serializer_class = PaymentSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        commitment = _commitment(request, self.kwargs["pk"])
        form = PaymentIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            payment = services.payment_record(
                actor=request_user(request), commitment=commitment, **form.validated_data
            )
        except DjangoValidationError as exc:
            raise service_errors(exc) from exc
        return Response(PaymentSerializer(payment).data, status=201)


@extend_schema(
    tags=["budget"],
    request=CloseIn,
    responses={200: CommitmentSerializer, **write_problems(CONFLICT)},
)
class CommitmentCloseView(ApiView[Commitment]):
    """Cancel a commitment nothing was paid on, or close a partly paid one at what was paid;
    the rest returns to the person's cap."""

    queryset = Commitment.objects.none()
    serializer_class = CommitmentSerializer

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        commitment = _commitment(request, self.kwargs["pk"])
        form = CloseIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            services.commitment_close(
                actor=request_user(request),
                commitment=commitment,
                reason=form.validated_data["reason"],
                expected_version=form.validated_data["version"],
            )
        except StaleEditError as exc:
            raise Conflict from exc
        except DjangoValidationError as exc:
            raise service_errors(exc) from exc
        return Response(_commitment_out(commitment.pk))


@extend_schema(
    tags=["budget"],
    parameters=[ReportQuery],
    responses={200: ReportSerializer, **problem_responses()},
)
class ReportView(ApiView[Commitment]):
    """Committed and paid per region, hub, category and readable case in the caller's places,
    against the allocations; rows about fewer than five people are withheld for viewers who
    do not read those places' records."""

    queryset = Commitment.objects.none()
    serializer_class = ReportSerializer
    query_serializer_class = ReportQuery

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = self.validate_query(request)
        user = request_user(request)
        if not can_see_monitoring(user):
            raise PermissionDenied
        form = ReportForm({k: v for k, v in request.query_params.items() if k in query}, user=user)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        data = form.cleaned_data
        result = reports.budget_report(
            user=user,
            region_id=data["region"].pk if data.get("region") else None,
            hub_id=data["hub"].pk if data.get("hub") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        body = {
            "regions": [_row(r) for r in result.regions],
            "hubs": [_row(r) for r in result.hubs],
            "categories": [_row(r) for r in result.categories],
            "cases": [_row(r) for r in result.people],
            "total": _row(result.total),
        }
        return Response(ReportSerializer(body).data)
