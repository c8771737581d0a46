/**
 * One terminal per session: `<sessions>/<id>.lock` holds the pid, host name and
 * start time of the process that has the session open. It is created whole or
 * not at all (writeFileExclusive), so a second terminal either gets the lock or
 * sees who has it. A lock whose process is gone (on this computer), or that has
 * not been touched for STALE_MS (another computer sharing the folder), is taken
 * over; the takeover is guarded so two terminals cannot both take it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { pidAlive, processStartMs } from '../util/cleanup.ts';
import { tempPathFor, writeFileExclusive } from '../util/fs.ts';
import { clockTime, isoDate } from '../util/dates.ts';

/** What to do about a session another terminal has open, for a command that changes it. */
export const LOCKED_HINT = 'Finish or pause it in that terminal (Ctrl-C), then run this again. A terminal that is gone gives its lock up once its process has ended.';

export interface LockInfo {
  pid: number;
  host: string;
  /** When the lock was taken (ISO). */
  since: string;
  /** Random: tells this lock from a later one of the same process. */
  token: string;
  /** When the holder process started (ms, Linux): a pid reused by another process is told apart exactly. */
  started?: number | undefined;
}

export interface LockOptions {
  now?: () => Date;
  /** A lock untouched for this long is stale even if its pid seems alive. */
  staleMs?: number;
  isAlive?: (pid: number) => boolean;
  host?: string;
  pid?: number;
}

/** Long enough for any one-to-one left open at a prompt; the holder touches the lock on every answer. */
export const STALE_MS = 8 * 60 * 60 * 1000;
/** A lock file still being written (no link support) or a takeover guard older than this was abandoned. */
const WRITING_GRACE_MS = 30_000;

export function lockPathFor(journal: string): string {
  return journal.replace(/\.jsonl$/, '') + '.lock';
}

export class SessionLockedError extends UserError {
  override name = 'SessionLockedError';
  constructor(
    readonly sessionId: string,
    readonly holder: LockInfo | undefined,
    now: Date,
  ) {
    super(
      `Session ${sessionId} is open in another terminal${holder ? `: ${describeHolder(holder, now)}` : ''}.`,
      `Finish or pause it there (Ctrl-C), then run \`repcoach resume ${sessionId}\`. ` +
        'If that terminal is gone, its lock is taken over on the next try once the process has ended ' +
        `(from another computer, after ${STALE_MS / 3_600_000} hours without activity).`,
    );
  }
}

/** The lock was taken over (or removed) while this process held it. */
export class LockLostError extends UserError {
  override name = 'LockLostError';
  constructor(
    readonly sessionId: string,
    holder: LockInfo | undefined,
  ) {
    super(
      holder
        ? `Session ${sessionId} was taken over by another terminal (${describeHolder(holder, new Date())}); this terminal no longer writes to it.`
        : `The lock of session ${sessionId} is gone (its folder may have been moved or cleared); this terminal no longer writes to it.`,
    );
  }
}

function describeHolder(info: LockInfo, now: Date): string {
  const where = info.host === os.hostname() ? 'on this computer' : `on ${info.host}`;
  return `process ${info.pid} ${where}, since ${describeSince(info.since, now)}`;
}

function describeSince(iso: string, now: Date): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return 'an unknown time';
  const hm = clockTime(t);
  const sameDay = t.toDateString() === now.toDateString();
  const mins = Math.max(0, Math.round((now.getTime() - t.getTime()) / 60_000));
  const ago = mins < 1 ? 'just now' : mins < 120 ? `${mins} min ago` : `${Math.round(mins / 60)} h ago`;
  return `${sameDay ? hm : `${isoDate(t)} ${hm}`} (${ago})`;
}

interface CurrentLock {
  raw: string;
  info: LockInfo | undefined;
  mtimeMs: number;
}

async function readCurrent(file: string): Promise<CurrentLock | undefined> {
  try {
    const [raw, st] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { raw, info: parseLock(raw), mtimeMs: st.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseLock(raw: string): LockInfo | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.since === 'string' && typeof v.token === 'string') {
      return { pid: v.pid, host: v.host, since: v.since, token: v.token, ...(typeof v.started === 'number' ? { started: v.started } : {}) };
    }
  } catch {
    // not JSON: a lock still being written, or damaged
  }
  return undefined;
}

/** Who holds the session's lock now, if anyone (for messages and tests). */
export async function readLock(journal: string): Promise<LockInfo | undefined> {
  return (await readCurrent(lockPathFor(journal)))?.info;
}

