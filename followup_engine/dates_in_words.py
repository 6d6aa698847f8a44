"""Dates spelled out in English, independent of the machine's locale."""

from __future__ import annotations

from datetime import date

__all__ = ["day_and_month", "long_date", "short_date"]

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


def long_date(day: date) -> str:
    """The date as a message writes it.

    >>> long_date(date(2026, 11, 16))
    'Monday 16 November 2026'
    """
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def day_and_month(day: date) -> str:
    """The date without its year, for notes sent within days of it.

    >>> day_and_month(date(2026, 11, 16))
    'Monday 16 November'
    """
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def short_date(day: date) -> str:
    """The compact date used in lists and checklists.

    >>> short_date(date(2026, 11, 6))
    'Fri 6 Nov 2026'
    """
    return f"{_WEEKDAYS[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1][:3]} {day.year}"
