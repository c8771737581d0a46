/**
 * The calendar file against RFC 5545's rules, checked the way a parser reads
 * it: split on CRLF, unfold, split each content line into name, parameters
 * and value, unescape TEXT.
 */
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar, utcStamp, type CalendarEvent } from '../src/note/ics.ts';

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** A small RFC 5545 reader: enough to check structure, folding and escaping. */
function parseIcs(text: string): Array<Record<string, Property[]>> {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line.includes('\n') || line.includes('\r')).toBe(false);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const events: Array<Record<string, Property[]>> = [];
  const stack: string[] = [];
  let current: Record<string, Property[]> | undefined;
  for (const line of logical) {
    const m = /^([A-Z-]+)((?:;[A-Z-]+=[^:;]*)*):(.*)$/.exec(line);
    expect(m, `not a content line: ${line}`).not.toBeNull();
    const [, name = '', rawParams = '', value = ''] = m ?? [];
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = {};
      continue;
    }
    if (name === 'END') {
      expect(stack.pop()).toBe(value);
      if (value === 'VEVENT' && current) events.push(current);
      continue;
    }
    const params = Object.fromEntries(rawParams.split(';').filter(Boolean).map((p) => p.split('=') as [string, string]));
    if (current && stack[stack.length - 1] === 'VEVENT') (current[name] ??= []).push({ name, params, value });
  }
  expect(stack).toEqual([]);
  return events;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b; c\\d', 'a\\, b\\; c\\\\d'],
    ['line one\nline two\r\nthree', 'line one\\nline two\\nthree'],
    ['bell\u0007 and esc\u001b[31m', 'bell and esc[31m'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });
  it('folds at 75 octets, continuation lines starting with a space', () => {
    const folded = foldLine('DESCRIPTION:' + 'x'.repeat(200));
    const parts = folded.split('\r\n');
    expect(parts[0]).toHaveLength(75);
    expect(parts.slice(1).every((p) => p.startsWith(' ') && Buffer.byteLength(p) <= 75)).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe('DESCRIPTION:' + 'x'.repeat(200));
  });
  it('never splits a multi-byte character', () => {
    const value = 'SUMMARY:' + 'é😀—'.repeat(40);
    const parts = foldLine(value).split('\r\n');
    for (const p of parts) {
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
      expect(p).not.toMatch(/\uFFFD/);
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(value);
  });
});

describe('renderCalendar', () => {
  const hostile = 'Call “Müller & Co”; ask: budget, timing\\scope\nthen send <b>the deck</b> 😀'.repeat(2);
  const events: CalendarEvent[] = [
    { uid: '20260302-0900-abcd-a1@repcoach', date: '2026-03-06', summary: `Sam Lee: ${hostile}`, description: `line 1\nline 2, with; marks`, categories: ['Coaching', 'Lee, Sam'] },
    { uid: 'u2@repcoach', date: '2026-12-31', summary: 'Year end' },
  ];
  const now = new Date('2026-03-02T09:05:07.123Z');
  const text = renderCalendar(events, { now, productVersion: '0.1.0', name: 'Coaching follow-ups' });

  it('is a VCALENDAR with CRLF lines of at most 75 octets, and one VEVENT per commitment', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//repcoach//repcoach 0.1.0//EN\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(parseIcs(text)).toHaveLength(2);
  });
  it('gives every event a UID, a UTC DTSTAMP and all-day dates', () => {
    const [first, second] = parseIcs(text);
    expect(first?.['UID']?.[0]?.value).toBe('20260302-0900-abcd-a1@repcoach');
    expect(first?.['DTSTAMP']?.[0]?.value).toBe('20260302T090507Z');
    expect(first?.['DTSTART']?.[0]).toMatchObject({ params: { VALUE: 'DATE' }, value: '20260306' });
    expect(first?.['DTEND']?.[0]).toMatchObject({ params: { VALUE: 'DATE' }, value: '20260307' });
    expect(second?.['DTEND']?.[0]?.value).toBe('20270101');
  });
  it('escapes text so that it reads back exactly', () => {
    const [first] = parseIcs(text);
    expect(unescapeText(first?.['SUMMARY']?.[0]?.value ?? '')).toBe(`Sam Lee: ${hostile}`);
    expect(unescapeText(first?.['DESCRIPTION']?.[0]?.value ?? '')).toBe('line 1\nline 2, with; marks');
    // In a list value, an escaped comma stays inside its item.
    const cats = (first?.['CATEGORIES']?.[0]?.value ?? '').split(/(?<!\\),/).map(unescapeText);
    expect(cats).toEqual(['Coaching', 'Lee, Sam']);
  });
  it('formats DTSTAMP in UTC', () => {
    expect(utcStamp(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
  });
});
