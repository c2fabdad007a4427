"""Data of training and work: the occupation classification (ISCO-08) for now."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ISCO_CODE = r"^[0-9]{1,4}$"


class Occupation(models.Model):
    """A group of the ISCO-08 classification, from a major group (1 digit) to a unit (4).

    Seeded from `approdo/jobs/data/isco08.csv` (see reference.py); an administrator may relabel
    or retire a group from the admin. The code is the position in the tree: a group's parent is
    the group whose code is its code minus the last digit.
    """

    code = models.CharField(
        _("codice ISCO-08"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(ISCO_CODE, _("Da 1 a 4 cifre."))],
    )
    level = models.PositiveSmallIntegerField(
        _("livello"),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("1 grande gruppo, 2 sottogruppo, 3 gruppo minore, 4 gruppo unitario."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("gruppo superiore"),
    )
    title_it = models.CharField(_("denominazione italiana"), max_length=200)
    title_en = models.CharField(_("denominazione inglese"), max_length=200)
    active = models.BooleanField(_("in uso"), default=True)

    class Meta:
        verbose_name = _("professione (ISCO-08)")
        verbose_name_plural = _("professioni (ISCO-08)")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=ISCO_CODE), name="occupation_code_digits"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=4), name="occupation_level_range"
            ),
            # The level is the number of digits, so a code cannot sit at the wrong depth.
            models.CheckConstraint(
                condition=Q(level=Length("code")), name="occupation_level_is_code_length"
            ),
            models.CheckConstraint(
                condition=Q(level=1, parent__isnull=True) | Q(level__gt=1, parent__isnull=False),
                name="occupation_parent_unless_major_group",
            ),
            models.CheckConstraint(
                condition=~Q(title_it="") & ~Q(title_en=""), name="occupation_titles_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        """The label in the active language: English for 'en*', Italian otherwise."""
        language = get_language() or ""
        return self.title_en if language.split("-")[0] == "en" else self.title_it

    def clean(self) -> None:
        # The database checks the level against the code; the parent's code is a cross-row
        # rule only the application can check.
        super().clean()
        if self.code and self.level != len(self.code):
            raise ValidationError(
                {"level": _("Il livello deve essere il numero di cifre del codice.")}
            )
        expected = self.code[:-1] if self.code and len(self.code) > 1 else None
        actual = self.parent.code if self.parent_id and self.parent else None
        if expected != actual:
            raise ValidationError(
                {
                    "parent": _("Il gruppo superiore deve avere il codice %(code)s.")
                    % {"code": expected}
                }
                if expected
                else {"parent": _("Un grande gruppo non ha un gruppo superiore.")}
            )


from approdo.jobs.employer_models import *  # noqa: E402, F403
from approdo.jobs.placement_models import *  # noqa: E402, F403
from approdo.jobs.profile_models import *  # noqa: E402, F403
