"""How much one situation, one history and one export file may hold: written once, here.

The engine refuses anything larger at once, naming the limit, so no caller (CLI, Python API,
the page's worker) can make it spend minutes and gigabytes on a runaway input. The planner page
reads the same numbers (published with the site) and stops the visitor before them, beside the
control, so a form the page accepts is always one the engine and the storage accept too.

The numbers are generous for a real job search: a long one has a handful of rounds with a few
people each, a few references and a few dozen history entries.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "LIMITS",
    "MAX_AGENDA_DAYS",
    "MAX_APPLICATIONS",
    "MAX_EMAIL_LENGTH",
    "MAX_EVENTS",
    "MAX_INTERVIEWERS",
    "MAX_NESTING",
    "MAX_REFERENCES",
    "MAX_ROUNDS",
    "MAX_TEXT_LENGTH",
]

#: Interview rounds in one application.
MAX_ROUNDS: Final = 20
#: People met in one round.
MAX_INTERVIEWERS: Final = 20
#: References named in one application.
MAX_REFERENCES: Final = 10
#: A long wait holds a few dozen events; far more means a runaway import, not a job search.
MAX_EVENTS: Final = 200
#: Names, company, role, topic: one line of text each.
MAX_TEXT_LENGTH: Final = 200
#: RFC 5321's longest address.
MAX_EMAIL_LENGTH: Final = 254
#: Applications in one export file (and so in one `followup agenda` run).
MAX_APPLICATIONS: Final = 500
#: How far ahead the today list looks.
MAX_AGENDA_DAYS: Final = 366
#: Brackets inside brackets in one JSON input. An export file nests eight deep (file,
#: applications, application, situation, rounds, round, interviewers, person); JSON's
#: decoder recurses once per level, and in Pyodide a few thousand levels overflow the
#: JavaScript stack and kill the interpreter. Not a form control, so not in `LIMITS`.
MAX_NESTING: Final = 32

#: Every limit by the name the page and the published reference use.
LIMITS: Final[dict[str, int]] = {
    "rounds": MAX_ROUNDS,
    "interviewers": MAX_INTERVIEWERS,
    "references": MAX_REFERENCES,
    "events": MAX_EVENTS,
    "text": MAX_TEXT_LENGTH,
    "email": MAX_EMAIL_LENGTH,
    "applications": MAX_APPLICATIONS,
    "agenda_days": MAX_AGENDA_DAYS,
}
