"""Dates spelled out in English, independent of the machine's locale.

Two styles, as the visitor's locale writes them: `day_month` ("Tuesday 29 December 2026",
British and most of the world) and `month_day` ("Tuesday, December 29, 2026", American).
"""

from __future__ import annotations

from datetime import date

__all__ = ["DATE_STYLES", "day_and_month", "long_date", "short_date"]

DATE_STYLES = ("day_month", "month_day")

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _in_style(weekday: str, month: str, day: date, style: str, *, year: bool) -> str:
    """Weekday, day and month (and the year) in the order and punctuation of `style`."""
    if style == "month_day":
        return f"{weekday}, {month} {day.day}" + (f", {day.year}" if year else "")
    return f"{weekday} {day.day} {month}" + (f" {day.year}" if year else "")


def long_date(day: date, style: str = "day_month") -> str:
    """The date as a message writes it.

    >>> long_date(date(2026, 12, 29)), long_date(date(2026, 12, 29), "month_day")
    ('Tuesday 29 December 2026', 'Tuesday, December 29, 2026')
    """
    weekday, month = _WEEKDAYS[day.weekday()], _MONTHS[day.month - 1]
    return _in_style(weekday, month, day, style, year=True)


def day_and_month(day: date, style: str = "day_month") -> str:
    """The date without its year, for notes sent within days of it.

    >>> day_and_month(date(2026, 11, 16)), day_and_month(date(2026, 11, 16), "month_day")
    ('Monday 16 November', 'Monday, November 16')
    """
    weekday, month = _WEEKDAYS[day.weekday()], _MONTHS[day.month - 1]
    return _in_style(weekday, month, day, style, year=False)


def short_date(day: date, style: str = "day_month") -> str:
    """The compact date used in lists and checklists.

    >>> short_date(date(2026, 11, 6)), short_date(date(2026, 11, 6), "month_day")
    ('Fri 6 Nov 2026', 'Fri, Nov 6, 2026')
    """
    weekday, month = _WEEKDAYS[day.weekday()][:3], _MONTHS[day.month - 1][:3]
    return _in_style(weekday, month, day, style, year=True)
