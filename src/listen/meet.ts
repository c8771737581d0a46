/**
 * Google Meet's transcript entries as JSON: the Meet REST API's
 * `conferenceRecords.transcripts.entries.list` answer,
 *
 *     { "transcriptEntries": [ { "name": "conferenceRecords/…/entries/…",
 *         "participant": "conferenceRecords/…/participants/…",
 *         "text": "…", "languageCode": "en-US",
 *         "startTime": "2024-05-02T15:01:02.250Z", "endTime": "…" } ] }
 *
 * where a participant is a resource name, resolved to a display name through a
 * `participants` list beside the entries when the export carries one (the
 * API's participants.list: signedinUser / anonymousUser / phoneUser each with
 * a displayName). Tolerant of what export tools make of it: a bare array of
 * entries, `entries` for `transcriptEntries`, a participant given as an
 * object or a name, `speaker`/`displayName` fields, times as RFC 3339
 * strings, "12.5s" durations, or numbers of seconds (or of milliseconds in a
 * `…Ms` field). Times are made relative to the first entry.
 */
import { cleanText, countWords, knownSpeaker, TranscriptError, type Cue } from './model.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export function parseMeetJson(text: string, file: string): Cue[] {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (e) {
    throw jsonError(text, file, e);
  }
  const entries = entriesOf(doc);
  if (!entries) {
    throw new TranscriptError(file, 1, 'this JSON holds no transcript entries (a "transcriptEntries" list, or a list of entries with "text").', 'Export the Meet transcript entries as JSON.');
  }
  const names = participantNames(doc);
  const positions = entryLines(text, entries);
  const raw = entries.map((e, k) => {
    if (!isObj(e)) throw new TranscriptError(file, positions[k] ?? 1, `entry ${k + 1} is not an object.`);
    const line = positions[k] ?? 1;
    const start = timeOf(e, ['startTime', 'start_time', 'start', 'startOffset', 'offset', 'startTimeMs', 'startMs', 'timestamp', 'time'], file, line);
    const end = timeOf(e, ['endTime', 'end_time', 'end', 'endOffset', 'endTimeMs', 'endMs'], file, line);
    const textValue = str(e['text']) ?? str(e['content']) ?? str(e['transcript']) ?? str(e['words']) ?? '';
    if (start !== null && end !== null && end < start) {
      throw new TranscriptError(file, line, `entry ${k + 1} ends before it starts.`, 'Export the Meet transcript again; its times are damaged.');
    }
    return { speaker: speakerOf(e, names), start, end, text: cleanText(textValue), line };
  });
  // Times of day (RFC 3339) become seconds from the first entry; offsets stay as they are.
  const absolute = raw.some((c) => c.start !== null && c.start > 1e8);
  const origin = absolute ? Math.min(...raw.map((c) => c.start ?? Infinity)) : 0;
  const cues = raw.map((c) => ({ ...c, start: c.start === null ? null : c.start - origin, end: c.end === null ? null : c.end - origin }));
  // Entries with a start and no end (export tools keep one timestamp) end where the next starts,
  // the last after its words at 150 a minute, as Otter's paragraphs do.
  cues.forEach((c, k) => {
    if (c.start === null || c.end !== null) return;
    const next = cues.slice(k + 1).find((n) => n.start !== null);
    c.end = next?.start ?? c.start + Math.max(1, Math.round(countWords(c.text) * 0.4));
  });
  return cues.filter((c) => c.text !== '');
}

function entriesOf(doc: Json): Json[] | undefined {
  if (Array.isArray(doc)) return doc;
  if (!isObj(doc)) return undefined;
  for (const key of ['transcriptEntries', 'entries', 'transcript', 'segments', 'results', 'items']) {
    const v = doc[key];
    if (Array.isArray(v)) return v;
    if (isObj(v)) {
      const inner = entriesOf(v);
      if (inner) return inner;
    }
  }
  return undefined;
}

function displayName(p: Obj): string | undefined {
  for (const key of ['signedinUser', 'anonymousUser', 'phoneUser', 'user']) {
    const u = p[key];
    if (isObj(u) && str(u['displayName'])) return str(u['displayName']);
  }
  return str(p['displayName']) ?? str(p['name'] && !String(p['name']).includes('/') ? p['name'] : undefined);
}

