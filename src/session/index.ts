/**
 * The index: a cache of what the look-back commands need from each session
 * (summary.ts), so `reps`, `prep`, `history`, `stats` and `search` answer over
 * thousands of sessions without reading every journal.
 *
 * The session files stay the source of truth. The index records the size and
 * modification time of each file it summarised; on every use the session
 * folder is listed and stat'ed, and any file that is new or changed is read
 * again (through store.ts), any that is gone is dropped. A missing, damaged or
 * older-format index is simply rebuilt, and so is one made with other settings
 * (the summaries' rescue figures depend on the rescue lists in settings). It is written atomically, so a crash
 * leaves the old index or the new one, never half of one.
 *
 * Two files in the data folder (format in docs/commands.md), so the commands
 * that need no answer text never read it: `index.json` (summaries) and
 * `search-index.json` (answers as text). Each is one header line listing the
 * files, then one JSON line per file in the same order; non-ASCII characters
 * are written as \u escapes, which keeps the text one byte per character in
 * memory and lets search skip the lines that cannot match without parsing them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RescueOptions } from '../rescue/detect.ts';
import { rescueSettings } from '../rescue/settings.ts';
import { openSettings } from '../settings.ts';
import { writeFileAtomic } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { listSessionFiles, loadSession, type LoadedSession, type SessionFile } from './store.ts';
import { rollupOf, type Rollup } from './rollup.ts';
import type { SearchDoc, SessionSummary } from './summary.ts';

export interface Derived {
  item: unknown;
  /** Data many sessions share, kept once in the index header by key (e.g. a playbook's question texts). */
  shared?: Record<string, unknown>;
}

export interface IndexKind {
  name: string;
  file: string;
  /** Bump when the derived shape changes: an index of another version is rebuilt. */
  version: number;
  /**
   * What the derivation reads besides the session file (settings), as plain
   * JSON: kept in the header, and an index made with other inputs is rebuilt.
   */
  inputs?(paths: Paths): Promise<unknown>;
  derive(loaded: LoadedSession, inputs: unknown): Promise<Derived>;
  /** Figures over all items, kept in the header and recomputed whenever an item changes. */
  rollup?(lines: readonly string[]): unknown;
}

// The derivations (and the playbook code they need) load only when something has to be read.
// Version 4: each summary carries its rescue figures, worked out with the rescue lists in settings.
export const SUMMARY_INDEX: IndexKind = {
  name: 'summaries',
  file: 'index.json',
  version: 4,
  inputs: async (paths) => rescueSettings(await openSettings(paths)),
  derive: async (loaded, inputs) => ({
    item: (await import('./derive.ts')).summarize(loaded.state, loaded.damage !== undefined, inputs as RescueOptions),
  }),
  rollup: (lines) => rollupOf(parseSummaries(lines)),
};

export const SEARCH_INDEX: IndexKind = {
  name: 'search',
  file: 'search-index.json',
  version: 1,
  derive: async (loaded) => (await import('./derive.ts')).searchDoc(loaded.state),
};

const FORMAT = 'repcoach-index';

/** One session file's entry: [name, size, mtimeMs] or, when it could not be read, [name, size, mtimeMs, reason]. */
type FileRow = [string, number, number] | [string, number, number, string];

interface Header {
  format: string;
  kind: string;
  version: number;
  files: FileRow[];
  shared?: Record<string, unknown>;
  rollup?: unknown;
  inputs?: unknown;
}

interface Entry {
  row: FileRow;
  /** The item as one line of JSON; "null" for an unreadable file. */
  line: string;
}

export interface RawIndex {
  /** One per readable session file, in file-name order: the item as a line of JSON. */
  lines: string[];
  shared: Record<string, unknown>;
  /** The kind's rollup, when it has one. */
  rollup: unknown;
  /** Session files that could not be read, with why: shown, never fatal. */
  unreadable: Array<{ file: string; reason: string }>;
  /** How many session files were read to bring the index up to date. */
  refreshed: number;
}

