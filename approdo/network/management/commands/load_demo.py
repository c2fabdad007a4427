"""`manage.py load_demo`: the ISTAT territory, the demo network, accounts, people, cases,
outreach and helpdesk."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from approdo.accounts.demo import PASSWORD_ENV, DemoAccountsError
from approdo.cases.stages import Stage
from approdo.network.demo import DemoLoadResult, load_demo
from approdo.network.demo_data import DEFAULT_SEED, DemoDataError
from approdo.network.reference import TerritoryFileError

# (singular, plural)
COUNT_LABELS = {
    "nodes": ("nodo", "nodi"),
    "managing_bodies": ("ente gestore", "enti gestori"),
    "procedures": ("procedura", "procedure"),
    "contracts": ("affidamento", "affidamenti"),
    "professionals": ("professionista", "professionisti"),
}


class Command(BaseCommand):
    help = (
        "Carica il territorio ISTAT e la rete demo (Su.Pr.Eme.2 e InLav Lombardia, dati "
        "inventati) con un account demo per ruolo. Rieseguire non duplica nulla."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seme del generatore: stesso seme, stessi dati (predefinito {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Non creare né aggiornare gli account demo (né le persone demo).",
        )
        parser.add_argument(
            "--no-people",
            action="store_true",
            help="Non creare le persone demo (destinatari inventati).",
        )
        parser.add_argument(
            "--no-cases",
            action="store_true",
            help="Non creare le prese in carico demo (casi inventati).",
        )
        parser.add_argument(
            "--no-field",
            action="store_true",
            help="Non creare i dati demo di outreach e helpdesk (luoghi, uscite, contatti).",
        )

    def handle(
        self,
        *args: Any,
        seed: int,
        no_accounts: bool,
        no_people: bool,
        no_cases: bool = False,
        no_field: bool = False,
        **options: Any,
    ) -> None:
        started = time.perf_counter()
        try:
            result = load_demo(
                seed=seed,
                accounts=not no_accounts,
                people=not no_people,
                cases=not no_cases,
                field=not no_field,
            )
        except (TerritoryFileError, DemoDataError, DemoAccountsError) as error:
            raise CommandError(str(error)) from error
        self._report(result, seed, time.perf_counter() - started)
        self._link(created=bool(result.people.created))
        self._budgets()
        self._housing()
        self._transport()
        self._jobs()
        self._training()
        self._jobcentres()
        self._traineeships()
        self._socialfarming()
        self._snapshots()

    def _budgets(self) -> None:
        """Integration budget rules, allocations and some commitments (approdo.budget.demo)."""
        from approdo.budget.demo import load_budget_demo

        made = load_budget_demo()
        if made:
            self.stdout.write(f"Budget di integrazione: {made} impegni di spesa.")

    def _housing(self) -> None:
        """Co-housing sites in Puglia, placements and a waiting list (approdo.housing.demo)."""
        from approdo.cases.models import Case
        from approdo.housing.demo import load_housing_demo

        if not Case.objects.exists():
            return
        r = load_housing_demo()
        if r.already_present:
            self.stdout.write("Abitare demo già presente, lasciato com'è.")
        elif not r.skipped:
            self.stdout.write(
                f"Abitare demo: {r.sites} strutture, {r.beds} posti letto, "
                f"{r.placements} inserimenti, {r.requests} richieste in lista d'attesa."
            )

    def _transport(self) -> None:
        """Shuttles, stops, lines, trips, bookings and ride requests around Foggia
        (approdo.transport.demo)."""
        from approdo.cases.models import Case
        from approdo.transport.demo import load_transport_demo

        if not Case.objects.exists():
            return
        r = load_transport_demo()
        self.stdout.write(
            f"Trasporti: {r.shuttles} navette, {r.trips} corse, {r.bookings} prenotazioni, "
            f"{r.requests} richieste di corsa."
        )

    def _jobs(self) -> None:
        """Employers around Foggia (two of them flagged) and their vacancies
        (approdo.jobs.demo)."""
        from approdo.jobs.demo import load_jobs_demo

        r = load_jobs_demo()
        if r.already_present:
            self.stdout.write("Lavoro demo già presente, lasciato com'è.")
        elif not r.skipped:
            self.stdout.write(
                f"Lavoro demo: {r.employers} datori di lavoro ({r.flagged} segnalati), "
                f"{r.vacancies} offerte di lavoro."
            )
        from approdo.jobs.demo_people import load_jobs_people_demo

        made = load_jobs_people_demo()
        if made:
            self.stdout.write(
                f"Lavoro demo a Foggia: {made['profiles']} profili delle competenze, "
                f"{made['jobs']} lavori, {made['suggestions']} abbinamenti suggeriti, "
                f"{made['proposed']} proposte."
            )

    def _training(self) -> None:
        """Courses around Foggia with lessons, registers and outcomes; orientation and skills
        assessments in some cases (approdo.training.demo)."""
        from approdo.training.demo import load_training_demo

        r = load_training_demo()
        if r.get("already_present"):
            self.stdout.write("Formazione demo già presente, lasciata com'è.")
        elif not r.get("skipped"):
            self.stdout.write(
                f"Formazione demo: {r['courses']} corsi, {r['sessions']} lezioni, "
                f"{r['enrolments']} iscrizioni ({r['completed']} corsi completati), "
                f"{r['orientation']} sessioni di orientamento, {r['assessments']} valutazioni."
            )

    def _jobcentres(self) -> None:
        """Job centres of the demo provinces; registrations and appointments of Foggia's
        cases (approdo.jobcentres.demo)."""
        from approdo.jobcentres.demo import load_jobcentres_demo

        r = load_jobcentres_demo()
        if r["already_present"]:
            self.stdout.write("Centri per l'impiego demo già presenti, lasciati come sono.")
        elif not r["skipped"]:
            self.stdout.write(
                f"Centri per l'impiego: {r['job_centres']} caricati, {r['registrations']} "
                f"iscrizioni, {r['appointments']} appuntamenti."
            )

    def _traineeships(self) -> None:
        """Traineeships at the Foggia hub with attendance and allowances paid from the budget
        (approdo.traineeships.demo); after the budget and jobs demos."""
        from approdo.traineeships.demo import load_traineeships_demo

        r = load_traineeships_demo()
        if r.get("already_present"):
            self.stdout.write("Tirocini demo già presenti, lasciati come sono.")
        elif r.get("traineeships"):
            self.stdout.write(
                f"Tirocini demo: {r['traineeships']} tirocini, {r['months']} mesi di presenze, "
                f"{r['paid']} indennità pagate."
            )

    def _socialfarming(self) -> None:
        """Two social-agriculture pilot projects of the Foggia hub (approdo.socialfarming.demo)."""
        from approdo.cases.models import Case
        from approdo.socialfarming.demo import load_socialfarming_demo

        if not Case.objects.exists():
            return
        r = load_socialfarming_demo()
        if r["already_present"]:
            self.stdout.write("Agricoltura sociale demo già presente, lasciata com'è.")
        elif not r["skipped"]:
            self.stdout.write(
                f"Agricoltura sociale demo: {r['projects']} progetti, {r['partners']} partner, "
                f"{r['participants']} partecipanti, {r['activities']} attività, "
                f"{r['results']} risultati."
            )

    def _snapshots(self) -> None:
        """Last month's regional monitoring snapshots, as the daily job would have made them."""
        from approdo.cases.models import Case
        from approdo.monitoring.services import monthly_snapshots

        if not Case.objects.exists():
            return
        made = monthly_snapshots()
        if made:
            self.stdout.write(f"Monitoraggio: {len(made)} istantanee mensili per regione.")

    def _link(self, *, created: bool) -> None:
        """Link the demo people once, so clusters and the review queue have content."""
        from approdo.linkage.models import CandidateStatus, LinkCandidate, LinkRun, RunKind
        from approdo.linkage.services import relink_all
        from approdo.people.models import Person

        if not Person.objects.exists():
            return
        if not created and LinkRun.objects.filter(kind=RunKind.FULL).exists():
            self.stdout.write("Collegamento delle schede già eseguito, lasciato com'è.")
            return
        run = relink_all(actor=None)
        pending = LinkCandidate.objects.filter(status=CandidateStatus.PENDING).count()
        self.stdout.write(
            f"Collegamento: {run.records} schede, {run.clusters} persone distinte, "
            f"{pending} coppie da esaminare (Doppioni)."
        )

    def _report(self, result: DemoLoadResult, seed: int, elapsed: float) -> None:
        territory = result.territory
        self.stdout.write(
            f"Territorio ISTAT: {territory.municipalities.total} comuni "
            f"({territory.municipalities.created} nuovi, "
            f"{territory.municipalities.updated} aggiornati)."
        )
        for outcome in result.programmes:
            if outcome.created:
                counts = ", ".join(
                    f"{value} {COUNT_LABELS[key][0 if value == 1 else 1]}"
                    for key, value in outcome.counts.items()
                )
                self.stdout.write(f"{outcome.name}: caricato (seme {seed}): {counts}.")
            else:
                self.stdout.write(f"{outcome.name}: già presente, lasciato com'è.")
        if result.accounts:
            self._accounts_table(result)
        else:
            self.stdout.write("Account demo non creati (--no-accounts).")
        people = result.people
        if people.created:
            self.stdout.write(f"Persone demo (inventate): {people.created} create.")
        elif people.already_present:
            self.stdout.write("Persone demo già presenti, lasciate come sono.")
        else:
            self.stdout.write("Persone demo non create (--no-people o senza account demo).")
        cases = result.cases
        if cases.created:
            stages = "; ".join(
                f"{label}: {cases.by_stage.get(stage, 0)}" for stage, label in Stage.choices
            )
            self.stdout.write(
                f"Prese in carico demo (inventate): {cases.created} create ({stages}), "
                f"{cases.referrals} invii, {cases.transfers} trasferimenti."
            )
        elif cases.already_present:
            self.stdout.write("Prese in carico demo già presenti, lasciate come sono.")
        else:
            self.stdout.write(
                "Prese in carico demo non create (--no-cases, --no-people o senza account demo)."
            )
        self._field(result)
        self.stdout.write(self.style.SUCCESS(f"Rete demo pronta in {elapsed:.1f} s."))

    def _field(self, result: DemoLoadResult) -> None:
        outreach, helpdesk = result.field_demo.outreach, result.field_demo.helpdesk
        if outreach.sessions:
            self.stdout.write(
                f"Outreach demo: {outreach.places} luoghi, {outreach.sessions} uscite svolte "
                f"({outreach.headcounts} conteggi, {outreach.people} persone contate), "
                f"{outreach.planned} programmate, {outreach.cancelled} annullata; "
                f"{outreach.first_contacts} primi contatti ({outreach.accepted} accettati "
                f"dall'hub); {outreach.campaigns} campagne e {outreach.events} eventi."
            )
        elif outreach.already_present:
            self.stdout.write("Outreach demo già presente, lasciato com'è.")
        else:
            self.stdout.write("Outreach demo non creato (--no-field o senza prese in carico demo).")
        if helpdesk.contacts:
            self.stdout.write(
                f"Helpdesk demo: {helpdesk.contacts} contatti ({helpdesk.anonymous} anonimi, "
                f"{helpdesk.out_of_hours} fuori orario, {helpdesk.still_new} da valutare), "
                f"{helpdesk.referred_psi} invii ai PSI, {helpdesk.referred_authority} "
                f"segnalazioni alle autorità; {helpdesk.directory} servizi locali in elenco."
            )
        elif helpdesk.already_present:
            self.stdout.write("Helpdesk demo già presente, lasciato com'è.")
        else:
            self.stdout.write("Helpdesk demo non creato (--no-field o senza prese in carico demo).")

    def _accounts_table(self, result: DemoLoadResult) -> None:
        rows = [("Utente", "Ruolo", "Ambito")]
        rows += [(a.username, a.role, a.place) for a in result.accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        self.stdout.write("Account demo:")
        for number, row in enumerate(rows):
            line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + line).rstrip())
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write(
            f"Password di tutti gli account demo: {result.password} (variabile {PASSWORD_ENV})"
        )
        self.stdout.write("")
