/**
 * The index: a cache of what the look-back commands need from each session
 * (summary.ts), so `reps`, `prep`, `history`, `stats` and `search` answer over
 * thousands of sessions without reading every journal.
 *
 * The session files stay the source of truth. The index records the size and
 * modification time of each file it summarised; on every use the session
 * folder is listed and stat'ed, and any file that is new or changed is read
 * again (through store.ts), any that is gone is dropped. A missing or
 * older-format index is simply rebuilt (as is one made with other rescue lists in
 * settings: the summaries' rescue figures depend on them); one that does not parse is first moved
 * to the quarantine folder (util/quarantine.ts), never overwritten. It is
 * written atomically, so a crash leaves the old index or the new one, never
 * half of one.
 *
 * With encryption on, both files are encrypted like a note (crypto/vault.ts):
 * they hold names, deals and answers. A plain index found while encryption is
 * on is written again encrypted; an encrypted one found while it is off is
 * rebuilt in plain text (turning encryption on or off converts them, see
 * upkeep/encryption.ts, so either only happens after a hand edit or a crash).
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
import { DecryptError, isEncryptedText } from '../crypto/envelope.ts';
import { sealerFor, type Sealer } from '../crypto/keyring.ts';
import { decodeDataText, encodeDataText } from '../crypto/vault.ts';
import { writeFileAtomic } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { quarantineFile, quarantineNotice } from '../util/quarantine.ts';
import { listSessionFiles, loadSession, SESSION_ID, type LoadedSession, type SessionFile } from '../store/store.ts';

interface Derived {
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
   * `inputs`: what the derivation reads besides the session file (from the
   * settings, given by the caller of useIndex), as plain JSON: kept in the
   * header, and an index made with other inputs is rebuilt.
   */
  derive(loaded: LoadedSession, inputs: unknown): Promise<Derived>;
  /**
   * Figures over all items, kept in the header and brought up to date whenever an
   * item changes: given `update` (the stored rollup, and the lines of the items
   * that changed, as they were and as they are), it may work out only what they
   * touch.
   */
  rollup?(lines: readonly string[], update?: RollupUpdate): unknown;
}

export interface RollupUpdate {
  previous: unknown;
  /** The stored lines of items changed or gone. */
  before: readonly string[];
  /** The lines of items changed or new. */
  after: readonly string[];
}

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
  /** What to tell the user (once) about an index file set aside (quarantineNotice). */
  notices: string[];
}

export function indexFile(paths: Paths, kind: IndexKind): string {
  return path.join(paths.data, kind.file);
}


/** Said after the quarantine notice of an index file. */
export const INDEX_REBUILT = 'It is only a cache of the session files: it is rebuilt from them, and nothing is lost.';

/** True when an entry still describes the file as it is on disk. */
export function isFresh(row: readonly [string, number, number, ...unknown[]] | undefined, file: Pick<SessionFile, 'size' | 'mtimeMs'>): boolean {
  return row !== undefined && row[1] === file.size && row[2] === file.mtimeMs;
}

/** A session file's size and modification time, as an index row records them. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** A session file encoded anew (encryption turned on or off): same entries, new bytes. */
export interface Restamp {
  before: FileStamp;
  after: FileStamp;
}

/**
 * An index's text with the rows of re-encoded session files (by file name)
 * given their new size and time, when they still describe the file as it was:
 * what the index says of them is still true, so it stays fresh. Text that is
 * not an index comes back as it is (it is set aside when next read).
 */
export function restampIndex(text: string, moved: ReadonlyMap<string, Restamp>): { text: string; rows: number } {
  const nl = text.indexOf('\n');
  if (nl === -1) return { text, rows: 0 };
  let header: Partial<Header>;
  try {
    header = JSON.parse(text.slice(0, nl)) as Partial<Header>;
  } catch {
    return { text, rows: 0 };
  }
  if (typeof header !== 'object' || header === null || header.format !== FORMAT || !Array.isArray(header.files)) return { text, rows: 0 };
  let rows = 0;
  header.files = header.files.map((row): FileRow => {
    const m = Array.isArray(row) && typeof row[0] === 'string' ? moved.get(row[0]) : undefined;
    if (!m || !isFresh(row, m.before)) return row;
    rows++;
    return row[3] === undefined ? [row[0], m.after.size, m.after.mtimeMs] : [row[0], m.after.size, m.after.mtimeMs, row[3]];
  });
  return rows === 0 ? { text, rows } : { text: asciiJson(header) + text.slice(nl), rows };
}

