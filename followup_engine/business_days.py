"""Calendar questions: is this a business day, which is the next one, N of them later (G13).

A business day is neither on the weekend nor a public holiday of the visitor's country.
The `holidays` library is imported only when a country is named: it is slow to import
in the browser and most plans do not need it.
"""

from __future__ import annotations

import warnings
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = ["WEEKEND", "BusinessCalendar", "business_calendar"]

SATURDAY, SUNDAY = 5, 6

#: G13: messages never go out on a Saturday or a Sunday.
WEEKEND = frozenset({SATURDAY, SUNDAY})

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class BusinessCalendar:
    """Answers business-day questions from a weekend set and an optional holiday list."""

    weekend: frozenset[int] = WEEKEND
    holidays: Container[date] = frozenset()

    def is_business_day(self, day: date) -> bool:
        """True when `day` is neither a weekend day nor a public holiday.

        >>> weekdays_only = BusinessCalendar()
        >>> weekdays_only.is_business_day(date(2026, 11, 16))  # a Monday
        True
        >>> weekdays_only.is_business_day(date(2026, 11, 21))  # a Saturday
        False
        """
        return day.weekday() not in self.weekend and day not in self.holidays

    def on_or_after(self, day: date) -> date:
        """The first business day on or after `day`.

        >>> BusinessCalendar().on_or_after(date(2026, 11, 21))  # a Saturday
        datetime.date(2026, 11, 23)
        """
        while not self.is_business_day(day):
            day += ONE_DAY
        return day

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after `day`.

        >>> BusinessCalendar().next_business_day(date(2026, 11, 20))  # a Friday
        datetime.date(2026, 11, 23)
        """
        return self.on_or_after(day + ONE_DAY)

    def add_business_days(self, day: date, count: int) -> date:
        """The `count`-th business day after `day` (`day` itself is not counted).

        >>> BusinessCalendar().add_business_days(date(2026, 11, 18), 5)  # Wed -> next Wed
        datetime.date(2026, 11, 25)
        """
        for _ in range(count):
            day = self.next_business_day(day)
        return day


def business_calendar(country: str | None, around: date | None = None) -> BusinessCalendar:
    """The calendar for a plan: weekends only, or weekends plus `country`'s public holidays.

    `around` preloads the holidays of that year; other years load on demand because the
    holidays object expands itself when asked about them.

    >>> business_calendar(None).is_business_day(date(2026, 12, 25))  # no country: only weekends
    True
    """
    if country is None:
        return _WEEKENDS_ONLY
    return _country_calendar(country, None if around is None else around.year)


_WEEKENDS_ONLY = BusinessCalendar()


@lru_cache(maxsize=16)
def _country_calendar(country: str, year: int | None) -> BusinessCalendar:
    """One calendar per country and year, kept: building a holidays object costs more than
    the rest of a plan, and the page asks for a plan on every edit. Sharing it is safe: it
    only ever grows by whole years, the same way whoever asks."""
    import holidays  # lazy: see the module docstring

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        country_holidays = holidays.country_holidays(country, years=[] if year is None else [year])
    return BusinessCalendar(holidays=_QuietHolidays(country_holidays))


class _QuietHolidays:
    """A holidays object that stays silent for years the library has no data for.

    Some countries only have data for a range of years; outside it the library warns and
    knows no holidays, which leaves weekends as the only days off: a fine answer here.
    A plain class, not a dataclass: creating one of those costs milliseconds at import in
    the browser.
    """

    __slots__ = ("known",)

    def __init__(self, known: HolidayBase) -> None:
        self.known = known

    def __contains__(self, day: object) -> bool:
        if isinstance(day, date) and day.year in self.known.years:
            return day in self.known  # a year already loaded: nothing left to warn about
        with warnings.catch_warnings():  # costly, so only while the library loads a year
            warnings.simplefilter("ignore", UserWarning)
            return day in self.known
