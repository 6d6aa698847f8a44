// Dates as the visitor sees them: today on this device, and dates written out in words.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date on the visitor's clock, as YYYY-MM-DD (local time, not UTC). */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(text) {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

const inWords = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "Tuesday, 17 November 2026" (in the visitor's own language and order). */
export function dateInWords(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return inWords.format(new Date(year, month - 1, day));
}
