from datetime import date

from followup_engine.business_days import BusinessCalendar, business_calendar

WEEKDAYS_ONLY = BusinessCalendar()


def test_weekend_days_are_not_business_days():
    assert WEEKDAYS_ONLY.is_business_day(date(2026, 11, 20))  # Friday
    assert not WEEKDAYS_ONLY.is_business_day(date(2026, 11, 21))  # Saturday
    assert not WEEKDAYS_ONLY.is_business_day(date(2026, 11, 22))  # Sunday


def test_next_business_day_skips_the_weekend():
    assert WEEKDAYS_ONLY.next_business_day(date(2026, 11, 20)) == date(2026, 11, 23)
    assert WEEKDAYS_ONLY.on_or_after(date(2026, 11, 20)) == date(2026, 11, 20)


def test_add_business_days_counts_only_business_days():
    assert WEEKDAYS_ONLY.add_business_days(date(2026, 11, 20), 1) == date(2026, 11, 23)
    assert WEEKDAYS_ONLY.add_business_days(date(2026, 11, 20), 5) == date(2026, 11, 27)
    assert WEEKDAYS_ONLY.add_business_days(date(2026, 11, 21), 0) == date(2026, 11, 21)


def test_a_country_adds_its_public_holidays():
    us = business_calendar("US", around=date(2026, 11, 1))
    assert not us.is_business_day(date(2026, 11, 26))  # Thanksgiving
    assert business_calendar(None).is_business_day(date(2026, 11, 26))


def test_holidays_of_other_years_load_on_demand():
    gb = business_calendar("GB", around=date(2026, 1, 1))
    assert not gb.is_business_day(date(2027, 12, 27))  # Christmas Day observed, 2027


def test_uk_christmas_and_boxing_day():
    gb = business_calendar("GB", around=date(2026, 12, 1))
    assert gb.next_business_day(date(2026, 12, 24)) == date(2026, 12, 29)


def test_custom_holidays_are_honoured():
    calendar = BusinessCalendar(holidays={date(2026, 11, 23)})
    assert calendar.next_business_day(date(2026, 11, 20)) == date(2026, 11, 24)