export function isStale(current: { info: LockInfo | undefined; mtimeMs: number }, opts: LockOptions = {}): boolean {
  const now = (opts.now ?? (() => new Date()))().getTime();
  const host = opts.host ?? os.hostname();
  const alive = opts.isAlive ?? pidAlive;
  const staleMs = opts.staleMs ?? STALE_MS;
  const { info } = current;
  if (!info) return now - current.mtimeMs > WRITING_GRACE_MS;
  if (info.host === host && !alive(info.pid)) return true;
  // The pid is alive but belongs to another process now (pids are reused, quickly under load): the holder
  // is gone. The lock says when its holder started; an older lock only when it was taken.
  const started = info.host === host && !opts.isAlive ? processStartMs(info.pid) : undefined;
  if (started !== undefined && typeof info.started === 'number' && Math.abs(started - info.started) > 10) return true;
  if (started !== undefined && started > Date.parse(info.since) + 2000) return true;
  const last = Math.max(Date.parse(info.since) || 0, current.mtimeMs);
  return now - last > staleMs;
}

export interface SessionLock {
  readonly file: string;
  readonly info: LockInfo;
  /** Throws LockLostError unless this process still holds the lock; refreshes it. */
  verify(): Promise<void>;
  release(): Promise<void>;
}

/** Locks held by this process, released on a normal exit even if a caller forgot. */
const held = new Map<string, string>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [file, token] of held) {
      try {
        if (parseLock(readFileSync(file, 'utf8'))?.token === token) unlinkSync(file);
      } catch {
        // already gone
      }
    }
  });
}

/**
 * Take the lock of the session whose journal is `journal`, or throw
 * SessionLockedError naming the process that has it.
 */
export async function acquireLock(journal: string, opts: LockOptions = {}): Promise<SessionLock> {
  const file = lockPathFor(journal);
  const id = path.basename(journal).replace(/\.jsonl$/, '');
  const now = opts.now ?? (() => new Date());
  const info: LockInfo = {
    pid: opts.pid ?? process.pid,
    host: opts.host ?? os.hostname(),
    since: now().toISOString(),
    token: randomBytes(8).toString('hex'),
    ...(opts.pid === undefined ? { started: processStartMs(process.pid) } : {}),
  };
  const raw = JSON.stringify(info) + '\n';
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await writeFileExclusive(file, raw);
      installExitHook();
      held.set(file, info.token);
      return handle(file, id, info);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = await readCurrent(file);
    if (!current) continue;
    if (!isStale(current, opts)) throw new SessionLockedError(id, current.info, now());
    await breakStaleLock(file, current.raw);
  }
  throw new SessionLockedError(id, (await readCurrent(file))?.info, now());
}

/**
 * Remove the stale lock whose content is `staleRaw`, and only that one. A guard
 * file named after that content lets one taker do it; the lock is then moved
 * aside and checked, so a fresh lock that replaced it in between is put back.
 *
 * The guard stays after a successful break (released with the next lock, or
 * cleared after a grace period): a slower taker who judged the same content
 * stale must not get the guard again and move the winner's fresh lock aside,
 * which would let a third process in while it is away (two winners).
 */
export async function breakStaleLock(file: string, staleRaw: string): Promise<void> {
  const guard = `${file}.break-${createHash('sha256').update(staleRaw).digest('hex').slice(0, 16)}`;
  try {
    await writeFileExclusive(guard, `${process.pid}\n`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another terminal is taking it over; a guard left by a taker that died is cleared after a grace period.
    const st = await fs.stat(guard).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > WRITING_GRACE_MS) await fs.rm(guard, { force: true });
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    return;
  }
  const moved = tempPathFor(file);
  try {
    await fs.rename(file, moved);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    await fs.rm(guard, { force: true });
    throw err;
  }
  const content = await fs.readFile(moved, 'utf8');
  if (content !== staleRaw) {
    // Not the lock we judged stale: someone took the session meanwhile. Put theirs back.
    await fs.link(moved, file).catch(() => undefined);
  }
  await fs.rm(moved, { force: true });
}

/** Guards of broken stale locks (see breakStaleLock), removed once a lock of this session is released. */
async function removeGuards(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.break-`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => fs.rm(path.join(dir, n), { force: true })));
}

function handle(file: string, id: string, info: LockInfo): SessionLock {
  let released = false;
  return {
    file,
    info,
    async verify() {
      const current = await readCurrent(file);
      if (released || current?.info?.token !== info.token) throw new LockLostError(id, current?.info);
      // Touch it: the lock's age is measured from the last sign of life.
      const t = new Date();
      await fs.utimes(file, t, t).catch(() => undefined);
    },
    async release() {
      if (released) return;
      released = true;
      held.delete(file);
      const current = await readCurrent(file).catch(() => undefined);
      if (current?.info?.token === info.token) {
        await removeGuards(file);
        await fs.rm(file, { force: true });
      }
    },
  };
}
