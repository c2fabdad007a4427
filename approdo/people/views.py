"""Pages of people's records: list, register (with the live duplicate check), card, edit,
documents, phones, aliases, languages, information notice and consent.

Views validate a form, call one selector or service, and render. Scope is decided in
accounts.access through the selectors: monitors get 403, records outside the user's scope 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.network.models import Node
from approdo.people import selectors, services
from approdo.people.duplicates import find_duplicates
from approdo.people.forms import (
    AliasForm,
    ConsentForm,
    DocumentForm,
    DuplicateQueryForm,
    LanguageForm,
    NoticeForm,
    PersonCreateForm,
    PersonEditForm,
    PhoneForm,
    SearchForm,
    WithdrawForm,
    country_name,
)
from approdo.people.models import Person

if TYPE_CHECKING:
    from approdo.cases.models import Case

PAGE_SIZE = 25


@login_required
@require_GET
def person_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    people = selectors.person_list(user=request.user, q=q)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, country_name(p.nationality)) for p in page.object_list]
    return render(
        request, "people/person_list.html", {"form": form, "page": page, "rows": rows, "q": q}
    )


def _case_from_request(request: AuthenticatedHttpRequest) -> Case | None:
    """The first contact being registered (`?case=`, kept as a hidden field on POST)."""
    from approdo.cases.permissions import require_edit
    from approdo.cases.selectors import case_read

    raw = (request.POST if request.method == "POST" else request.GET).get("case", "")
    if not raw.isdigit():
        return None
    case, perms = case_read(user=request.user, pk=int(raw), purpose="people.person.create")
    require_edit(perms)
    return case


def _initial_from_case(case: Case, default: Node | None, nodes: QuerySet[Node]) -> dict[str, Any]:
    """Prefill the register form with what the first contact recorded."""
    return {
        "registered_at": case.origin_node
        if nodes.filter(pk=case.origin_node_id).exists()
        else default,
        "given_names": case.contact_name,
        "phone": case.contact_phone,
        "language": case.contact_language,
    }


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    nodes = selectors.person_node_choices(user=user)
    options: dict[str, Any] = {
        "nodes": nodes,
        "municipalities": selectors.municipality_choices(user=user),
    }
    case = _case_from_request(request)
    possible_duplicates: list[Any] = []
    if request.method != "POST":
        default = selectors.default_node_for(user=user)
        initial: dict[str, Any] = {"registered_at": default}
        if case is not None:
            initial = _initial_from_case(case, default, nodes)
        form = PersonCreateForm(initial=initial, **options)
    else:
        form = PersonCreateForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                person = services.person_register(
                    actor=user,
                    node=data["registered_at"],
                    data=form.person_data(),
                    extras=form.extras(),
                    confirmed_distinct=bool(data.get("confirmed_distinct")),
                )
            except ValidationError as exc:
                attach_service_errors(form, exc)
                if form.has_error("confirmed_distinct"):
                    # Show the records that stopped the registration beside the form.
                    query = services.facts_of(
                        form.person_data(),
                        aliases=form.alias_list(),
                        phones=[data["phone"]] if data.get("phone") else [],
                    )
                    possible_duplicates = find_duplicates(user=user, query=query)
            else:
                messages.success(request, _("Persona registrata."))
                if case is None:
                    return redirect("people:person_detail", pk=person.pk)
                return _link_to_case(request, case, person)
    context = {
        "form": form,
        "hits": possible_duplicates,
        "checked": bool(possible_duplicates),
        "case": case,
    }
    return render(request, "people/person_create.html", context)


def _link_to_case(request: AuthenticatedHttpRequest, case: Case, person: Person) -> HttpResponse:
    from approdo.cases.services import case_link_person

    try:
        case_link_person(actor=request.user, case=case, person=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("people:person_detail", pk=person.pk)
    messages.success(
        request, _("Collegata alla presa in carico %(ref)s.") % {"ref": case.reference}
    )
    return redirect("cases:detail", case.pk)


@login_required
@require_GET
def duplicate_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The side panel of the register form: likely matches of what has been typed so far."""
    selectors.person_node_choices(user=request.user)  # 403 for users without person data
    form = DuplicateQueryForm(request.GET)
    hits: list[Any] = []
    checked = False
    if form.is_valid() and form.is_enough():
        hits = find_duplicates(user=request.user, query=form.facts())
        checked = True
    return render(request, "people/_duplicates.html", {"hits": hits, "checked": checked})


def _cases_of(user: Any, person: Person) -> list[Any]:
    """The person's cases the user may know exist (the case page decides what they read)."""
    from approdo.cases.selectors import case_list

    return list(case_list(user=user).filter(person=person))


def _detail_context(
    request: AuthenticatedHttpRequest, person: Person, **bound: forms.BaseForm
) -> dict[str, Any]:
    user = request.user
    context: dict[str, Any] = {
        "person": person,
        "nationality_name": country_name(person.nationality),
        "birth_country_name": country_name(person.birth_country),
        "documents": selectors.person_documents(person),
        "phones": selectors.person_phones(person),
        "aliases": selectors.person_aliases(person),
        "languages": selectors.person_languages(person),
        "notices": selectors.person_notices(person),
        "consents": selectors.person_consents(person),
        "has_taking_charge_consent": selectors.has_taking_charge_consent(person),
        "document_form": DocumentForm(),
        "phone_form": PhoneForm(),
        "alias_form": AliasForm(),
        "language_form": LanguageForm(),
        "notice_form": NoticeForm(),
        "consent_form": ConsentForm(),
        "withdraw_form": WithdrawForm(),
        "access_log": None,
        "cases": _cases_of(user, person),
        # Records merged into this one (linkage review): kept as they were, with their source.
        "merged_records": person.merged_records.select_related("registered_at").order_by("pk"),
    }
    if selectors.can_see_access_log(user=user, person=person):
        context["access_log"] = selectors.person_access_log(user=user, person=person)
    context.update(bound)
    return context


