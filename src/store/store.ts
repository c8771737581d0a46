/**
 * Sessions on disk: `<data>/sessions/<id>.jsonl`, one journal per session.
 * The journal files are the source of truth; everything else is derived.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DecryptError, isEncryptedText } from '../crypto/envelope.ts';
import { sealerFor, type Sealer } from '../crypto/keyring.ts';
import { encodeJournal, JournalEncoder, readJournalText } from '../crypto/vault.ts';
import { UserError } from '../util/errors.ts';
import { appendDurable, ensureDir, isInside, syncDir, writeFileAtomic, writeFileExclusive } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { clockTime, isoDate } from '../util/dates.ts';
import { quarantineCopy, quarantineFile, quarantineNotice } from '../util/quarantine.ts';
import { foldJournal, parseJournal, salvageJournal, serializeEntry, type JournalEntry, type SessionState, type StartEntry } from '../model/journal.ts';
import { acquireLock, isStale, lockPathFor, readLock, SessionLockedError, type SessionLock } from './lock.ts';

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `20261123-0945-k7qd`: sortable by start time, short enough to type. */
export function newSessionId(now: Date, random: () => Uint8Array = () => randomBytes(4)): string {
  const stamp = `${isoDate(now).replaceAll('-', '')}-${clockTime(now).replace(':', '')}`;
  const suffix = [...random()].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  return `${stamp}-${suffix}`;
}

export const SESSION_ID = /^\d{8}-\d{4}-[a-z0-9]{4}$/;

/** The journal a summary or a rollup row stands for: `<id>.jsonl`, or the file it names (SessionSummary.file). */
export function journalOf(paths: Paths, s: { id: string; file?: string | undefined }): string {
  return path.join(paths.sessions, path.basename(s.file ?? `${s.id}.jsonl`));
}

/**
 * A note's path as a journal keeps it (issue 15): relative to the journal's folder
 * when the note is in the same data folder (`../notes/sam-lee/….md`), so a copied
 * or moved home points at its own notes, never at the original's; absolute when
 * the notes folder is elsewhere (a vault), which a move leaves where it is.
 */
export function notePathToStore(journal: string, note: string): string {
  const data = path.dirname(path.dirname(path.resolve(journal)));
  if (!isInside(data, path.resolve(note)) || path.resolve(note) === data) return path.resolve(note);
  return path.relative(path.dirname(path.resolve(journal)), path.resolve(note));
}

/** The note's path from what a journal keeps: a relative one is relative to the journal's folder. */
export function notePathFromStore(journal: string, stored: string): string {
  return path.resolve(path.dirname(path.resolve(journal)), stored);
}

/**
 * Sessions are written only into a folder others cannot write to (issue 15): in
 * one they can (a `sessions` link to /tmp, a folder made 0777 by hand), anyone
 * could replace a journal or read what is added to it.
 */
async function checkPrivateFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const st = await fs.stat(dir);
  if ((st.mode & 0o022) === 0) return;
  const real = await fs.realpath(dir).catch(() => dir);
  const where = real === path.resolve(dir) ? dir : `${dir} (a link to ${real})`;
  throw new UserError(
    `The sessions folder ${where} can be written by other users (mode ${(st.mode & 0o777).toString(8)}); no session is started in it.`,
    real === path.resolve(dir) ? `Make it yours alone: chmod 700 '${dir}'` : `Point the link at a folder of your own, or make that folder yours alone: chmod 700 '${real}'`,
  );
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function cutBackTo(file: string, size: number): void {
  try {
    if (statSync(file).size > size) truncateSync(file, size);
  } catch {
    // gone or unwritable: the reader stops at the last whole entry anyway (a torn tail)
  }
}

export function sessionFile(paths: Paths, id: string): string {
  if (!SESSION_ID.test(id)) throw new UserError(`"${id}" is not a session id.`, 'Run `repcoach sessions` to see the ids.');
  return path.join(paths.sessions, `${id}.jsonl`);
}

/**
 * An open session: every append is on disk when its promise resolves. Opened
 * with createSession or openSession it holds the session's lock (see lock.ts):
 * each append first checks the lock is still this process's, and close()
 * releases it.
 */
export class SessionHandle {
  private readonly lock: SessionLock | undefined;
  private readonly encoder: JournalEncoder;
  /** After a failed append the file may end in a partial line: nothing more is written to it. */
  private failure: unknown;

