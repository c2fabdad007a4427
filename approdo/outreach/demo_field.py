"""The field demo: outreach (places, sessions, awareness) and the helpdesk, after the cases.

Both write cases (first contacts, referrals to the PSI) and need the demo staff the demo cases
create, so they run only once the demo cases are there: loading them before would make the
cases loader believe its own load had already run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from approdo.cases.demo import demo_cases_exist
from approdo.helpdesk.demo import DemoHelpdeskResult, load_demo_helpdesk
from approdo.network.demo_data import DEFAULT_SEED
from approdo.outreach.demo import DemoOutreachResult, load_demo_outreach


@dataclass(frozen=True)
class DemoFieldResult:
    outreach: DemoOutreachResult = field(default_factory=lambda: DemoOutreachResult(skipped=True))
    helpdesk: DemoHelpdeskResult = field(default_factory=lambda: DemoHelpdeskResult(skipped=True))
    seconds: float = 0.0

    @property
    def skipped(self) -> bool:
        return self.outreach.skipped and self.helpdesk.skipped


def load_demo_field(*, seed: int = DEFAULT_SEED) -> DemoFieldResult:
    """Outreach and helpdesk demo data; skipped while the demo cases are not loaded."""
    if not demo_cases_exist():
        return DemoFieldResult()
    started = time.perf_counter()
    outreach = load_demo_outreach(seed=seed)
    helpdesk = load_demo_helpdesk(seed=seed)
    return DemoFieldResult(outreach, helpdesk, time.perf_counter() - started)