/** JSON with every non-ASCII character as a \u escape: still valid JSON, always ASCII text. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface StoredIndex {
  entries: Map<string, Entry>;
  shared: Record<string, unknown>;
  rollup: unknown;
  /** Why the text is not an index (it does not parse): set aside, never overwritten. */
  damage?: string;
}

const EMPTY = (): StoredIndex => ({ entries: new Map(), shared: {}, rollup: undefined });
const DAMAGED = (damage: string): StoredIndex => ({ ...EMPTY(), damage });

/** An item line as parsed: every summary and search document has these. */
export function isItem(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const item = v as { id?: unknown; started?: unknown; rep?: unknown };
  return typeof item.id === 'string' && typeof item.started === 'string' && typeof item.rep === 'object' && item.rep !== null;
}

/** A stored item line turned out not to parse (found lazily, when items are read). */
export class DamagedLineError extends Error {
  override name = 'DamagedLineError';
}

/**
 * The stored entries by file name; empty when the index is of another kind or
 * version (rebuilt), and with `damage` when it does not parse. Item lines are
 * parsed later, when needed; with `checkLines` every one is checked now.
 */
export function parseIndex(text: string, kind: IndexKind, opts: { checkLines?: boolean; inputs?: unknown } = {}): StoredIndex {
  if (text === '') return DAMAGED('it is empty');
  const nl = text.indexOf('\n');
  if (nl === -1) return DAMAGED('it has no line break after its header');
  let header: Partial<Header>;
  try {
    header = JSON.parse(text.slice(0, nl)) as Partial<Header>;
  } catch {
    return DAMAGED('its first line is not valid JSON');
  }
  if (typeof header !== 'object' || header === null || header.format !== FORMAT) return DAMAGED('it is not a repcoach index');
  if (header.kind !== kind.name) return DAMAGED(`it is an index of ${JSON.stringify(header.kind)}, not of ${kind.name}`);
  // Written by another version of repcoach: not damage, just rebuilt.
  if (header.version !== kind.version) return EMPTY();
  // Made with other settings (the rescue lists): not damage either, just rebuilt.
  if (JSON.stringify(header.inputs ?? null) !== JSON.stringify(opts.inputs ?? null)) return EMPTY();
  if (!Array.isArray(header.files)) return DAMAGED('its header has no list of files');
  const shared = typeof header.shared === 'object' && header.shared !== null && !Array.isArray(header.shared) ? header.shared : {};
  const lines = text.slice(nl + 1).split('\n');
  if (lines.length < header.files.length) return DAMAGED('it is cut off: it has fewer lines than its header lists files');
  const entries = new Map<string, Entry>();
  for (const [i, row] of header.files.entries()) {
    const ok = Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'number' && typeof row[2] === 'number';
    const line = lines[i];
    if (!ok) return DAMAGED(`file ${i + 1} in its header is not valid`);
    if (line === undefined || line === '' || (opts.checkLines && !validLine(line, row))) return DAMAGED(`line ${i + 2} is not valid`);
    entries.set(row[0], { row, line });
  }
  return { entries, shared, rollup: header.rollup };
}

function validLine(line: string, row: FileRow): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return row[3] === undefined ? isItem(v) : v === null;
  } catch {
    return false;
  }
}

interface ReadIndex {
  stored: StoredIndex;
  /** How the file was found: missing (or not a file), plain text, or encrypted. */
  form: 'none' | 'plain' | 'encrypted';
  /** The file's text as read: only that is set aside, if another process has replaced it since. */
  raw?: string;
}