export function indexFile(paths: Paths, kind: IndexKind): string {
  return path.join(paths.data, kind.file);
}

/** True when an entry still describes the file as it is on disk. */
export function isFresh(row: readonly [string, number, number, ...unknown[]] | undefined, file: Pick<SessionFile, 'size' | 'mtimeMs'>): boolean {
  return row !== undefined && row[1] === file.size && row[2] === file.mtimeMs;
}

/** JSON with every non-ASCII character as a \u escape: still valid JSON, always ASCII text. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface StoredIndex {
  entries: Map<string, Entry>;
  shared: Record<string, unknown>;
  rollup: unknown;
}

const EMPTY = (): StoredIndex => ({ entries: new Map(), shared: {}, rollup: undefined });

/** The stored entries by file name; empty when the index is missing, damaged, or of another kind, version or inputs. */
export function parseIndex(text: string, kind: IndexKind, inputs?: unknown): StoredIndex {
  const nl = text.indexOf('\n');
  if (nl === -1) return EMPTY();
  let header: Partial<Header>;
  try {
    header = JSON.parse(text.slice(0, nl)) as Partial<Header>;
  } catch {
    return EMPTY();
  }
  if (header.format !== FORMAT || header.kind !== kind.name || header.version !== kind.version || !Array.isArray(header.files)) return EMPTY();
  if (JSON.stringify(header.inputs ?? null) !== JSON.stringify(inputs ?? null)) return EMPTY();
  const shared = typeof header.shared === 'object' && header.shared !== null && !Array.isArray(header.shared) ? header.shared : {};
  const lines = text.slice(nl + 1).split('\n');
  if (lines.length < header.files.length) return EMPTY();
  const entries = new Map<string, Entry>();
  for (const [i, row] of header.files.entries()) {
    const ok = Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'number' && typeof row[2] === 'number';
    const line = lines[i];
    if (!ok || line === undefined || line === '') return EMPTY();
    entries.set(row[0], { row, line });
  }
  return { entries, shared, rollup: header.rollup };
}

function readIndex(file: string, kind: IndexKind, inputs: unknown): StoredIndex {
  try {
    return parseIndex(readFileSync(file, 'utf8'), kind, inputs);
  } catch {
    return EMPTY();
  }
}

/** Bring one index up to date with the session files; its items come back as unparsed lines. */
export async function refreshIndex(paths: Paths, kind: IndexKind): Promise<RawIndex> {
  const files = listSessionFiles(paths);
  if (files.length === 0) return { lines: [], shared: {}, rollup: kind.rollup?.([]), unreadable: [], refreshed: 0 };
  const target = indexFile(paths, kind);
  const inputs = await kind.inputs?.(paths);
  const stored = readIndex(target, kind, inputs);
  // Shared data is only ever added to: what fresh lines refer to is already in it.
  const shared = { ...stored.shared };
  const next: Entry[] = new Array<Entry>(files.length);
  const stale: number[] = [];
  files.forEach((f, i) => {
    const entry = stored.entries.get(f.name);
    if (entry && isFresh(entry.row, f)) next[i] = entry;
    else stale.push(i);
  });
  // Read the changed files a few at a time: quick on a first build, light on memory.
  let cursor = 0;
  const worker = async () => {
    while (cursor < stale.length) {
      const i = stale[cursor++];
      const f = i === undefined ? undefined : files[i];
      if (i === undefined || !f) break;
      try {
        const derived = await kind.derive(await loadSession(f.file), inputs);
        next[i] = { row: [f.name, f.size, f.mtimeMs], line: asciiJson(derived.item) };
        Object.assign(shared, derived.shared);
      } catch (err) {
        next[i] = { row: [f.name, f.size, f.mtimeMs, err instanceof Error ? err.message : String(err)], line: 'null' };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, stale.length) }, worker));

  const changed = stale.length > 0 || stored.entries.size !== files.length;
  const readable = next.filter((e) => e.row[3] === undefined).map((e) => e.line);
  const rollup = kind.rollup && (changed || stored.rollup === undefined) ? kind.rollup(readable) : stored.rollup;
  if (changed || rollup !== stored.rollup) {
    const header: Header = {
      format: FORMAT,
      kind: kind.name,
      version: kind.version,
      ...(inputs === undefined ? {} : { inputs }),
      files: next.map((e) => e.row),
      shared,
      ...(kind.rollup ? { rollup } : {}),
    };
    try {
      await writeFileAtomic(target, `${asciiJson(header)}\n${next.map((e) => e.line).join('\n')}\n`);
    } catch {
      // A read-only data folder still gets its answers; the index is only a cache.
    }
  }

  const lines: string[] = [];
  const unreadable: RawIndex['unreadable'] = [];
  next.forEach((e, i) => {
    const reason = e.row[3];
    if (reason !== undefined) unreadable.push({ file: files[i]?.file ?? e.row[0], reason });
    else lines.push(e.line);
  });
  return { lines, shared, rollup, unreadable, refreshed: stale.length };
}

