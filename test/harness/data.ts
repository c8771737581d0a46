/**
 * Test data for the data-safety tests: real sessions written through the
 * store, and the built CLI run as a child process.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { CommandContext } from '../../src/config/context.ts';
import { finishSession } from '../../src/run/finish.ts';
import path from 'node:path';
import { DEFAULT_PLAYBOOK, resolvePlaybook } from '../../src/playbook/load.ts';
import type { JournalEntry, StartEntry } from '../../src/model/journal.ts';
import { createSession, notePathToStore, type SessionHandle } from '../../src/store/store.ts';
import type { Paths } from '../../src/util/paths.ts';
import { openSettings, type Settings } from '../../src/config/settings.ts';
import { CLI } from './tmux.ts';

export async function startFields(paths: Paths, rep = 'Sam Lee', at = '2026-11-23T09:45:00.000Z'): Promise<Omit<StartEntry, 'id' | 'type' | 'v'>> {
  const loaded = await resolvePlaybook(DEFAULT_PLAYBOOK, paths);
  return {
    at,
    rep: { name: rep, slug: rep.toLowerCase().replace(/[^a-z0-9]+/g, '-') },
    playbook: { id: loaded.playbook.id, version: loaded.playbook.version, title: loaded.playbook.title, hash: loaded.hash, source: loaded.source, file: loaded.file },
    snapshot: loaded.playbook,
  };
}

/** A session with these text answers (question id → text), left open (the handle holds its lock) or closed. */
export async function makeSession(
  paths: Paths,
  answers: Record<string, string>,
  opts: { rep?: string; keepOpen?: boolean; finish?: boolean; note?: boolean } = {},
): Promise<{ session: SessionHandle; entries: JournalEntry[]; notePath?: string }> {
  const start = await startFields(paths, opts.rep);
  const session = await createSession(paths, start, new Date(start.at));
  const entries: JournalEntry[] = [{ type: 'start', v: 1, id: session.id, ...start }];
  for (const [question, value] of Object.entries(answers)) {
    const e: JournalEntry = { type: 'answer', at: '2026-11-23T09:46:00.000Z', question, value };
    await session.append(e);
    entries.push(e);
  }
  if (opts.finish) {
    const e: JournalEntry = { type: 'finish', at: '2026-11-23T10:00:00.000Z' };
    await session.append(e);
    entries.push(e);
  }
  let notePath: string | undefined;
  if (opts.note) {
    const done = await finishSession({ session, entries, notesDir: paths.notes, now: () => new Date('2026-11-23T10:00:00.000Z') });
    notePath = done.notePath;
    entries.push({ type: 'finish', at: '2026-11-23T10:00:00.000Z', note: notePathToStore(session.file, notePath) });
  }
  if (!opts.keepOpen) await session.close();
  return { session, entries, ...(notePath ? { notePath } : {}) };
}

/** A command context for calling commands in-process; output is collected. */
export function testContext(paths: Paths, env: NodeJS.ProcessEnv = {}): CommandContext & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    paths,
    env,
    cwd: paths.data,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stdout,
    stderr,
    color: 0,
    now: () => new Date('2026-11-23T09:45:00.000Z'),
    newId: () => 'abc123',
    out: () => out,
    err: () => err,
  };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI with REPCOACH_HOME set; standard input is not a terminal. */
type CliOptions = { env?: Record<string, string>; cwd?: string; timeout?: number; input?: string };

function cliSpawnOptions(home: string, opts: CliOptions) {
  return {
    encoding: 'utf8' as const,
    cwd: opts.cwd ?? path.dirname(home),
    timeout: opts.timeout ?? 20_000,
    env: { PATH: process.env['PATH'] ?? '', HOME: path.dirname(home), REPCOACH_HOME: home, NO_COLOR: '1', ...opts.env },
  };
}

export function cli(home: string, args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { ...cliSpawnOptions(home, opts), input: opts.input ?? '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As cli(), without blocking: for concurrent tests, each starting the binary. */
export function cliAsync(home: string, args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], cliSpawnOptions(home, opts), (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end(opts.input ?? '');
  });
}

/**
 * Turn encryption on for a test data folder the fast way: the same format, a
 * cheap scrypt cost (N = 2^10) so tests do not spend a second per key.
 */
export async function enableTestEncryption(paths: Paths, passphrase = 'test passphrase'): Promise<void> {
  const { deriveMasterKey } = await import('../../src/crypto/envelope.ts');
  const { newMarker, usePassphrase, writeMarker } = await import('../../src/crypto/keyring.ts');
  const { randomBytes } = await import('node:crypto');
  const kdf = { name: 'scrypt' as const, N: 2 ** 10, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  usePassphrase(passphrase);
  await writeMarker(paths, newMarker(await deriveMasterKey(passphrase, kdf), kdf));
}

/** A passphrase file in `dir`, as `--passphrase-file` and REPCOACH_PASSPHRASE_FILE take it. */
export function passFile(dir: string, value = 'correct horse battery'): string {
  const file = path.join(dir, 'passphrase');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return file;
}

/** The settings the index is given by its callers (quietly: a test of damaged settings reads their warning itself). */
export function settingsOf(paths: Paths): Promise<Settings> {
  return openSettings(paths, { warn: () => {} });
}
