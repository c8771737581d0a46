/**
 * Damaged or hand-edited data: a journal cut off by a crash is recovered up to
 * its last complete entry; anything worse is moved to quarantine with a message
 * that names it and says how to recover it, and everything else keeps working.
 */
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setPassphraseSource } from '../src/crypto/keyring.ts';
import { acquireLock } from '../src/store/lock.ts';
import { DamagedSessionError, listSessions, loadSession, openSession } from '../src/store/store.ts';
import { openSettings } from '../src/config/settings.ts';
import { quarantineFile, quarantineNotice } from '../src/util/quarantine.ts';
import { cli, enableTestEncryption, makeSession } from './harness/data.ts';
import { tempPaths } from './helpers.ts';

afterEach(() => setPassphraseSource(undefined));

const answers = { outcome: 'A plan for Acme', topic: 'Acme renewal', situation: 'They went quiet.\nTwo emails unanswered.' };

describe('a journal cut off by a crash', () => {
  for (const encrypted of [false, true]) {
    it(`is read up to its last complete entry at every cut, then repaired and continued${encrypted ? ' (encrypted)' : ''}`, async () => {
      const paths = tempPaths();
      if (encrypted) await enableTestEncryption(paths);
      const { session, entries } = await makeSession(paths, answers);
      const whole = readFileSync(session.file);
      const lastLine = whole.subarray(0, whole.length - 1).lastIndexOf(0x0a) + 1;
      // Every cut inside the last entry (its newline included) loses that entry and nothing else.
      for (let cut = lastLine + 1; cut < whole.length; cut++) {
        writeFileSync(session.file, whole.subarray(0, cut));
        const loaded = await loadSession(session.file);
        expect(loaded.entries).toEqual(entries.slice(0, -1));
        expect(loaded.damage?.tornTail).toBe(true);
        expect(loaded.goodBytes).toBe(lastLine);
      }
      // Resuming repairs it under the lock and appends on a line of its own.
      const { session: reopened, loaded } = await openSession(paths, session.file);
      expect(loaded.damage).toBeUndefined();
      expect(readFileSync(session.file).equals(whole.subarray(0, lastLine))).toBe(true);
      const again = { type: 'answer' as const, at: '2026-11-23T09:50:00.000Z', question: 'situation', value: 'Retyped.' };
      await reopened.append(again);
      await reopened.close();
      const after = await loadSession(session.file);
      expect(after.damage).toBeUndefined();
      expect(after.entries).toEqual([...entries.slice(0, -1), again]);
      // Every reader handles the cut: the listing shows the session, not a warning.
      const c = await makeSession(paths, { outcome: 'x' });
      truncateSync(c.session.file, readFileSync(c.session.file).length - 3);
      const listing = await listSessions(paths);
      expect(listing.unreadable).toEqual([]);
      expect(listing.sessions.map((s) => s.id).sort()).toEqual([session.id, c.session.id].sort());
    });
  }
});

