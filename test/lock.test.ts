/** Session locks: one terminal per session, stale locks taken over safely (src/store/lock.ts). */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMP_MARKER } from '../src/util/fs.ts';
import { acquireLock, breakStaleLock, isStale, LockLostError, lockPathFor, readLock, SessionLockedError, STALE_MS } from '../src/store/lock.ts';
import { processStartMs } from '../src/util/cleanup.ts';
import { tempDir } from './helpers.ts';

const journalIn = (dir: string) => path.join(dir, '20261123-0945-k7qd.jsonl');
const writeLock = (journal: string, info: object) => writeFileSync(lockPathFor(journal), JSON.stringify(info) + '\n');

describe('acquireLock', () => {
  it('writes pid, host and start time, readable by the owner only, and refuses a second taker', async () => {
    const journal = journalIn(tempDir());
    // The injected clock, a little ahead of the real one: a lock taken before its holder process
    // started would read as a reused pid (isStale), so a fixed date goes stale once the day comes.
    const now = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    const lock = await acquireLock(journal, { now: () => now });
    const info = await readLock(journal);
    expect(info).toMatchObject({ pid: process.pid, host: os.hostname(), since: now.toISOString() });
    expect(statSync(lockPathFor(journal)).mode & 0o777).toBe(0o600);
    const second = acquireLock(journal, { now: () => now });
    await expect(second).rejects.toBeInstanceOf(SessionLockedError);
    await expect(second).rejects.toThrow(`process ${process.pid} on this computer, since`);
    await lock.release();
    expect(existsSync(lockPathFor(journal))).toBe(false);
    const again = await acquireLock(journal);
    await again.release();
  });

  it('takes over a lock whose process is gone', async () => {
    const journal = journalIn(tempDir());
    writeLock(journal, { pid: 999_999_999, host: os.hostname(), since: new Date().toISOString(), token: 'dead' });
    const lock = await acquireLock(journal, { isAlive: () => false });
    expect((await readLock(journal))?.pid).toBe(process.pid);
    await lock.release();
  });

  it('keeps a fresh lock from another computer, takes it over once stale', async () => {
    const journal = journalIn(tempDir());
    const since = new Date('2026-11-23T09:00:00Z');
    writeLock(journal, { pid: 1234, host: 'other-laptop', since: since.toISOString(), token: 'remote' });
    const old = new Date(since.getTime() - 1000);
    await fs.utimes(lockPathFor(journal), old, old);
    const soon = () => new Date(since.getTime() + 60_000);
    await expect(acquireLock(journal, { now: soon })).rejects.toThrow(/process 1234 on other-laptop/);
    const later = () => new Date(since.getTime() + STALE_MS + 60_000);
    const lock = await acquireLock(journal, { now: later });
    expect((await readLock(journal))?.host).toBe(os.hostname());
    await lock.release();
  });

  it.skipIf(!existsSync('/proc/self/stat'))('takes over a lock whose pid now belongs to a process started after it was taken', async () => {
    const journal = journalIn(tempDir());
    // This very process is alive, but it started after this lock was written: the pid was reused.
    writeLock(journal, { pid: process.pid, host: os.hostname(), since: new Date(Date.now() - 3_600_000).toISOString(), token: 'before-reboot' });
    const lock = await acquireLock(journal);
    expect((await readLock(journal))?.token).toBe(lock.info.token);
    await lock.release();
    writeLock(journal, { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'mine' });
    await expect(acquireLock(journal)).rejects.toBeInstanceOf(SessionLockedError);
  });

  it.skipIf(!existsSync('/proc/self/stat'))('tells a pid reused a moment later from its holder by the start time the lock records', async () => {
    const journal = journalIn(tempDir());
    const mine = processStartMs(process.pid);
    // Taken just now by a process that started a second before this one: the pid was reused at once.
    writeLock(journal, { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'gone', started: (mine ?? 0) - 1000 });
    const lock = await acquireLock(journal);
    expect(lock.info.started).toBe(mine);
    await lock.release();
    // The same process, as recorded: held.
    writeLock(journal, { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'mine', started: mine });
    await expect(acquireLock(journal)).rejects.toBeInstanceOf(SessionLockedError);
  });

  it('treats a lock still being written as held, and an old unreadable one as stale', () => {
    const now = new Date('2026-11-23T09:45:00Z');
    expect(isStale({ info: undefined, mtimeMs: now.getTime() - 1000 }, { now: () => now })).toBe(false);
    expect(isStale({ info: undefined, mtimeMs: now.getTime() - 120_000 }, { now: () => now })).toBe(true);
  });

  it('a live pid on this computer holds the lock however old it is, until the stale limit', () => {
    const now = new Date('2026-11-23T09:45:00Z');
    const info = { pid: 42, host: 'here', since: '2026-11-23T09:00:00.000Z', token: 't' };
    const opts = { now: () => now, host: 'here', isAlive: () => true };
    expect(isStale({ info, mtimeMs: Date.parse(info.since) }, opts)).toBe(false);
    expect(isStale({ info, mtimeMs: Date.parse(info.since) }, { ...opts, isAlive: () => false })).toBe(true);
    expect(isStale({ info, mtimeMs: Date.parse(info.since) }, { ...opts, now: () => new Date(now.getTime() + STALE_MS) })).toBe(true);
  });

  it('verify() fails once another terminal has taken the lock, and refreshes it otherwise', async () => {
    const journal = journalIn(tempDir());
    const lock = await acquireLock(journal);
    const old = new Date(Date.now() - 3_600_000);
    await fs.utimes(lockPathFor(journal), old, old);
    await lock.verify();
    expect(Date.now() - statSync(lockPathFor(journal)).mtimeMs).toBeLessThan(60_000);
    writeLock(journal, { pid: 4242, host: 'other', since: new Date().toISOString(), token: 'theirs' });
    await expect(lock.verify()).rejects.toBeInstanceOf(LockLostError);
    // Releasing does not remove the other terminal's lock.
    await lock.release();
    expect((await readLock(journal))?.token).toBe('theirs');
  });
});