export interface Indexed<T> {
  /** Newest first. */
  items: T[];
  shared: Record<string, unknown>;
  unreadable: RawIndex['unreadable'];
  refreshed: number;
}

function newestFirst<T extends { started: string; id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.started < b.started ? 1 : a.started > b.started ? -1 : a.id < b.id ? 1 : -1));
}

function parseSummaries(lines: readonly string[]): SessionSummary[] {
  // One parse of all lines is quicker than 10,000 small ones.
  return newestFirst(JSON.parse(`[${lines.join(',')}]`) as SessionSummary[]);
}

/** Every session's summary, newest first. */
export async function loadSummaries(paths: Paths): Promise<Indexed<SessionSummary>> {
  const raw = await refreshIndex(paths, SUMMARY_INDEX);
  return { items: parseSummaries(raw.lines), shared: raw.shared, unreadable: raw.unreadable, refreshed: raw.refreshed };
}

/**
 * The summaries that mention a session (its own, and those of the sessions
 * that reviewed its actions): all that its note needs, found without parsing
 * the rest. The id is plain ASCII, so it appears in a line exactly as written.
 */
export async function loadSummariesMentioning(paths: Paths, sessionId: string): Promise<SessionSummary[]> {
  const raw = await refreshIndex(paths, SUMMARY_INDEX);
  const needle = JSON.stringify(sessionId);
  return parseSummaries(raw.lines.filter((line) => line.includes(needle)));
}

/** The rollup (rollup.ts) of every session: what reps, history, stats and prep need, without the summaries. */
export async function loadRollup(paths: Paths): Promise<{ rollup: Rollup; unreadable: RawIndex['unreadable']; refreshed: number }> {
  const raw = await refreshIndex(paths, SUMMARY_INDEX);
  const r = raw.rollup as Partial<Rollup> | undefined;
  // A header that holds something else is not trusted: the rollup is worked out again.
  const ok = r && Array.isArray(r.rows) && typeof r.reps === 'object' && r.reps !== null && typeof r.titles === 'object' && r.titles !== null;
  return { rollup: ok ? (r as Rollup) : rollupOf(parseSummaries(raw.lines)), unreadable: raw.unreadable, refreshed: raw.refreshed };
}

/**
 * Every session's answers as text, newest first; `shared` holds each
 * playbook version's question texts (QuestionTexts) by SearchDoc.questions.
 * With `mightMatch`, a line (raw, escaped JSON) it rejects is skipped without
 * being parsed.
 */
export async function loadSearchDocs(paths: Paths, mightMatch?: (line: string) => boolean): Promise<Indexed<SearchDoc>> {
  const raw = await refreshIndex(paths, SEARCH_INDEX);
  const items: SearchDoc[] = [];
  for (const line of raw.lines) if (!mightMatch || mightMatch(line)) items.push(JSON.parse(line) as SearchDoc);
  return { items: newestFirst(items), shared: raw.shared, unreadable: raw.unreadable, refreshed: raw.refreshed };
}