@login_required
@require_GET
def person_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_read(user=request.user, pk=pk)
    return render(request, "people/person_detail.html", _detail_context(request, person))


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = selectors.person_read(user=user, pk=pk, purpose="people.person.edit")
    municipalities = selectors.municipality_choices(user=user)
    current: Person | None = None
    if request.method != "POST":
        form = PersonEditForm(
            initial=PersonEditForm.initial_for(person), municipalities=municipalities
        )
    else:
        form = PersonEditForm(request.POST, instance=person, municipalities=municipalities)
        if form.is_valid():
            try:
                services.person_update(
                    actor=user,
                    person=person,
                    expected_version=form.cleaned_data["version"],
                    data=form.person_data(),
                )
            except StaleEditError as exc:
                # Keep what the user typed, show the stored values, and let the next submit
                # start from the version they have now seen.
                current = cast(Person, exc.current)
                resubmit = request.POST.copy()
                resubmit["version"] = str(current.version)
                form = PersonEditForm(resubmit, municipalities=municipalities)
                form.is_valid()
                form.add_error(None, exc)
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Scheda aggiornata."))
                return redirect("people:person_detail", pk=person.pk)
        person.refresh_from_db()
    context = {
        "person": person,
        "form": form,
        "current": current,
        "current_nationality": country_name(current.nationality) if current else "",
    }
    return render(request, "people/person_edit.html", context)


def _sub_action(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_name: str,
    form: forms.BaseForm,
    action: Callable[[Person, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate one sub-form of the card, call its service, back to the card (or errors)."""
    person = selectors.person_get(user=request.user, pk=pk)
    if form.is_valid():
        try:
            action(person, form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("people:person_detail", pk=person.pk)
    selectors.person_read(user=request.user, pk=pk)
    context = _detail_context(request, person, **{form_name: form})
    return render(request, "people/person_detail.html", context)


def _add_view(
    form_class: Callable[[Any], forms.BaseForm],
    service: Callable[..., object],
    form_name: str,
    done: Promise,
) -> Callable[[AuthenticatedHttpRequest, int], HttpResponse]:
    """A view that validates one sub-form of a person's card and calls one service with it."""

    @login_required
    @require_POST
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        def act(person: Person, data: dict[str, Any]) -> object:
            return service(actor=request.user, person=person, **data)

        return _sub_action(request, pk, form_name, form_class(request.POST), act, str(done))

    return view


document_add = _add_view(
    DocumentForm, services.document_add, "document_form", gettext_lazy("Documento aggiunto.")
)
phone_add = _add_view(PhoneForm, services.phone_add, "phone_form", gettext_lazy("Numero aggiunto."))
alias_add = _add_view(AliasForm, services.alias_add, "alias_form", gettext_lazy("Nome aggiunto."))
language_set = _add_view(
    LanguageForm, services.language_set, "language_form", gettext_lazy("Lingua registrata.")
)
notice_record = _add_view(
    NoticeForm, services.notice_record, "notice_form", gettext_lazy("Informativa registrata.")
)
consent_give = _add_view(
    ConsentForm, services.consent_give, "consent_form", gettext_lazy("Consenso registrato.")
)


@login_required
@require_POST
def consent_withdraw(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    def act(person: Person, data: dict[str, Any]) -> object:
        consent = selectors.consent_get(user=request.user, person=person, pk=item)
        return services.consent_withdraw(actor=request.user, consent=consent, **data)

    form = WithdrawForm(request.POST)
    return _sub_action(request, pk, "withdraw_form", form, act, _("Consenso revocato."))


def _remove(
    request: AuthenticatedHttpRequest, pk: int, remove: Callable[[Person], None], done: str
) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk)
    try:
        remove(person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("people:person_detail", pk=person.pk)


@login_required
@require_POST
def document_remove(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    def remove(person: Person) -> None:
        doc = selectors.document_get(user=request.user, person=person, pk=item)
        services.document_remove(actor=request.user, document=doc)

    return _remove(request, pk, remove, _("Documento tolto."))


@login_required
@require_POST
def phone_remove(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    def remove(person: Person) -> None:
        phone = selectors.phone_get(user=request.user, person=person, pk=item)
        services.phone_remove(actor=request.user, phone=phone)

    return _remove(request, pk, remove, _("Numero tolto."))


@login_required
@require_POST
def alias_remove(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    def remove(person: Person) -> None:
        alias = selectors.alias_get(user=request.user, person=person, pk=item)
        services.alias_remove(actor=request.user, alias=alias)

    return _remove(request, pk, remove, _("Nome tolto."))


@login_required
@require_POST
def language_remove(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    def remove(person: Person) -> None:
        row = selectors.language_get(user=request.user, person=person, pk=item)
        services.language_remove(actor=request.user, row=row)

    return _remove(request, pk, remove, _("Lingua tolta."))
