/**
 * Dates as the look-back commands take them (`--since`, `--until`): a calendar
 * date, or how long ago. Session dates are compared as YYYY-MM-DD text, the
 * date in the session's note.
 */
// Per-function imports: the bundle is CommonJS, where the package's index would bring in all of date-fns.
import { subDays } from 'date-fns/subDays';
import { subMonths } from 'date-fns/subMonths';
import { subWeeks } from 'date-fns/subWeeks';
import { subYears } from 'date-fns/subYears';
import { UsageError } from './errors.ts';

/** Two digits: 7 → "07". */
function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** YYYY-MM-DD of a local date. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** A length of time in seconds as a clock reads it: 75 → "1:15"; 3725 → "1:02:05". */
export function durationText(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = pad2(s % 60);
  return h > 0 ? `${h}:${pad2(m)}:${sec}` : `${m}:${sec}`;
}

/** HH:MM of a local time. */
export function clockTime(d: Date): string {
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 8 Dec" of a local date. */
function weekdayDayMonth(d: Date): string {
  return `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}`;
}

/** A YYYY-MM-DD date as people read it: "Tue 8 Dec 2026". Anything else is returned as it is. */
export function formatDue(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return `${weekdayDayMonth(d)} ${d.getFullYear()}`;
}

/** "Tue 1 Dec" in local time, with the year when it is not `now`'s. */
export function dayText(iso: string, now: Date): string {
  const d = new Date(iso);
  return d.getFullYear() === now.getFullYear() ? weekdayDayMonth(d) : `${weekdayDayMonth(d)} ${d.getFullYear()}`;
}

/** The local calendar day of an ISO timestamp. */
export function localDay(iso: string): string {
  return isoDate(new Date(iso));
}

/** "YYYY-MM-DD HH:MM" in local time, of an ISO timestamp. */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  return `${isoDate(d)} ${clockTime(d)}`;
}

const AGO = /^(\d{1,4})\s*(d|day|days|w|week|weeks|m|month|months|y|year|years)$/;

/**
 * `2026-05-01`, `2026-05` (its first day, or with `end` its last), `today`,
 * `yesterday`, or an age: `30d`, `6w`, `3m`, `1y` (that long before today).
 * Returns YYYY-MM-DD, or throws a UsageError naming the flag.
 */
export function parseDateBound(input: string, now: Date, flag: string, end = false): string {
  const s = input.trim().toLowerCase();
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (iso) {
    const y = Number(iso[1]);
    const m = Number(iso[2]) - 1;
    if (iso[3] === undefined) {
      if (m < 0 || m > 11) throw bad(input, flag);
      return isoDate(end ? new Date(y, m + 1, 0) : new Date(y, m, 1));
    }
    const d = new Date(y, m, Number(iso[3]));
    if (isoDate(d) !== s) throw bad(input, flag);
    return s;
  }
  if (s === 'today') return isoDate(today);
  if (s === 'yesterday') return isoDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1));
  const ago = AGO.exec(s);
  if (ago) {
    const n = Number(ago[1]);
    const unit = ago[2]?.charAt(0);
    // date-fns clamps to the month's last day: 31 March less a month is 28 (or 29) February, not 3 March (issue 10).
    const d = unit === 'd' ? subDays(today, n) : unit === 'w' ? subWeeks(today, n) : unit === 'm' ? subMonths(today, n) : subYears(today, n);
    return isoDate(d);
  }
  throw bad(input, flag);
}

function bad(input: string, flag: string): UsageError {
  return new UsageError(
    `${flag} ${JSON.stringify(input)} is not a date.`,
    `Use a date like 2026-05-01 or 2026-05, today, or how long ago: 30d, 6w, 3m, 1y.`,
  );
}

export interface DateRange {
  since?: string | undefined;
  until?: string | undefined;
}

/** Both ends inclusive; dates as YYYY-MM-DD. */
export function inRange(date: string, range: DateRange): boolean {
  return (range.since === undefined || date >= range.since) && (range.until === undefined || date <= range.until);
}

/** The range from `--since`/`--until` text. */
export function dateRange(opts: { since?: string | undefined; until?: string | undefined }, now: Date): DateRange {
  const range: DateRange = {};
  if (opts.since !== undefined) range.since = parseDateBound(opts.since, now, '--since');
  if (opts.until !== undefined) range.until = parseDateBound(opts.until, now, '--until', true);
  if (range.since && range.until && range.since > range.until) {
    throw new UsageError(`--since ${range.since} is after --until ${range.until}.`);
  }
  return range;
}

/** `count` months (YYYY-MM) ending with the month of `last` (YYYY-MM or a date). */
export function monthsEnding(last: string, count: number): string[] {
  const y = Number(last.slice(0, 4));
  const m = Number(last.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(y, m - i, 1);
    out.push(`${d.getFullYear()}-${pad2(d.getMonth() + 1)}`);
  }
  return out;
}
