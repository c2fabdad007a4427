"""API of employers and vacancies: the same selectors and services as the pages.

Every member of staff with a place reads them (they are shared across the network; someone
without a place gets a 403); case workers and hub coordinators write. A vacancy paying less
than its agreement level's minimum is refused with a 400 naming the minimum; a flagged
employer's vacancy is recorded and carries `employer_flagged` and `flag_reason`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiDetailView, ApiListView, id_filter, request_user, stable_order
from approdo.api.problems import (
    existing,
    problem_responses,
    run_write,
    service_errors,
    write_problems,
)
from approdo.jobs import employer_selectors as sel
from approdo.jobs import employers as services
from approdo.jobs.models import (
    ISCO_CODE,
    MAX_HOURS_PER_WEEK,
    AgreementRate,
    CefrLevel,
    CollectiveAgreement,
    Employer,
    EmployerSite,
    Occupation,
    Sector,
    Vacancy,
    VacancyLanguage,
    VacancyStatus,
)
from approdo.network.api import OutputSerializer
from approdo.network.models import Language, Municipality

MAX_INT = 2**31 - 1


# --- output -------------------------------------------------------------------------------------
class EmployerSiteSerializer(OutputSerializer[EmployerSite]):
    municipality = serializers.SlugRelatedField[Any](slug_field="istat_code", read_only=True)

    class Meta:
        model = EmployerSite
        fields = ("id", "name", "address", "municipality", "latitude", "longitude")


class EmployerSerializer(OutputSerializer[Employer]):
    agreement = serializers.SlugRelatedField[Any](
        slug_field="code", read_only=True, allow_null=True
    )
    flagged = serializers.SerializerMethodField(help_text="Never matched when true.")
    flag_reason = serializers.SerializerMethodField(help_text="Why it is flagged ('' if not).")
    rete_check_stale = serializers.SerializerMethodField(
        help_text="The Rete membership was last checked more than 12 months ago."
    )
    sites = EmployerSiteSerializer(many=True, read_only=True)

    class Meta:
        model = Employer
        fields = (
            "id",
            "version",
            "legal_name",
            "vat_number",
            "tax_code",
            "sector",
            "agreement",
            "rete_member",
            "rete_member_since",
            "rete_checked_on",
            "rete_check_stale",
            "has_603bis_conviction",
            "conviction_on",
            "flagged",
            "flag_reason",
            "sites",
        )

    def get_flagged(self, obj: Employer) -> bool:
        return obj.is_flagged

    def get_flag_reason(self, obj: Employer) -> str:
        return obj.flag_reason

    def get_rete_check_stale(self, obj: Employer) -> bool:
        return obj.rete_check_stale()


class LanguageNeedSerializer(OutputSerializer[VacancyLanguage]):
    language = serializers.SlugRelatedField[Any](slug_field="code", read_only=True)

    class Meta:
        model = VacancyLanguage
        fields = ("language", "min_level")


class VacancySerializer(OutputSerializer[Vacancy]):
    occupation = serializers.SlugRelatedField[Any](slug_field="code", read_only=True)
    agreement_level = serializers.CharField(source="agreement_rate.code", read_only=True)
    agreement = serializers.CharField(source="agreement_rate.agreement.code", read_only=True)
    minimum_hourly_pay = serializers.DecimalField(
        source="agreement_rate.minimum_hourly_pay", max_digits=6, decimal_places=2, read_only=True
    )
    languages = LanguageNeedSerializer(many=True, read_only=True)
    employer_flagged = serializers.SerializerMethodField()
    flag_reason = serializers.SerializerMethodField()

    class Meta:
        model = Vacancy
        fields = (
            "id",
            "version",
            "employer",
            "site",
            "occupation",
            "title",
            "agreement",
            "agreement_level",
            "minimum_hourly_pay",
            "gross_hourly_pay",
            "starts_on",
            "ends_on",
            "hours_per_week",
            "seats",
            "housing_offered",
            "transport_offered",
            "languages",
            "status",
            "employer_flagged",
            "flag_reason",
        )

    def get_employer_flagged(self, obj: Vacancy) -> bool:
        return obj.employer.is_flagged

    def get_flag_reason(self, obj: Vacancy) -> str:
        return obj.employer.flag_reason


# --- input and queries --------------------------------------------------------------------------
class SiteIn(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=120)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    municipality = serializers.RegexField(
        r"^[0-9]{6}$", help_text="The municipality's ISTAT code (6 digits)."
    )
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, min_value=Decimal(-90), max_value=Decimal(90),
        required=False, allow_null=True, default=None,
    )  # fmt: skip
    longitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, min_value=Decimal(-180), max_value=Decimal(180),
        required=False, allow_null=True, default=None,
    )  # fmt: skip


class EmployerIn(serializers.Serializer[Any]):
    legal_name = serializers.CharField(max_length=200)
    vat_number = serializers.CharField(max_length=20, help_text="Partita IVA (11 digits).")
    tax_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    sector = serializers.ChoiceField(choices=Sector.choices)
    agreement = serializers.SlugField(
        required=False, allow_null=True, default=None, help_text="The agreement's code."
    )
    rete_member = serializers.BooleanField(default=False)
    rete_member_since = serializers.DateField(required=False, allow_null=True, default=None)
    rete_checked_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Required for a member."
    )
    has_603bis_conviction = serializers.BooleanField(default=False)
    conviction_on = serializers.DateField(required=False, allow_null=True, default=None)
    conviction_note = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    sites = SiteIn(many=True, required=False, default=list, help_text="Places of work.")


class LanguageNeedIn(serializers.Serializer[Any]):
    language = serializers.SlugField(help_text="A language code (ISO 639-1 where it exists).")
    min_level = serializers.ChoiceField(choices=CefrLevel.choices)


class VacancyIn(serializers.Serializer[Any]):
    employer = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    site = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    occupation = serializers.RegexField(ISCO_CODE, help_text="An ISCO-08 unit group (4 digits).")
    title = serializers.CharField(max_length=200)
    agreement_level = serializers.CharField(
        max_length=20, help_text="A level code of the employer's agreement."
    )
    gross_hourly_pay = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=Decimal("0.01")
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    hours_per_week = serializers.IntegerField(min_value=1, max_value=MAX_HOURS_PER_WEEK)
    seats = serializers.IntegerField(min_value=1, max_value=1000)
    housing_offered = serializers.BooleanField(default=False)
    transport_offered = serializers.BooleanField(default=False)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    languages = LanguageNeedIn(many=True, required=False, default=list)
    status = serializers.ChoiceField(
        choices=[VacancyStatus.DRAFT, VacancyStatus.OPEN], default=VacancyStatus.DRAFT
    )


class EmployerQuery(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False, max_length=100, help_text="Words of the name, or the VAT number's start."
    )
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    rete_member = serializers.BooleanField(required=False, allow_null=True, default=None)
    flagged = serializers.BooleanField(required=False, allow_null=True, default=None)


class VacancyQuery(serializers.Serializer[Any]):
    occupation = serializers.RegexField(
        ISCO_CODE, required=False, help_text="An ISCO-08 code or its start."
    )
    region = id_filter("Only vacancies at sites in this region.")
    province = id_filter("Only vacancies at sites in this province.")
    employer = id_filter("Only this employer's vacancies.")
    status = serializers.ChoiceField(choices=VacancyStatus.choices, required=False)
    open_only = serializers.BooleanField(
        required=False, default=False, help_text="Open and not yet ended."
    )
    exclude_flagged = serializers.BooleanField(
        required=False, default=False, help_text="Leave out flagged employers' vacancies."
    )


# --- views --------------------------------------------------------------------------------------
@extend_schema(
    tags=["jobs"],
    parameters=[EmployerQuery],
    responses={200: EmployerSerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=["jobs"],
    request=EmployerIn,
    responses={201: EmployerSerializer, **write_problems()},
    methods=["POST"],
)
class EmployerListView(ApiListView[Employer]):
    """Employers of the network (shared by every hub), with their flags; POST registers one
    (case workers and hub coordinators)."""

    serializer_class = EmployerSerializer
    query_serializer_class = EmployerQuery

    def get_queryset(self) -> QuerySet[Employer]:
        query = self.query
        rows = sel.employer_list(
            user=request_user(self.request),
            q=query.get("q", ""),
            sector=query.get("sector", ""),
            rete_member=query.get("rete_member"),
            flagged=query.get("flagged"),
        ).prefetch_related("sites__municipality")
        return stable_order(rows)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        sel.require_write(user)
        form = EmployerIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        code = data.pop("agreement")
        agreement = (
            existing(
                CollectiveAgreement.objects.all(),
                "agreement",
                _("Contratto collettivo sconosciuto."),
                code=code,
            )
            if code
            else None
        )
        sites = data.pop("sites")
        codes = {row["municipality"] for row in sites}
        towns = {m.istat_code: m for m in Municipality.objects.filter(istat_code__in=codes)}
        with transaction.atomic():  # the employer and its sites, or nothing
            employer = run_write(
                lambda: services.employer_create(actor=user, agreement=agreement, **data)
            )
            for index, row in enumerate(sites):
                town = towns.get(row.pop("municipality"))
                if town is None:
                    unknown = _("Comune sconosciuto.")
                    raise ValidationError({f"sites.{index}.municipality": [unknown]})
                run_write(
                    partial(
                        services.site_add, actor=user, employer=employer, municipality=town, **row
                    )
                )
        fresh = sel.employer_get(user=user, pk=employer.pk)
        return Response(EmployerSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["jobs"], responses={200: EmployerSerializer, **problem_responses()})
class EmployerDetailView(ApiDetailView[Employer]):
    """One employer with its sites and flags."""

    serializer_class = EmployerSerializer
    queryset = Employer.objects.none()

    def get_object(self) -> Employer:
        return sel.employer_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(
    tags=["jobs"],
    parameters=[VacancyQuery],
    responses={200: VacancySerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=["jobs"],
    request=VacancyIn,
    responses={201: VacancySerializer, **write_problems()},
    methods=["POST"],
)
class VacancyListView(ApiListView[Vacancy]):
    """Vacancies of the network; POST records one. A pay below the minimum of the agreement
    level is refused (400); a flagged employer's vacancy is recorded with its flag."""

    serializer_class = VacancySerializer
    query_serializer_class = VacancyQuery

    def get_queryset(self) -> QuerySet[Vacancy]:
        query = self.query
        rows = sel.vacancy_list(
            user=request_user(self.request),
            occupation=query.get("occupation", ""),
            region_id=query.get("region"),
            province_id=query.get("province"),
            employer_id=query.get("employer"),
            status=query.get("status", ""),
            open_only=query.get("open_only", False),
            exclude_flagged=query.get("exclude_flagged", False),
        )
        return stable_order(rows)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        sel.require_write(user)
        form = VacancyIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        employer = existing(
            Employer.objects.all(),
            "employer",
            _("Datore di lavoro sconosciuto."),
            pk=data.pop("employer"),
        )
        site = existing(
            EmployerSite.objects.filter(employer=employer),
            "site",
            _("La sede non è di questo datore di lavoro."),
            pk=data.pop("site"),
        )
        occupation = existing(
            Occupation.objects.filter(level=4, active=True),
            "occupation",
            _("Scegli un gruppo unitario ISCO-08 (4 cifre) in uso."),
            code=data.pop("occupation"),
        )
        rate = existing(
            AgreementRate.objects.filter(agreement_id=employer.agreement_id),
            "agreement_level",
            _("Il livello non è del contratto applicato dal datore di lavoro."),
            code=data.pop("agreement_level"),
        )
        languages = []
        codes = {row["language"] for row in data["languages"]}
        known = {lang.code: lang for lang in Language.objects.filter(code__in=codes)}
        for row in data.pop("languages"):
            if row["language"] not in known:
                raise ValidationError(
                    {"languages": [_("Lingua sconosciuta: %s.") % row["language"]]}
                )
            languages.append((known[row["language"]], row["min_level"]))
        try:
            vacancy = services.vacancy_create(
                actor=user,
                employer=employer,
                site=site,
                occupation=occupation,
                agreement_rate=rate,
                languages=languages,
                **data,
            )
        except DjangoValidationError as exc:
            if hasattr(exc, "error_dict") and "agreement_rate" in exc.error_dict:
                exc.error_dict["agreement_level"] = exc.error_dict.pop("agreement_rate")
            raise service_errors(exc) from exc
        fresh = sel.vacancy_get(user=user, pk=vacancy.pk)
        return Response(VacancySerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["jobs"], responses={200: VacancySerializer, **problem_responses()})
class VacancyDetailView(ApiDetailView[Vacancy]):
    """One vacancy with its languages, its agreement level's minimum and its employer's flag."""

    serializer_class = VacancySerializer
    queryset = Vacancy.objects.none()

    def get_object(self) -> Vacancy:
        return sel.vacancy_get(user=request_user(self.request), pk=self.kwargs["pk"])
