"""Read API of people's records: the same scoping as the pages (people.selectors).

Person-level data is for the person-data roles within their person scope: monitors get 403,
a record outside the caller's scope is a 404. Reading a person's card writes an AccessLog row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers

from approdo.api.base import ApiDetailView, ApiListView, id_filter, request_user, stable_order
from approdo.api.problems import problem_responses
from approdo.network.api import NodeRefSerializer, OutputSerializer
from approdo.people import selectors
from approdo.people.models import (
    Consent,
    IdentityDocument,
    InformationNotice,
    Person,
    PersonAlias,
    PersonLanguage,
    PhoneNumber,
)

API_DETAIL_PURPOSE = "api.people.person.detail"

# --- Output serializers -----------------------------------------------------------------------


class PersonSummarySerializer(OutputSerializer[Person]):
    """A row of the people list."""

    node = NodeRefSerializer(source="registered_at", read_only=True)

    class Meta:
        model = Person
        fields: tuple[str, ...] = (
            "id",
            "family_name",
            "given_names",
            "family_name_original",
            "given_names_original",
            "sex",
            "birth_date",
            "birth_date_precision",
            "birth_date_is_placeholder",
            "nationality",
            "node",
        )


class AliasSerializer(OutputSerializer[PersonAlias]):
    class Meta:
        model = PersonAlias
        fields = ("name", "kind")


class SpokenLanguageSerializer(OutputSerializer[PersonLanguage]):
    code = serializers.CharField(source="language.code", read_only=True)

    class Meta:
        model = PersonLanguage
        fields = ("code", "level")


class DocumentSerializer(OutputSerializer[IdentityDocument]):
    expired = serializers.SerializerMethodField(help_text="The expiry date is in the past.")

    class Meta:
        model = IdentityDocument
        fields = (
            "kind",
            "permit_type",
            "number",
            "issued_on",
            "expires_on",
            "issuer",
            "issuing_country",
            "expired",
        )

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_expired(self, document: IdentityDocument) -> bool:
        return document.expires_on is not None and document.expires_on < timezone.localdate()


class PhoneSerializer(OutputSerializer[PhoneNumber]):
    class Meta:
        model = PhoneNumber
        fields = ("number", "whatsapp", "note")


class ConsentSerializer(OutputSerializer[Consent]):
    class Meta:
        model = Consent
        fields = ("purpose", "external_service", "given_on", "withdrawn_on")


class NoticeSerializer(OutputSerializer[InformationNotice]):
    language = serializers.CharField(source="language.code", read_only=True)

    class Meta:
        model = InformationNotice
        fields = ("version", "language", "given_on", "with_mediator")


class PersonSerializer(PersonSummarySerializer):
    """A person's card."""

    aliases = AliasSerializer(many=True, read_only=True)
    languages = SpokenLanguageSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    phones = PhoneSerializer(many=True, read_only=True)
    consents = ConsentSerializer(many=True, read_only=True)
    notices = NoticeSerializer(many=True, read_only=True)

    class Meta(PersonSummarySerializer.Meta):
        fields = (
            *PersonSummarySerializer.Meta.fields,
            "gender",
            "birth_country",
            "needs_mediator",
            "education_level",
            "employment_status",
            "housing_condition",
            "living_place",
            "aliases",
            "languages",
            "documents",
            "phones",
            "consents",
            "notices",
        )


# --- Query parameters -------------------------------------------------------------------------


class PersonQuery(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False,
        max_length=100,
        help_text=(
            "Names (every word, also aliases and original script), a document number, "
            "a codice fiscale or a phone number."
        ),
    )
    node = id_filter("Only people registered at this node (id).")
    nationality = serializers.RegexField(
        r"^[A-Z]{2}$", required=False, help_text="Citizenship (ISO 3166-1 alpha-2)."
    )


# --- Views ------------------------------------------------------------------------------------


@extend_schema(
    tags=["people"],
    parameters=[PersonQuery],
    responses={200: PersonSummarySerializer, **problem_responses()},
)
class PersonListView(ApiListView[Person]):
    """People registered at the nodes of the caller's person scope (403 for monitors)."""

    serializer_class = PersonSummarySerializer
    query_serializer_class = PersonQuery

    def get_queryset(self) -> QuerySet[Person]:
        people = selectors.person_list(user=request_user(self.request), q=self.query.get("q", ""))
        if node := self.query.get("node"):
            people = people.filter(registered_at_id=node)
        if nationality := self.query.get("nationality"):
            people = people.filter(nationality=nationality)
        return stable_order(people)


@extend_schema(tags=["people"], responses={200: PersonSerializer, **problem_responses()})
class PersonDetailView(ApiDetailView[Person]):
    """A person's card (404 outside the caller's scope, 403 for monitors); the read is logged."""

    serializer_class = PersonSerializer
    queryset = Person.objects.none()

    def get_object(self) -> Person:
        person = selectors.person_read(
            user=request_user(self.request), pk=self.kwargs["pk"], purpose=API_DETAIL_PURPOSE
        )
        prefetch_related_objects(
            [person],
            Prefetch("aliases", queryset=PersonAlias.objects.order_by("name", "pk")),
            Prefetch(
                "languages",
                queryset=PersonLanguage.objects.select_related("language").order_by(
                    "language__name_it", "pk"
                ),
            ),
            Prefetch("documents", queryset=IdentityDocument.objects.order_by("-expires_on", "-pk")),
            Prefetch("phones", queryset=PhoneNumber.objects.order_by("pk")),
            Prefetch("consents", queryset=Consent.objects.order_by("-given_on", "-pk")),
            Prefetch(
                "notices",
                queryset=InformationNotice.objects.select_related("language").order_by(
                    "-given_on", "-pk"
                ),
            ),
        )
        return person
