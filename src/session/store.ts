/**
 * Sessions on disk: `<data>/sessions/<id>.jsonl`, one journal per session.
 * The journal files are the source of truth; everything else is derived.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { appendDurable, ensureDir, writeFileAtomic } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { foldJournal, parseJournal, serializeEntry, type JournalEntry, type SessionState, type StartEntry } from './journal.ts';

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `20261123-0945-k7qd`: sortable by start time, short enough to type. */
export function newSessionId(now: Date, random: () => Uint8Array = () => randomBytes(4)): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
  const suffix = [...random()].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  return `${stamp}-${suffix}`;
}

export const SESSION_ID = /^\d{8}-\d{4}-[a-z0-9]{4}$/;

export function sessionFile(paths: Paths, id: string): string {
  if (!SESSION_ID.test(id)) throw new UserError(`"${id}" is not a session id.`, 'Run `repcoach sessions` to see the ids.');
  return path.join(paths.sessions, `${id}.jsonl`);
}

/** An open session: every append is on disk when its promise resolves. */
export class SessionHandle {
  constructor(
    readonly id: string,
    readonly file: string,
  ) {}

  async append(entry: JournalEntry): Promise<void> {
    await appendDurable(this.file, serializeEntry(entry));
  }
}

export async function createSession(paths: Paths, start: Omit<StartEntry, 'id' | 'type' | 'v'>, now: Date): Promise<SessionHandle> {
  await ensureDir(paths.sessions);
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = newSessionId(now);
    const file = sessionFile(paths, id);
    const entry: StartEntry = { type: 'start', v: 1, id, ...start };
    try {
      // 'wx': never reuse an existing session's file.
      await fs.writeFile(file, serializeEntry(entry), { flag: 'wx', mode: 0o600 });
      const handle = await fs.open(file, 'r');
      await handle.sync();
      await handle.close();
      return new SessionHandle(id, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error('could not find a free session id');
}

export interface LoadedSession {
  id: string;
  file: string;
  state: SessionState;
  entries: JournalEntry[];
  /** Set when the journal had a damaged line; entries before it were kept. */
  damage?: { line: number; reason: string; tornTail: boolean };
}

export class CorruptSessionError extends UserError {
  override name = 'CorruptSessionError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`The session file ${file} cannot be read: ${reason}.`, 'Move it aside (or restore it from a backup); other sessions are unaffected.');
  }
}

export async function loadSession(file: string): Promise<LoadedSession> {
  // Read in one blocking call: a journal is small, and the index and export read thousands.
  const text = readFileSync(file, 'utf8');
  const read = parseJournal(text);
  if (read.entries.length === 0) throw new CorruptSessionError(file, read.damage?.reason ?? 'it is empty');
  const state = foldJournal(read.entries);
  const id = state.start.id;
  return { id, file, state, entries: read.entries, ...(read.damage ? { damage: read.damage } : {}) };
}

/**
 * Before appending to a journal whose last write was cut off by a crash, drop
 * the torn tail so the next entry starts on a line of its own.
 */
export async function repairTornTail(loaded: LoadedSession): Promise<void> {
  if (!loaded.damage?.tornTail) return;
  const text = await fs.readFile(loaded.file, 'utf8');
  const { goodLength } = parseJournal(text);
  await writeFileAtomic(loaded.file, text.slice(0, goodLength));
}

export interface SessionFile {
  /** `<id>.jsonl` */
  name: string;
  file: string;
  size: number;
  mtimeMs: number;
}

/**
 * The session files with their size and modification time, without reading
 * them: enough for the index (session/index.ts) to tell which ones changed.
 * Stat'ed in a plain loop: 10,000 files take ~80 ms this way, ~300 ms as promises.
 */
export function listSessionFiles(paths: Paths): SessionFile[] {
  let names: string[];
  try {
    names = readdirSync(paths.sessions);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: SessionFile[] = [];
  const dir = paths.sessions + path.sep;
  for (const name of names) {
    if (!name.endsWith('.jsonl')) continue;
    // Plain concatenation: the folder is already resolved and a name has no separators.
    const file = dir + name;
    // Gone between readdir and stat: it is simply not there.
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isFile()) out.push({ name, file, size: st.size, mtimeMs: st.mtimeMs });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface SessionListing {
  sessions: LoadedSession[];
  /** Files that could not be read, with why: shown, never fatal. */
  unreadable: Array<{ file: string; reason: string }>;
}

/** Every session, newest first. */
export async function listSessions(paths: Paths): Promise<SessionListing> {
  let names: string[];
  try {
    names = await fs.readdir(paths.sessions);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], unreadable: [] };
    throw err;
  }
  const out: SessionListing = { sessions: [], unreadable: [] };
  for (const name of names.filter((n) => n.endsWith('.jsonl')).sort().reverse()) {
    const file = path.join(paths.sessions, name);
    try {
      out.sessions.push(await loadSession(file));
    } catch (err) {
      out.unreadable.push({ file, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** A session by id or unique id prefix. */
export async function findSession(paths: Paths, ref: string): Promise<LoadedSession> {
  if (SESSION_ID.test(ref)) {
    try {
      return await loadSession(sessionFile(paths, ref));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  // By file name first: a prefix never needs every session read.
  const files = ref === '' ? [] : listSessionFiles(paths).filter((f) => f.name.startsWith(ref));
  if (files.length === 1 && files[0]) return loadSession(files[0].file);
  if (files.length > 1) {
    const ids = files.map((f) => f.name.replace(/\.jsonl$/, ''));
    const shown = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ');
    throw new UserError(`"${ref}" matches ${ids.length} sessions: ${shown}.`, 'Give more of the id.');
  }
  throw new UserError(`No session "${ref}".`, 'Run `repcoach sessions` to see the ids.');
}