/** The stored index, decrypted when it is encrypted and encryption is on. */
async function readIndex(file: string, kind: IndexKind, sealer: Sealer | undefined, checkLines: boolean, inputs: unknown): Promise<ReadIndex> {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    // Missing, or a folder in its place: nothing to set aside; the answers come from the session files.
    return { stored: EMPTY(), form: 'none' };
  }
  if (!isEncryptedText(raw)) return { stored: parseIndex(raw, kind, { checkLines, inputs }), form: 'plain', raw };
  // Encrypted while encryption is off: it is rebuilt in plain text, without asking for a passphrase to read a cache.
  if (!sealer) return { stored: EMPTY(), form: 'encrypted', raw };
  let text: string;
  try {
    text = await decodeDataText(raw, file);
  } catch (err) {
    // The passphrase was checked against encryption.json already: an index it does not open is under another key.
    if (err instanceof DecryptError) return { stored: DAMAGED(err.reason), form: 'encrypted', raw };
    throw err;
  }
  return { stored: parseIndex(text, kind, { checkLines, inputs }), form: 'encrypted', raw };
}

/**
 * Move a damaged index to quarantine. Returns whether the index may be written
 * again (false when it could not be moved: it must not be overwritten).
 */
async function setAside(paths: Paths, file: string, raw: string, reason: string, notices: string[]): Promise<boolean> {
  try {
    // Another process may have set it aside and rebuilt it already: leave its work alone.
    if (readFileSync(file, 'utf8') !== raw) return true;
    notices.push(quarantineNotice(await quarantineFile(paths, file, reason), INDEX_REBUILT));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    notices.push(`${file} could not be read (${reason}) and could not be moved aside (${(err as Error).message}); it was left as it is, and the answers come from the session files.`);
    return false;
  }
}

/**
 * Bring one index up to date with the session files, then `use` it. Item lines
 * are only parsed when used (by `use`, or by the kind's rollup): if one turns
 * out not to parse, the index is read again with every line checked, so the
 * damaged file is set aside and rebuilt. It is saved only once used, so the
 * damaged file is the one set aside, as it was.
 */
export async function useIndex<T>(
  paths: Paths,
  kind: IndexKind,
  use: (raw: RawIndex) => T,
  opts: { inputs?: unknown; reread?: ReadonlySet<string> | undefined } = {},
): Promise<{ raw: RawIndex; value: T }> {
  const notices: string[] = [];
  const { inputs, reread } = opts;
  try {
    const { raw, save } = await refresh(paths, kind, inputs, false, notices, reread);
    const value = use(raw);
    await save();
    return { raw, value };
  } catch (err) {
    if (!(err instanceof SyntaxError || err instanceof DamagedLineError)) throw err;
  }
  const { raw, save } = await refresh(paths, kind, inputs, true, notices);
  const value = use(raw);
  await save();
  return { raw, value };
}