  constructor(
    readonly id: string,
    readonly file: string,
    opts: { lock?: SessionLock; encoder?: JournalEncoder } = {},
  ) {
    this.lock = opts.lock;
    this.encoder = opts.encoder ?? new JournalEncoder(file);
  }

  async append(entry: JournalEntry): Promise<void> {
    if (this.failure) throw this.failure;
    await this.lock?.verify();
    const data = await this.encoder.encode(serializeEntry(entry));
    const before = sizeOf(this.file);
    try {
      // No create: if the journal was moved away, fail rather than start a journal with no start entry.
      await appendDurable(this.file, data, { create: false });
    } catch (err) {
      this.failure = err;
      // A full disk may have taken part of the line: cut it off, so the file ends with its last whole entry.
      if (before !== undefined) cutBackTo(this.file, before);
      throw err;
    }
    await this.encoder.commit();
  }

  /** How this journal is encrypted (undefined: plain text); its note is written the same way. */
  sealer(): Promise<Sealer | undefined> {
    return this.encoder.sealer();
  }

  /** Release the session's lock (if this handle holds it). */
  async close(): Promise<void> {
    await this.lock?.release();
  }
}

/** A new session, locked by this process (close the handle to release it), encrypted when encryption is on. */
export async function createSession(paths: Paths, start: Omit<StartEntry, 'id' | 'type' | 'v'>, now: Date): Promise<SessionHandle> {
  await ensureDir(paths.sessions);
  await checkPrivateFolder(paths.sessions);
  const sealer = await sealerFor(paths);
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = newSessionId(now);
    const file = sessionFile(paths, id);
    const entry: StartEntry = { type: 'start', v: 1, id, ...start };
    let lock: SessionLock;
    try {
      lock = await acquireLock(file);
    } catch (err) {
      if (err instanceof SessionLockedError) continue;
      throw err;
    }
    const content = encodeJournal([serializeEntry(entry)], sealer);
    try {
      // Never reuse an existing session's file, and never show a reader a half-written one.
      await writeFileExclusive(file, content);
    } catch (err) {
      await lock.release();
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    const encoder = new JournalEncoder(file, sealer ? { sealer, headerLine: content.slice(0, content.indexOf('\n')), records: 1 } : 'plain');
    return new SessionHandle(id, file, { lock, encoder });
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
  /** With damage: bytes of the file that hold the complete entries (what a torn-tail repair keeps). */
  goodBytes?: number;
}

export class CorruptSessionError extends UserError {
  override name = 'CorruptSessionError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`The session file ${file} cannot be read: ${reason}.`, 'Move it aside (or restore it from a backup); other sessions are unaffected.');
  }
}

/**
 * Read a session (decrypting it if it is encrypted). Complete entries before
 * any damage are kept and the damage reported; a file with no readable start
 * is a CorruptSessionError. A wrong or missing passphrase is thrown as is.
 */
export async function loadSession(file: string): Promise<LoadedSession> {
  let journal;
  try {
    journal = await readJournalText(file);
  } catch (err) {
    if (err instanceof DecryptError && err.problem !== 'passphrase') throw new CorruptSessionError(file, err.message.replace(file, 'it').replace(/\.$/, ''));
    throw err;
  }
  const read = parseJournal(journal.text);
  const damage = read.damage ?? journal.damage;
  if (read.entries.length === 0) throw new CorruptSessionError(file, damage?.reason ?? 'it is empty');
  const state = foldJournal(read.entries);
  if (state.notePath) state.notePath = notePathFromStore(file, state.notePath);
  // The file name is the id (locks and notes derive paths from it), whatever a hand edit put in the start entry.
  const base = path.basename(file).replace(/\.jsonl$/, '');
  const id = SESSION_ID.test(base) ? base : state.start.id;
  if (!SESSION_ID.test(id)) throw new CorruptSessionError(file, `its session id ${JSON.stringify(id)} is not valid`);
  if (!damage) return { id, file, state, entries: read.entries };
  // Only a damaged journal needs to know where its good part ends (for a torn-tail repair).
  const goodLines = journal.text.slice(0, read.goodLength).split('\n').length - 1;
  return { id, file, state, entries: read.entries, damage, goodBytes: journal.rawLength(goodLines) };
}

/**
 * Before appending to a journal whose last write was cut off by a crash, drop
 * the torn tail so the next entry starts on a line of its own. Only the cut-off
 * line goes; call it with the session's lock held (openSession does).
 */
