/**
 * Open commitments as an iCalendar file (RFC 5545), so follow-ups land in the
 * manager's calendar: one all-day event per commitment on its due date. Pure.
 *
 * What RFC 5545 asks and this does: CRLF line endings (3.1); lines folded at
 * 75 octets with a leading space, never inside a UTF-8 character (3.1); TEXT
 * values with backslash, semicolon, comma and newline escaped (3.3.11); a UID
 * and a DTSTAMP in every event (3.6.1); all-day dates as DTSTART;VALUE=DATE.
 */

export interface CalendarEvent {
  /** Stable across exports, so a calendar updates an event rather than adding a second one. */
  uid: string;
  /** YYYY-MM-DD */
  date: string;
  summary: string;
  description?: string | undefined;
  categories?: readonly string[] | undefined;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT escaping (RFC 5545 3.3.11), with control characters, which TEXT may not hold, removed. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // RFC 5545 CONTROL: the ASCII controls but tab, and newline (escaped as \\n below).
      .replace(/(?![\t\n])(?=\p{ASCII})\p{Cc}/gu, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  );
}

/**
 * Fold a content line into physical lines of at most 75 octets each, the
 * continuation lines starting with one space (counted in their 75).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 20260501T093000Z */
export function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function dateValue(date: string): string {
  return date.replace(/-/g, '');
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1));
  return next.toISOString().slice(0, 10);
}

export function renderCalendar(events: readonly CalendarEvent[], opts: { now: Date; productVersion: string; name?: string }): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//repcoach//repcoach ${escapeText(opts.productVersion)}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (opts.name) lines.push(`X-WR-CALNAME:${escapeText(opts.name)}`);
  const stamp = utcStamp(opts.now);
  for (const e of events) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) continue;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${dateValue(e.date)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
