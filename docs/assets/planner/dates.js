// Dates as the visitor sees them: today on this device, and dates written out in words.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date on the visitor's clock, as YYYY-MM-DD (local time, not UTC). */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Milliseconds from `now` until the next local midnight: a calendar day, not 24 hours, since
 * a day that changes to or from summer time is 23 or 25 hours long.
 */
export function untilMidnight(now = new Date()) {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1) - now;
}

/** The calendar day of a YYYY-MM-DD date, in UTC, years below 100 as written (not 19xx). */
function utcDay(year, month, day) {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/**
 * True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30), from year 1 as
 * the engine reads dates: "0026-11-16" is a date of the year 26, as the CLI takes it.
 */
export function isIsoDate(text) {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = utcDay(year, month, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

const EARLIEST_LIKELY_YEAR = 1900;
const LIKELY_DAYS_AWAY = 2 * 365; // an interview, an answer or a check-in: within two years

/**
 * Why the year of `iso` looks mistyped, in the visitor's words, or "" when it looks right.
 * A date field given "11/16/26" holds the year 26: the visitor meant 2026.
 */
export function yearDoubt(iso, today) {
  const year = Number(iso.slice(0, 4));
  if (year < 100) {
    return `Is the year right? This date is in the year ${year}; for ${2000 + year}, type the year in full.`;
  }
  if (year < EARLIEST_LIKELY_YEAR) {
    return `Is the year right? This date is in the year ${year}; type the year in full.`;
  }
  const [from, to] = [today, iso].map((text) => utcDay(...text.split("-").map(Number)));
  if (Math.abs(to - from) / 86_400_000 > LIKELY_DAYS_AWAY) {
    return "Is the year right? This date is more than two years from today.";
  }
  return "";
}

// The page is in English, so dates are written in English words. Not with Intl: its first
// date format in a page loads the browser's locale data, 35 to 85 ms of blocked main thread
// here, while Pyodide is starting; two short tables cost nothing.
const WEEKDAYS = "Sunday Monday Tuesday Wednesday Thursday Friday Saturday".split(" ");
const MONTHS =
  "January February March April May June July August September October November December".split(" ");

// Languages whose speakers write the month before the day (American usage); everyone else
// reads "Tuesday 17 November 2026". The engine writes drafts the same way (`date_style`).
const MONTH_FIRST = new Set(["en-US", "en-PH", "es-US", "en-AS", "en-GU", "en-UM", "en-VI"]);

/** The engine's date style for a language tag such as "en-GB". */
export function dateStyleOf(language) {
  return MONTH_FIRST.has(language) ? "month_day" : "day_month";
}

/** The region of a language tag ("en-GB" -> "GB"), or "" when it names none. */
export function regionOf(language) {
  const match = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Z]{2})(?:-|$)/i.exec(language ?? "");
  return match ? match[1].toUpperCase() : "";
}

export const DATE_STYLE = dateStyleOf(globalThis.navigator?.language ?? "en-US");

/** "Tuesday, November 17, 2026" (month_day) or "Tuesday 17 November 2026" for 2026-11-17. */
export function dateInWords(iso, style = DATE_STYLE) {
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month - 1, day); // years below 100 stay as written
  const weekday = WEEKDAYS[date.getDay()];
  if (style === "month_day") return `${weekday}, ${MONTHS[month - 1]} ${day}, ${year}`;
  return `${weekday} ${day} ${MONTHS[month - 1]} ${year}`;
}