/** The index brought up to date, and how to save it (when anything changed). */
async function refresh(paths: Paths, kind: IndexKind, inputs: unknown, checkLines: boolean, notices: string[], reread?: ReadonlySet<string>): Promise<{ raw: RawIndex; save: () => Promise<void> }> {
  const files = listSessionFiles(paths);
  const nothing = async () => {};
  if (files.length === 0) return { raw: { lines: [], shared: {}, rollup: kind.rollup?.([]), unreadable: [], refreshed: 0, notices }, save: nothing };
  const target = indexFile(paths, kind);
  const sealer = await sealerFor(paths);
  const found = await readIndex(target, kind, sealer, checkLines, inputs);
  let stored = found.stored;
  let writable = true;
  if (stored.damage !== undefined && found.raw !== undefined) {
    writable = await setAside(paths, target, found.raw, stored.damage, notices);
    stored = EMPTY();
  }
  // Shared data is only ever added to: what fresh lines refer to is already in it.
  const shared = { ...stored.shared };
  const next: Entry[] = new Array<Entry>(files.length);
  const stale: number[] = [];
  files.forEach((f, i) => {
    const entry = stored.entries.get(f.name);
    // A file not named by its id is read again each time, to see whether it is a copy of another (flagCopies).
    if (entry && isFresh(entry.row, f) && !reread?.has(f.name) && namedById(f)) next[i] = entry;
    else stale.push(i);
  });
  const idOf: Array<string | undefined> = new Array<string | undefined>(files.length);
  // Read the changed files a few at a time: quick on a first build, light on memory.
  let cursor = 0;
  const worker = async () => {
    while (cursor < stale.length) {
      const i = stale[cursor++];
      const f = i === undefined ? undefined : files[i];
      if (i === undefined || !f) break;
      try {
        const loaded = await loadSession(f.file);
        idOf[i] = loaded.id;
        const derived = await kind.derive(loaded, inputs);
        next[i] = { row: [f.name, f.size, f.mtimeMs], line: asciiJson(derived.item) };
        Object.assign(shared, derived.shared);
      } catch (err) {
        next[i] = { row: [f.name, f.size, f.mtimeMs, err instanceof Error ? err.message : String(err)], line: 'null' };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, stale.length) }, worker));
  flagCopies(files, stale, idOf, next);

  const changed = stale.length > 0 || stored.entries.size !== files.length;
  const readable = next.filter((e) => e.row[3] === undefined).map((e) => e.line);
  let rollup = stored.rollup;
  if (kind.rollup && (changed || stored.rollup === undefined)) {
    const lineOf = (e: Entry | undefined) => (e && e.row[3] === undefined ? [e.line] : []);
    const present = new Set(files.map((f) => f.name));
    const gone = [...stored.entries].filter(([name]) => !present.has(name)).map(([, e]) => e);
    const before = [...stale.map((i) => stored.entries.get(files[i]?.name ?? '')), ...gone].flatMap(lineOf);
    const after = stale.flatMap((i) => lineOf(next[i]));
    rollup = kind.rollup(readable, stored.rollup === undefined ? undefined : { previous: stored.rollup, before, after });
  }
  // A plain index while encryption is on must not stay in clear text (and the reverse is turned back into plain).
  const wrongForm = found.form !== 'none' && (found.form === 'encrypted') !== (sealer !== undefined);
  const save = async () => {
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
      await writeFileAtomic(target, encodeDataText(`${asciiJson(header)}\n${next.map((e) => e.line).join('\n')}\n`, sealer));
    } catch {
      // A read-only data folder still gets its answers; the index is only a cache.
    }
  };

  const lines: string[] = [];
  const unreadable: RawIndex['unreadable'] = [];
  next.forEach((e, i) => {
    const reason = e.row[3];
    if (reason !== undefined) unreadable.push({ file: files[i]?.file ?? e.row[0], reason });
    else lines.push(e.line);
  });
  const needed = writable && (changed || rollup !== stored.rollup || wrongForm);
  return { raw: { lines, shared, rollup, unreadable, refreshed: stale.length, notices }, save: needed ? save : nothing };
}

function namedById(f: SessionFile): boolean {
  return SESSION_ID.test(f.name.replace(/\.jsonl$/, ''));
}

/**
 * A journal copied under another name ("… (1).jsonl", a sync conflict) holds a
 * session that is already there: counted again, it would double the rep's
 * sessions and actions (issue 15). Such a copy is left out, with why, so every
 * command names it; the file itself is left alone. Its row is never fresh, so it
 * is looked at again once the original is gone.
 */
function flagCopies(files: readonly SessionFile[], stale: readonly number[], idOf: ReadonlyArray<string | undefined>, next: Entry[]): void {
  const byId = new Map<string, string>(files.filter(namedById).map((f) => [f.name.replace(/\.jsonl$/, ''), f.name]));
  for (const i of stale) {
    const f = files[i];
    const id = idOf[i];
    if (!f || id === undefined || namedById(f)) continue;
    const original = byId.get(id);
    if (original === undefined) {
      byId.set(id, f.name);
      continue;
    }
    next[i] = {
      row: [f.name, -1, -1, `it is a second copy of session ${id} (${original}) and is left out of every list and count; delete it, or move it aside if it differs`],
      line: 'null',
    };
  }
}

