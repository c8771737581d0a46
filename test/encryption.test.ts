/**
 * Encryption at rest, end to end through the store and the commands: turning it
 * on and off converts everything and loses nothing, even when killed midway; a
 * wrong passphrase or a damaged file fails clearly and changes nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setEncryption } from '../src/commands/encryption.ts';
import { isEncryptedText } from '../src/crypto/envelope.ts';
import { markerPath, setPassphraseSource, usePassphrase } from '../src/crypto/keyring.ts';
import { readDataText } from '../src/crypto/vault.ts';
import { acquireLock } from '../src/store/lock.ts';
import { listSessions, loadSession, openSession } from '../src/store/store.ts';
import { TEMP_MARKER } from '../src/util/fs.ts';
import { cli, enableTestEncryption, makeSession, passFile, testContext } from './harness/data.ts';
import { CLI } from './harness/tmux.ts';
import { filesUnder, tempDir, tempPaths } from './helpers.ts';

afterEach(() => setPassphraseSource(undefined));

const ANSWERS = { outcome: 'Leave with a plan', topic: 'Acme renewal', situation: 'Quiet since the demo.\nCFO on leave.' };

describe('with encryption on', () => {
  it('new sessions and notes are encrypted, and resume, listing and notes read them back', async () => {
    const paths = tempPaths();
    await enableTestEncryption(paths);
    const { session, entries, notePath } = await makeSession(paths, ANSWERS, { note: true });
    const raw = readFileSync(session.file, 'utf8');
    expect(isEncryptedText(raw)).toBe(true);
    expect(raw).not.toContain('Acme');
    expect(isEncryptedText(readFileSync(notePath ?? '', 'utf8'))).toBe(true);
    expect(await readDataText(notePath ?? '')).toContain('Acme renewal');
    expect((await loadSession(session.file)).entries).toEqual(entries);

    const open = await makeSession(paths, { outcome: 'Half done' }, { rep: 'Ana' });
    const { session: resumed, loaded } = await openSession(paths, open.session.file);
    expect(loaded.entries).toEqual(open.entries);
    const more = { type: 'answer' as const, at: '2026-11-23T10:05:00.000Z', question: 'topic', value: 'Globex' };
    await resumed.append(more);
    await resumed.close();
    expect((await loadSession(open.session.file)).entries).toEqual([...open.entries, more]);
    expect(readFileSync(open.session.file, 'utf8')).not.toContain('Globex');
    expect((await listSessions(paths)).sessions).toHaveLength(2);
  });

  it('a wrong passphrase fails clearly and changes nothing (no quarantine, no rewrite)', async () => {
    const paths = tempPaths();
    await enableTestEncryption(paths, 'the right one');
    const { session } = await makeSession(paths, ANSWERS);
    const before = readFileSync(session.file);
    usePassphrase('the wrong one');
    await expect(listSessions(paths)).rejects.toThrow(/The passphrase does not open/);
    await expect(openSession(paths, session.file)).rejects.toThrow(/The passphrase does not open/);
    expect(readFileSync(session.file).equals(before)).toBe(true);
    expect(existsSync(paths.quarantine)).toBe(false);
    expect(readdirSync(paths.sessions).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('a flipped byte is damage: the session is moved aside byte for byte, with a message', async () => {
    const paths = tempPaths();
    await enableTestEncryption(paths);
    const good = await makeSession(paths, ANSWERS);
    const bad = await makeSession(paths, ANSWERS, { rep: 'Kim' });
    const lines = readFileSync(bad.session.file, 'utf8').split('\n');
    lines[2] = (lines[2] ?? '').replace(/^(.{20})(.)/, (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'));
    const damaged = lines.join('\n');
    writeFileSync(bad.session.file, damaged);
    const listing = await listSessions(paths);
    expect(listing.sessions.map((s) => s.id)).toEqual([good.session.id]);
    expect(listing.unreadable[0]?.reason).toMatch(/record 2 failed its integrity check \(the file was damaged or changed\)/);
    expect(readFileSync(listing.unreadable[0]?.quarantined ?? '', 'utf8')).toBe(damaged);
  });
});

describe('setEncryption', () => {
  it('on, then off: everything converted, nothing lost, files back byte for byte', async () => {
    const paths = tempPaths();
    const pass = passFile(tempDir());
    const made = [await makeSession(paths, ANSWERS, { note: true }), await makeSession(paths, { outcome: 'Paused' }, { rep: 'Ana' }), await makeSession(paths, ANSWERS, { rep: 'Kim', note: true })];
    const plain = new Map(filesUnder(paths.data).map((f) => [f, readFileSync(f, 'utf8')]));
    const ctx = testContext(paths);

    const on = await setEncryption(ctx, true, { passphraseFile: pass });
    expect(on).toMatchObject({ sessions: 3, notes: 2, warnings: [] });
    expect(existsSync(markerPath(paths))).toBe(true);
    for (const f of plain.keys()) expect(isEncryptedText(readFileSync(f, 'utf8')), f).toBe(true);
    for (const m of made) expect((await loadSession(m.session.file)).entries).toEqual(m.entries);
    // Again: nothing left to do.
    expect(await setEncryption(ctx, true, { passphraseFile: pass })).toMatchObject({ sessions: 0, notes: 0 });

    const off = await setEncryption(ctx, false, { passphraseFile: pass });
    expect(off).toMatchObject({ sessions: 3, notes: 2 });
    expect(existsSync(markerPath(paths))).toBe(false);
    for (const [f, text] of plain) expect(readFileSync(f, 'utf8'), f).toBe(text);
    expect(filesUnder(paths.data).filter((f) => f.includes(TEMP_MARKER))).toEqual([]);
  });

  it('also encrypts notes in its own notes folder whose session was quarantined, and says what it left', async () => {
    const paths = tempPaths();
    const { session, notePath } = await makeSession(paths, ANSWERS, { note: true });
    writeFileSync(session.file, 'damaged\n');
    expect((await listSessions(paths)).unreadable).toHaveLength(1);
    const result = await setEncryption(testContext(paths), true, { passphraseFile: passFile(tempDir()) });
    expect(result).toMatchObject({ sessions: 0, notes: 1 });
    expect(isEncryptedText(readFileSync(notePath ?? '', 'utf8'))).toBe(true);
    expect(result.warnings).toEqual([`1 file in ${paths.quarantine} was left as it is.`]);
  });

  it('refuses while a session is open in another terminal, and changes nothing', async () => {
    const paths = tempPaths();
    const pass = passFile(tempDir());
    const { session } = await makeSession(paths, ANSWERS);
    const before = readFileSync(session.file, 'utf8');
    const lock = await acquireLock(session.file, { pid: process.pid });
    await expect(setEncryption(testContext(paths), true, { passphraseFile: pass })).rejects.toThrow(/is open in another terminal.*Nothing was changed/);
    await lock.release();
    expect(readFileSync(session.file, 'utf8')).toBe(before);
    expect(existsSync(markerPath(paths))).toBe(false);
  });

  it('turning it off with the wrong passphrase fails and changes nothing', async () => {
    const paths = tempPaths();
    const dir = tempDir();
    const { session } = await makeSession(paths, ANSWERS);
    await setEncryption(testContext(paths), true, { passphraseFile: passFile(dir, 'first passphrase') });
    const encrypted = readFileSync(session.file, 'utf8');
    setPassphraseSource(undefined);
    await expect(setEncryption(testContext(paths), false, { passphraseFile: passFile(dir, 'other passphrase') })).rejects.toThrow(/passphrase does not open/);
    expect(readFileSync(session.file, 'utf8')).toBe(encrypted);
    expect(existsSync(markerPath(paths))).toBe(true);
  });

  it('the CLI never takes a passphrase on the command line, and says how to give one', () => {
    const home = path.join(tempDir(), 'home');
    const r = cli(home, ['encryption', 'on']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no passphrase was given.*--passphrase-file <file>.*REPCOACH_PASSPHRASE_FILE/s);
    const arg = cli(home, ['encryption', 'on', '--passphrase', 'secret']);
    expect(arg.status).toBe(2);
  });
});

describe('killed while converting', () => {
  /** Run `encryption <state>` and SIGKILL it after `ms`; resolves when it has ended. */
  function killedAfter(home: string, pass: string, state: string, ms: number): Promise<number | null> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'encryption', state], {
        env: { PATH: process.env['PATH'] ?? '', REPCOACH_HOME: home, REPCOACH_PASSPHRASE_FILE: pass, NO_COLOR: '1' },
        stdio: 'ignore',
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  it('loses nothing: every session and note reads the same after each kill, and a rerun finishes', async () => {
    const paths = tempPaths();
    const pass = passFile(tempDir());
    const made: Array<Awaited<ReturnType<typeof makeSession>>> = [];
    for (let i = 0; i < 24; i++) made.push(await makeSession(paths, { ...ANSWERS, outcome: `Plan ${i}` }, { rep: `Rep ${i}`, note: i % 2 === 0 }));
    const original = new Map(filesUnder(paths.data).map((f) => [f, readFileSync(f, 'utf8')]));
    usePassphrase('correct horse battery');
    const check = async () => {
      for (const m of made) expect((await loadSession(m.session.file)).entries).toEqual(m.entries);
      for (const m of made) if (m.notePath) expect(await readDataText(m.notePath)).toBe(original.get(m.notePath));
    };
    let kills = 0;
    for (const state of ['on', 'off']) {
      for (let i = 0; i < 6; i++) {
        // The key derivation takes a few hundred ms, the conversion follows: kill anywhere in it.
        const code = await killedAfter(paths.data, pass, state, 150 + Math.random() * 700);
        if (code === null) kills++;
        await check();
      }
      const finish = cli(paths.data, ['encryption', state], { env: { REPCOACH_PASSPHRASE_FILE: pass } });
      expect(finish.status, finish.stderr).toBe(0);
      await check();
      for (const f of original.keys()) expect(isEncryptedText(readFileSync(f, 'utf8')), f).toBe(state === 'on');
    }
    for (const [f, text] of original) expect(readFileSync(f, 'utf8')).toBe(text);
    expect(filesUnder(paths.data).filter((f) => f.includes(TEMP_MARKER))).toEqual([]);
    expect(kills).toBeGreaterThan(0);
  }, 60_000);
});