describe('quarantine', () => {
  it('moves unreadable sessions aside untouched, saves one damaged in the middle, lists the rest, and says how to recover', async () => {
    const paths = tempPaths();
    const good = await makeSession(paths, answers);
    const torn = await makeSession(paths, { outcome: 'torn' }, { rep: 'Ana' });
    truncateSync(torn.session.file, readFileSync(torn.session.file).length - 5);
    const garbage = path.join(paths.sessions, '20261101-0900-bad1.jsonl');
    writeFileSync(garbage, 'this is not a journal\n');
    const middle = await makeSession(paths, { outcome: 'one', topic: 'two' }, { rep: 'Kim' });
    const lines = readFileSync(middle.session.file, 'utf8').split('\n');
    lines[1] = '{"type":"answer", oops';
    const middleText = lines.join('\n');
    writeFileSync(middle.session.file, middleText);
    const empty = path.join(paths.sessions, '20261101-0900-emp1.jsonl');
    writeFileSync(empty, '');

    const listing = await listSessions(paths);
    // Issue 15: one garbage line no longer costs the whole session: the rest of it is kept in place.
    expect(listing.sessions.map((s) => s.id).sort()).toEqual([good.session.id, torn.session.id, middle.session.id].sort());
    const saved = listing.sessions.find((s) => s.id === middle.session.id);
    expect(saved?.state.answers.get('topic')).toBe('two');
    expect(saved?.state.answers.has('outcome')).toBe(false);
    expect(listing.notices).toHaveLength(1);
    expect(listing.notices?.[0]).toMatch(/damaged at line 2.*: line 2 was left out and the other 2 entries kept\. The file as it was is in /);
    const copy = readdirSync(paths.quarantine).find((n) => n.endsWith(path.basename(middle.session.file))) ?? '';
    expect(readFileSync(path.join(paths.quarantine, copy), 'utf8')).toBe(middleText);

    expect(listing.unreadable).toHaveLength(2);
    for (const [file, content] of [
      [garbage, 'this is not a journal\n'],
      [empty, ''],
    ] as const) {
      const u = listing.unreadable.find((x) => x.file === file);
      expect(u?.quarantined, file).toBeDefined();
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(u?.quarantined ?? '', 'utf8')).toBe(content);
      expect(path.dirname(u?.quarantined ?? '')).toBe(paths.quarantine);
      expect(u?.reason).toContain(file);
      expect(u?.reason).toContain(`mv '${u?.quarantined}' '${file}'`);
    }
    // Nothing is moved or saved twice; the good sessions are untouched.
    const again = await listSessions(paths);
    expect(again.unreadable).toEqual([]);
    expect(again.notices ?? []).toEqual([]);
    expect(readdirSync(paths.quarantine)).toHaveLength(3);
  });

  it('leaves a damaged session in place while a live terminal has it open', async () => {
    const paths = tempPaths();
    const { session } = await makeSession(paths, answers);
    writeFileSync(session.file, readFileSync(session.file, 'utf8').replace('"outcome"', '"outcome'));
    const lock = await acquireLock(session.file);
    const listing = await listSessions(paths);
    expect(listing.unreadable[0]?.reason).toMatch(/open in another terminal, so it was left in place/);
    expect(existsSync(session.file)).toBe(true);
    await lock.release();
  });

  it('resume of a session damaged in the middle saves the rest in place, with a copy of it as it was', async () => {
    const paths = tempPaths();
    const { session } = await makeSession(paths, answers);
    const before = readFileSync(session.file, 'utf8');
    writeFileSync(session.file, before.replace(/\n(.)/, '\n#$1'));
    const opened = await openSession(paths, session.file);
    expect(opened.notice).toMatch(/damaged at line 2: not valid JSON.*line 2 was left out and the other \d+ entries kept\. The file as it was is in .*quarantine/s);
    expect(existsSync(session.file)).toBe(true);
    expect(opened.loaded.damage).toBeUndefined();
    expect(readdirSync(paths.quarantine)).toHaveLength(1);
    await opened.session.close();
    expect(readdirSync(paths.sessions).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('resume of a session whose start is damaged quarantines it with how to recover', async () => {
    const paths = tempPaths();
    const { session } = await makeSession(paths, answers);
    writeFileSync(session.file, '#' + readFileSync(session.file, 'utf8'));
    const attempt = openSession(paths, session.file);
    await expect(attempt).rejects.toBeInstanceOf(DamagedSessionError);
    await expect(attempt).rejects.toThrow(/could not be read .*moved to .*quarantine/s);
    expect(existsSync(session.file)).toBe(false);
    // The lock was released on the way out.
    expect(readdirSync(paths.sessions).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('a settings file that does not parse is moved aside, defaults are used, and the user is told', async () => {
    const paths = tempPaths();
    const file = path.join(paths.config, 'config.json');
    await (await openSettings(paths)).set('manager', 'Alex');
    writeFileSync(file, '{"manager": "Alex",,}');
    const warnings: string[] = [];
    const settings = await openSettings(paths, { warn: (m) => warnings.push(m) });
    expect(settings.get('manager')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(/moved to .*quarantine.*config\.json/);
    const [moved] = readdirSync(paths.quarantine);
    expect(readFileSync(path.join(paths.quarantine, moved ?? ''), 'utf8')).toBe('{"manager": "Alex",,}');
    await settings.set('manager', 'Sam');
    expect((await openSettings(paths)).get('manager')).toBe('Sam');
  });

  it('moves any named file (e.g. the index) and never overwrites an earlier one', async () => {
    const paths = tempPaths();
    const index = path.join(paths.data, 'index.json');
    const at = new Date('2026-11-23T09:45:00Z');
    writeFileSync(index, 'first');
    const a = await quarantineFile(paths, index, 'not JSON', at);
    writeFileSync(index, 'second');
    const b = await quarantineFile(paths, index, 'not JSON', at);
    expect(a.to).not.toBe(b.to);
    expect(readFileSync(a.to, 'utf8')).toBe('first');
    expect(readFileSync(b.to, 'utf8')).toBe('second');
    expect(quarantineNotice(b)).toContain(`${index} could not be read (not JSON). It was moved to ${b.to}`);
  });
});

describe('the CLI with damaged data', () => {
  it('`sessions` lists the good sessions and names the quarantined file', async () => {
    const paths = tempPaths();
    await makeSession(paths, answers, { finish: true });
    const bad = path.join(paths.sessions, '20261101-0900-bad1.jsonl');
    writeFileSync(bad, '\u0000\u0001 garbage');
    const r = cli(paths.data, ['sessions']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Sam Lee\s+one-to-one\s+done/);
    expect(r.stderr).toContain(`${bad} could not be read`);
    expect(r.stderr).toMatch(/moved to .*quarantine.*To recover it/s);
  });

  it('`sessions` lists from the index what --json lists from the journals, keeps a torn tail and saves a damaged middle', async () => {
    const paths = tempPaths();
    const done = await makeSession(paths, answers, { finish: true });
    const torn = await makeSession(paths, answers, { rep: 'Ana Díaz' });
    const damaged = await makeSession(paths, answers, { rep: 'Kim Park' });
    // Once summarised as they were, then hurt: the table must not trust the index for them.
    expect(cli(paths.data, ['sessions']).status).toBe(0);
    const tornFile = path.join(paths.sessions, `${torn.session.id}.jsonl`);
    writeFileSync(tornFile, readFileSync(tornFile, 'utf8') + '{"type":"answer","at":"2026-11');
    const damagedFile = path.join(paths.sessions, `${damaged.session.id}.jsonl`);
    const lines = readFileSync(damagedFile, 'utf8').split('\n');
    lines[1] = '{ not json';
    writeFileSync(damagedFile, lines.join('\n'));

    const table = cli(paths.data, ['sessions']);
    expect(table.status).toBe(0);
    // Issue 15: saved in place, the bad line left out and named, a copy kept.
    expect(table.stderr).toContain(`${damagedFile} was damaged (damaged at line 2: not valid JSON): line 2 was left out`);
    expect(existsSync(damagedFile)).toBe(true);
    const listed = [...table.stdout.matchAll(/^(\d{8}-\d{4}-[a-z0-9]{4})\s/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([done.session.id, torn.session.id, damaged.session.id].sort());
    const json = JSON.parse(cli(paths.data, ['sessions', '--json']).stdout) as { sessions: Array<{ id: string }> };
    expect(json.sessions.map((x) => x.id).sort()).toEqual(listed.sort());
  });

  it('a corrupt settings file does not stop a run', async () => {
    const paths = tempPaths();
    writeFileSync(path.join(paths.data, 'answers.json'), JSON.stringify({ outcome: 'x', topic: 'y', situation: 'z', already_tried: 'a', cause: 'b', options: 'c', without_me: 'd', best_option: 'e', actions: [{ what: 'call', owner: 'rep' }], learned: 'f', confidence: 8 }));
    await openSettings(paths);
    writeFileSync(path.join(paths.config, 'config.json'), '{ nope');
    const r = cli(paths.data, ['run', '--rep', 'Sam', '--answers', path.join(paths.data, 'answers.json'), '--no-input']);
    expect(r.stderr).toContain('config.json could not be read');
    expect(r.status).toBe(0);
    expect(existsSync(r.stdout.trim())).toBe(true);
  });
});