async function repairTornTail(loaded: LoadedSession): Promise<void> {
  if (!loaded.damage?.tornTail) return;
  const goodBytes = loaded.goodBytes ?? (await loadSession(loaded.file)).goodBytes;
  if (goodBytes === undefined) return;
  const bytes = await fs.readFile(loaded.file);
  await writeFileAtomic(loaded.file, bytes.subarray(0, goodBytes));
}

/** A session file damaged beyond a cut-off last entry: moved aside, with how to recover it. */
export class DamagedSessionError extends UserError {
  override name = 'DamagedSessionError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Open a session to continue it: take its lock (SessionLockedError names the
 * terminal that has it), repair a torn tail, load it. A session damaged beyond
 * that is moved to quarantine (DamagedSessionError). Close the handle when done.
 */
export async function openSession(paths: Paths, file: string): Promise<{ session: SessionHandle; loaded: LoadedSession; notice?: string | undefined }> {
  const lock = await acquireLock(file);
  try {
    let loaded: LoadedSession;
    try {
      loaded = await loadSession(file);
      if (loaded.damage?.tornTail) {
        await repairTornTail(loaded);
        loaded = await loadSession(file);
      }
    } catch (err) {
      if (err instanceof CorruptSessionError) throw new DamagedSessionError(file, quarantineNotice(await quarantineFile(paths, file, err.reason)));
      throw err;
    }
    let notice: string | undefined;
    if (loaded.damage) {
      const saved = await salvageSession(paths, file, loaded);
      if (!saved) {
        const q = await quarantineFile(paths, file, damageReason(loaded));
        throw new DamagedSessionError(file, quarantineNotice(q, keptHint(loaded)));
      }
      ({ loaded, notice } = saved);
    }
    return { session: new SessionHandle(loaded.id, file, { lock }), loaded, ...(notice ? { notice } : {}) };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

function damageReason(s: LoadedSession): string {
  return s.damage ? `damaged at line ${s.damage.line}: ${s.damage.reason}` : 'damaged';
}

function keptHint(s: LoadedSession): string {
  const n = s.entries.length;
  return `The ${n} ${n === 1 ? 'entry' : 'entries'} before line ${s.damage?.line ?? '?'} are intact: fix or delete that line and what follows, then move the file back.`;
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
 * them: enough for the index (lookback/queries.ts) to tell which ones changed.
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
  /** Files that could not be read, with why: shown, never fatal. `quarantined`: where a damaged file was moved. */
  unreadable: Array<{ file: string; reason: string; quarantined?: string }>;
  /** Damaged sessions saved in place (salvageSession), with what was left out. */
  notices?: string[];
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
    const seen = await examineSession(paths, path.join(paths.sessions, name));
    if ('loaded' in seen) {
      out.sessions.push(seen.loaded);
      if (seen.notice) (out.notices ??= []).push(seen.notice);
    } else out.unreadable.push(seen.unreadable);
  }
  return out;
}

/**
 * One session file, read as `sessions` lists it: a damaged one (beyond a torn
 * last line) is set aside to quarantine and reported; one that cannot be read
 * for another reason is reported and left alone.
 */
export async function examineSession(
  paths: Paths,
  file: string,
): Promise<{ loaded: LoadedSession; notice?: string | undefined } | { unreadable: SessionListing['unreadable'][number] }> {
  let loaded: LoadedSession;
  try {
    loaded = await loadSession(file);
  } catch (err) {
    // A passphrase problem is about every encrypted file, not this one: stop.
    if (!(err instanceof CorruptSessionError) && err instanceof UserError) throw err;
    if (err instanceof CorruptSessionError) return { unreadable: await setAside(paths, file, err.reason) };
    return { unreadable: { file, reason: err instanceof Error ? err.message : String(err) } };
  }
  if (loaded.damage && !loaded.damage.tornTail) {
    // Salvaged in place when it can be, under the session's lock: another terminal may be writing it.
    const lock = await acquireLock(file).catch(() => undefined);
    if (lock) {
      try {
        const saved = await salvageSession(paths, file, loaded);
        if (saved) return { loaded: saved.loaded, notice: saved.notice };
      } finally {
        await lock.release();
      }
    }
    return { unreadable: await setAside(paths, file, damageReason(loaded), keptHint(loaded)) };
  }
  return { loaded };
}

/**
 * A journal damaged in the middle (issue 15): its readable entries are kept in
 * place, so the session and its commitments live on, and the file as it was is
 * copied to quarantine. Undefined when nothing can be saved (no readable start,
 * or the encryption itself is damaged): then the whole file is set aside, as before.
 * Call it with the session's lock held.
 */
async function salvageSession(paths: Paths, file: string, loaded: LoadedSession): Promise<{ loaded: LoadedSession; notice: string } | undefined> {
  const journal = await readJournalText(file);
  if (journal.damage) return undefined;
  const saved = salvageJournal(journal.text);
  if (!saved) return undefined;
  const q = await quarantineCopy(paths, file, damageReason(loaded));
  const sealer = isEncryptedText(readFileSync(file, 'utf8').slice(0, 64)) ? await sealerFor(paths) : undefined;
  await writeFileAtomic(file, encodeJournal(saved.lines, sealer), { keepMode: true });
  const n = saved.dropped.length;
  const notice =
    `${file} was damaged (${damageReason(loaded)}): ${n === 1 ? `line ${saved.dropped[0]} was` : `lines ${saved.dropped.join(', ')} were`} left out and the other ${saved.lines.length} entries kept. ` +
    `The file as it was is in ${q.to}.`;
  return { loaded: await loadSession(file), notice };
}

/** Move a damaged session to quarantine, unless a live terminal has it open (then leave it and say so). */
async function setAside(paths: Paths, file: string, reason: string, after?: string): Promise<SessionListing['unreadable'][number]> {
  const holder = await readLock(file).catch(() => undefined);
  if (holder) {
    const st = await fs.stat(lockPathFor(file)).catch(() => undefined);
    if (st && !isStale({ info: holder, mtimeMs: st.mtimeMs })) {
      return { file, reason: `${file} could not be read (${reason}); it is open in another terminal, so it was left in place.` };
    }
  }
  try {
    const q = await quarantineFile(paths, file, reason);
    return { file, reason: quarantineNotice(q, after), quarantined: q.to };
  } catch (err) {
    return { file, reason: `${file} could not be read (${reason}) and could not be moved aside: ${(err as Error).message}` };
  }
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
  let files = ref === '' ? [] : listSessionFiles(paths).filter((f) => f.name.startsWith(ref));
  // A copy beside its original ("<id> (1).jsonl") is the same session: the original is meant.
  const named = files.filter((f) => SESSION_ID.test(f.name.replace(/\.jsonl$/, '')));
  if (named.length > 0 && files.every((f) => named.some((n) => f.name.startsWith(n.name.replace(/\.jsonl$/, ''))))) files = named;
  if (files.length === 1 && files[0]) return loadSession(files[0].file);
  if (files.length > 1) {
    const ids = files.map((f) => f.name.replace(/\.jsonl$/, ''));
    const shown = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ');
    throw new UserError(`"${ref}" matches ${ids.length} sessions: ${shown}.`, 'Give more of the id.');
  }
  throw new UserError(`No session "${ref}".`, 'Run `repcoach sessions` to see the ids.');
}

/**
 * Replace a journal's entries (a rep renamed, a note moved: reps rename/merge)
 * so a reader sees the old file or the new one, never half of one: the new
 * form goes to a temp file beside it, fsynced, with the old file's permissions,
 * then renamed over it. An encrypted journal stays encrypted under the same key.
 * Call it with the session's lock held; the entries are read again here, so an
 * answer appended since the caller looked is kept. `change` returns the new
 * entries, or undefined when there is nothing to change. A torn last line (a
 * crash) is dropped, as resume would; a journal damaged beyond that is left alone.
 */
export async function rewriteJournal(file: string, change: (entries: readonly JournalEntry[]) => JournalEntry[] | undefined): Promise<boolean> {
  const loaded = await loadSession(file);
  if (loaded.damage && !loaded.damage.tornTail) throw new CorruptSessionError(file, damageReason(loaded));
  const next = change(loaded.entries);
  if (!next) return false;
  const { sealer } = await readJournalText(file);
  await writeFileAtomic(file, encodeJournal(next.map(serializeEntry), sealer), { keepMode: true });
  return true;
}

/**
 * Remove a session's journal for good (discard, delete), with its lock held:
 * the lock file goes when the lock is released.
 */
export async function removeJournal(file: string): Promise<void> {
  await fs.rm(file, { force: true });
  await syncDir(path.dirname(file));
}