describe('breakStaleLock', () => {
  it('a taker that judged an old lock stale cannot remove the fresh lock that replaced it', async () => {
    const journal = journalIn(tempDir());
    writeLock(journal, { pid: 999_999_999, host: os.hostname(), since: new Date().toISOString(), token: 'dead' });
    // Taker B reads the stale lock...
    const staleRaw = readFileSync(lockPathFor(journal), 'utf8');
    // ...taker A is quicker: it takes the session over...
    const a = await acquireLock(journal, { isAlive: () => false });
    // ...and B, late, breaks what it judged stale.
    await breakStaleLock(lockPathFor(journal), staleRaw);
    expect((await readLock(journal))?.token).toBe(a.info.token);
    await a.verify();
    await a.release();
  });

  it('removes the stale lock it judged', async () => {
    const journal = journalIn(tempDir());
    writeLock(journal, { pid: 999_999_999, host: os.hostname(), since: new Date().toISOString(), token: 'dead' });
    await breakStaleLock(lockPathFor(journal), readFileSync(lockPathFor(journal), 'utf8'));
    expect(existsSync(lockPathFor(journal))).toBe(false);
  });
});

describe('two real processes', () => {
  /**
   * A small program that takes the lock when told to and says whether it won. Nothing in it
   * depends on timing: it says it is ready, waits for "go", reports, and a winner holds the lock
   * until it is told to let go (or is killed).
   */
  let program = '';
  beforeAll(async () => {
    const dir = tempDir();
    const entry = path.join(dir, 'take.ts');
    writeFileSync(
      entry,
      `import { acquireLock } from ${JSON.stringify(path.resolve('src/store/lock.ts'))};
const [journal] = process.argv.slice(2);
const told = (what: string) => new Promise<void>((resolve) => {
  const on = (m: unknown) => { if (m === what) { process.off('message', on); resolve(); } };
  process.on('message', on);
});
const go = told('go');
process.send!('ready');
await go;
const release = told('release');
try {
  const lock = await acquireLock(journal!);
  process.send!('won');
  await release;
  await lock.release();
} catch (err) {
  const e = err as Error;
  process.send!((e.name === 'SessionLockedError' ? 'locked: ' : 'error: ') + e.message);
}
process.disconnect();
`,
    );
    program = path.join(dir, 'take.mjs');
    await build({ entryPoints: [entry], outfile: program, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  });

  interface Taker {
    child: ChildProcess;
    /** Resolves with what the program reported: "won", "locked: …" or "error: …". */
    result: Promise<string>;
    closed: Promise<void>;
  }

  /** Start a taker and resolve once it is ready to take the lock (it waits for "go"). */
  async function ready(journal: string): Promise<Taker> {
    const child = spawn(process.execPath, [program, journal], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const messages: string[] = [];
    let onMessage: (() => void) | undefined;
    child.on('message', (m) => {
      messages.push(String(m));
      onMessage?.();
    });
    const next = (n: number) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const said = messages[n];
          if (said !== undefined) resolve(said);
        };
        onMessage = check;
        closed.then(() => reject(new Error(`the taker ended after saying: ${messages.join(', ') || 'nothing'}`)));
        check();
      });
    expect(await next(0)).toBe('ready');
    return { child, closed, result: next(1) };
  }

  /**
   * Start `n` takers of one lock, wait until every one is ready, then tell them all to go at once.
   * Winners hold the lock until every taker has answered, so a late starter cannot find it free.
   */
  async function race(journal: string, n: number): Promise<string[]> {
    const takers = await Promise.all(Array.from({ length: n }, () => ready(journal)));
    for (const t of takers) t.child.send('go');
    const results = await Promise.all(takers.map((t) => t.result));
    for (const [i, t] of takers.entries()) if (results[i] === 'won') t.child.send('release');
    await Promise.all(takers.map((t) => t.closed));
    return results;
  }

  it('the second process is told the session is open elsewhere, with the first one’s pid', async () => {
    const dir = tempDir();
    const journal = journalIn(dir);
    // The first holds the lock until it is killed.
    const first = await ready(journal);
    first.child.send('go');
    expect(await first.result).toBe('won');
    const [second] = await race(journal, 1);
    expect(second).toMatch(new RegExp(`^locked: Session 20261123-0945-k7qd is open in another terminal: process ${first.child.pid} on this computer, since`));
    first.child.kill('SIGKILL');
    await first.closed;
    // Killed: its lock is left behind, and the next process takes it over.
    expect(existsSync(lockPathFor(journal))).toBe(true);
    const [third] = await race(journal, 1);
    expect(third).toBe('won');
  });

  it('of many processes racing for one stale lock, exactly one wins, every round', async () => {
    const dir = tempDir();
    const RACERS = 8;
    for (let round = 0; round < 4; round++) {
      const journal = path.join(dir, `20261123-0945-r${round}aa.jsonl`);
      writeLock(journal, { pid: 999_999_999, host: os.hostname(), since: new Date().toISOString(), token: `dead-${round}` });
      const results = await race(journal, RACERS);
      expect(results.filter((r) => r === 'won'), results.join('\n')).toHaveLength(1);
      expect(results.filter((r) => r.startsWith('locked: '))).toHaveLength(RACERS - 1);
      // The winner released it; no takeover guard or moved-aside lock is left behind.
      expect(existsSync(lockPathFor(journal))).toBe(false);
      expect(readdirSync(dir).filter((n) => n.includes('.break-') || n.includes(TEMP_MARKER))).toEqual([]);
    }
  }, 60_000);
});
