/**
 * Privacy: everything repcoach creates is readable by the owner only (folders
 * 0700, files 0600), whatever the umask; and nothing is sent anywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../src/store/lock.ts';
import { CLI } from './harness/tmux.ts';
import { tempDir } from './helpers.ts';

const ANSWERS = { outcome: 'x', topic: 'Acme', situation: 'z', already_tried: 'a', cause: 'b', options: 'c', without_me: 'd', best_option: 'e', actions: [{ what: 'call', owner: 'rep' }], learned: 'f', confidence: 8 };

/** Run the CLI under `umask 000`, so any mode that is not set explicitly shows up as world-readable. */
function run(home: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('sh', ['-c', 'umask 000; exec "$@"', 'sh', process.execPath, CLI, ...args], {
    encoding: 'utf8',
    cwd: path.dirname(home),
    env: { PATH: process.env['PATH'] ?? '', REPCOACH_HOME: home, NO_COLOR: '1', ...env },
  });
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).not.toBeNull();
  return r;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return lstatSync(p).isDirectory() ? [p, ...walk(p)] : [p];
  });
}

describe('permissions', () => {
  it('every folder repcoach creates is 0700 and every file 0600: sessions, notes, settings, locks, quarantine, encryption', async () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const answers = path.join(root, 'answers.json');
    writeFileSync(answers, JSON.stringify(ANSWERS));
    const pass = path.join(root, 'pass');
    writeFileSync(pass, 'a long passphrase\n', { mode: 0o600 });
    expect(run(home, ['run', '--rep', 'Sam', '--manager', 'Alex', '--answers', answers, '--no-input']).status).toBe(0);
    expect(run(home, ['run', '--rep', 'Ana', '--answers', answers, '--no-input', '--notes-dir', path.join(root, 'vault', 'coaching')]).status).toBe(0);
    // A damaged file put there by hand, readable by all: quarantined, it becomes private too.
    writeFileSync(path.join(home, 'sessions', '20261101-0900-bad1.jsonl'), 'garbage\n', { mode: 0o644 });
    expect(run(home, ['sessions']).status).toBe(0);
    expect(run(home, ['encryption', 'on', '--passphrase-file', pass]).status).toBe(0);
    expect(run(home, ['run', '--rep', 'Kim', '--answers', answers, '--no-input'], { REPCOACH_PASSPHRASE_FILE: pass }).status).toBe(0);
    // A session open in a terminal has a lock file.
    const [journal] = readdirSync(path.join(home, 'sessions')).filter((n) => n.endsWith('.jsonl'));
    const lock = await acquireLock(path.join(home, 'sessions', journal ?? ''));

    const everything = [home, ...walk(home), path.join(root, 'vault', 'coaching'), ...walk(path.join(root, 'vault', 'coaching'))];
    const kinds = new Set(everything.map((p) => path.basename(p).replace(/^\d{8}.*\.jsonl$/, 'session').replace(/^\d{4}-.*\.md$/, 'note')));
    for (const expected of ['sessions', 'notes', 'quarantine', 'config.json', 'encryption.json', 'session', 'note']) expect(kinds, expected).toContain(expected);
    expect(everything.some((p) => p.endsWith('.lock'))).toBe(true);
    for (const p of everything) {
      const st = lstatSync(p);
      expect((st.mode & 0o777).toString(8), p).toBe(st.isDirectory() ? '700' : '600');
    }
    await lock.release();
  }, 30_000);
});

describe('nothing is sent anywhere', () => {
  /** Loaded before the CLI: any attempt to open a connection or resolve a name is written to `marker`. */
  function networkTrap(dir: string): { hook: string; marker: string } {
    const marker = path.join(dir, 'network-used');
    const hook = path.join(dir, 'trap.mjs');
    writeFileSync(
      hook,
      `import fs from 'node:fs'; import net from 'node:net'; import dns from 'node:dns'; import dgram from 'node:dgram'; import http from 'node:http'; import https from 'node:https'; import tls from 'node:tls';
const note = (what) => () => { fs.appendFileSync(${JSON.stringify(marker)}, what + '\\n'); throw new Error('network used: ' + what); };
net.Socket.prototype.connect = note('net.connect');
for (const m of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns[m] = note('dns.' + m);
dns.promises.lookup = note('dns.promises.lookup');
dgram.createSocket = note('dgram');
http.request = note('http.request'); http.get = note('http.get');
https.request = note('https.request'); https.get = note('https.get');
tls.connect = note('tls.connect');
globalThis.fetch = note('fetch');
`,
    );
    return { hook, marker };
  }

  it('the trap catches a connection (so the next test can fail)', () => {
    const dir = tempDir();
    const { hook, marker } = networkTrap(dir);
    spawnSync(process.execPath, ['--import', hook, '-e', "fetch('http://127.0.0.1:9').catch(() => {})"], { encoding: 'utf8' });
    expect(existsSync(marker)).toBe(true);
  });

  it('run, sessions, encryption on/off and decrypt open no connection', () => {
    const dir = tempDir();
    const { hook, marker } = networkTrap(dir);
    const home = path.join(dir, 'home');
    const answers = path.join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify(ANSWERS));
    const pass = path.join(dir, 'pass');
    writeFileSync(pass, 'a long passphrase\n', { mode: 0o600 });
    const env = { NODE_OPTIONS: `--import=${hook}`, REPCOACH_PASSPHRASE_FILE: pass };
    const note = run(home, ['run', '--rep', 'Sam', '--answers', answers, '--no-input'], env).stdout.trim();
    for (const args of [['sessions', '--json'], ['encryption', 'on'], ['decrypt', note], ['encryption', 'off'], ['--help']]) {
      expect(run(home, args, env).status, args.join(' ')).toBe(0);
    }
    expect(existsSync(marker)).toBe(false);
  }, 30_000);
});