/** Resource name → display name, from a `participants` list beside the entries. */
function participantNames(doc: Json): Map<string, string> {
  const names = new Map<string, string>();
  const list = isObj(doc) ? doc['participants'] : undefined;
  if (Array.isArray(list)) {
    for (const p of list) {
      if (!isObj(p)) continue;
      const id = str(p['name']) ?? str(p['participant']) ?? str(p['id']);
      const shown = displayName(p);
      if (id && shown) names.set(id, shown);
    }
  } else if (isObj(list)) {
    for (const [id, v] of Object.entries(list)) {
      const shown = typeof v === 'string' ? v : isObj(v) ? displayName(v) : undefined;
      if (shown) names.set(id, shown);
    }
  }
  return names;
}

function speakerOf(e: Obj, names: Map<string, string>): string | null {
  const p = e['participant'] ?? e['speaker'] ?? e['speakerName'] ?? e['displayName'] ?? e['participantName'];
  if (isObj(p)) return knownSpeaker(displayName(p) ?? null);
  const s = str(p) ?? str(e['participantName']);
  if (s === undefined) return null;
  const resolved = names.get(s);
  if (resolved) return knownSpeaker(resolved);
  // An unresolved resource name: "conferenceRecords/x/participants/abc" → "participant abc".
  if (/\/participants\//.test(s)) return `participant ${s.split('/').pop()}`;
  return knownSpeaker(s);
}

function timeOf(e: Obj, keys: string[], file: string, line: number): number | null {
  for (const key of keys) {
    const v = e[key];
    if (v === undefined || v === null) continue;
    // Milliseconds in a "…Ms" field, or a number too large for seconds of a meeting: a Unix time in ms.
    if (typeof v === 'number' && Number.isFinite(v)) return /Ms$/.test(key) || v > 1e11 ? v / 1000 : v;
    if (isObj(v) && typeof v['seconds'] !== 'undefined') {
      // A protobuf Timestamp or Duration: { seconds, nanos }.
      return Number(v['seconds']) + Number(v['nanos'] ?? 0) / 1e9;
    }
    if (typeof v === 'string') {
      const duration = /^(\d+(?:\.\d+)?)s$/.exec(v);
      if (duration) return Number(duration[1]);
      if (/^\d+(?:\.\d+)?$/.test(v)) return /Ms$/.test(key) ? Number(v) / 1000 : Number(v);
      const hms = /^(\d+):(\d{2})(?::(\d{2}))?(?:[.,](\d+))?$/.exec(v);
      if (hms) {
        const [a, b, c] = [Number(hms[1]), Number(hms[2]), hms[3] === undefined ? undefined : Number(hms[3])];
        const frac = hms[4] ? Number(`0.${hms[4]}`) : 0;
        return (c === undefined ? a * 60 + b : a * 3600 + b * 60 + c) + frac;
      }
      const ms = Date.parse(v);
      if (Number.isFinite(ms) && /\d{4}-\d{2}-\d{2}/.test(v)) return ms / 1000;
      throw new TranscriptError(file, line, `bad time "${v}" in "${key}": expected an RFC 3339 time (2024-05-02T15:01:02Z) or seconds ("12.5s").`);
    }
  }
  return null;
}

/**
 * The line where each entry's text stands, found by searching the file for
 * the text as JSON writes it, in order; an entry whose text is escaped some
 * other way takes the line of the entry before it.
 */
function entryLines(text: string, entries: Json[]): number[] {
  const out: number[] = [];
  let from = 0;
  let line = 1;
  let counted = 0;
  for (const e of entries) {
    const value = isObj(e) ? (str(e['text']) ?? str(e['content']) ?? str(e['transcript'])) : undefined;
    const at = value === undefined ? -1 : text.indexOf(JSON.stringify(value), from);
    if (at >= 0) {
      for (let i = counted; i < at; i++) if (text.charCodeAt(i) === 10) line++;
      counted = at;
      from = at + 1;
    }
    out.push(line);
  }
  return out;
}

function jsonError(text: string, file: string, e: unknown): TranscriptError {
  const message = e instanceof Error ? e.message : String(e);
  const pos = /position (\d+)/.exec(message);
  const lc = /line (\d+) column (\d+)/.exec(message);
  let line: number | null = null;
  let column: number | undefined;
  if (lc) {
    line = Number(lc[1]);
    column = Number(lc[2]);
  } else if (pos) {
    const before = text.slice(0, Number(pos[1]));
    line = before.split('\n').length;
    column = before.length - before.lastIndexOf('\n');
  } else {
    line = text.split('\n').length;
  }
  const at = pos ? Number(pos[1]) : -1;
  const cut = /Unexpected end/i.test(message) || at >= text.trimEnd().length ? ' The file looks cut off.' : '';
  return new TranscriptError(file, line, `this JSON cannot be read: ${message.replace(/^.*?JSON[^:]*:\s*/, '').split('\n')[0]}.${cut}`, 'Export the Meet transcript again.', column);
}
