import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const cli = path.resolve('dist/cli.js');
const run = (home: string, args: string[], input?: string) =>
  spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, REPCOACH_HOME: home, NO_COLOR: '1' }, encoding: 'utf8', input });

// `repcoach config set encryption on|off` (issue 6) converts the data, like `repcoach encryption on|off`.
describe('config set encryption', () => {
  it('turns encryption on and off through config, converting a session', () => {
    const home = tempDir();
    const pass = path.join(tempDir(), 'pass');
    writeFileSync(pass, 'a long enough passphrase\n', { mode: 0o600 });
    const answers = path.join(tempDir(), 'answers.yaml');
    writeFileSync(answers, 'outcome: Secret plan for Acme\n');
    // A paused session: the required answers are missing, what was given is kept.
    expect(run(home, ['run', 'one-to-one', '--rep', 'Sam', '--answers', answers, '--no-input']).status).toBe(1);
    const [file] = readdirSync(path.join(home, 'sessions')).filter((n) => n.endsWith('.jsonl'));
    const journal = path.join(home, 'sessions', file ?? '');
    expect(readFileSync(journal, 'utf8')).toContain('Secret plan for Acme');

    const on = run(home, ['--passphrase-file', pass, 'config', 'set', 'encryption', 'on']);
    expect(on.stderr).toBe('');
    expect(on.stdout).toMatch(/Encryption is on: 1 session/);
    expect(readFileSync(journal, 'utf8')).not.toContain('Secret plan for Acme');
    expect(run(home, ['config', 'get', 'encryption']).stdout).toBe('Encryption is on.\n');

    const off = run(home, ['--passphrase-file', pass, 'config', 'set', 'encryption', 'off']);
    expect(off.stdout).toMatch(/Encryption is off: 1 session/);
    expect(readFileSync(journal, 'utf8')).toContain('Secret plan for Acme');
  });

  it('refuses a value that is not on or off', () => {
    const r = run(tempDir(), ['config', 'set', 'encryption', 'maybe']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"maybe" is not on, off or status/);
  });
});

// A list setting takes each word given as an item; before, the words were one string, which the
// settings check then refused ("should be a list of phrases"), so `config set` could not set it at all.
describe('config set on a list, and on a team source', () => {
  it('stores each phrase as an item, which the rescue check then uses', () => {
    const home = tempDir();
    const set = run(home, ['config', 'set', 'rescuePhrases', 'park it with me', 'white-knight <deal>']);
    expect(set.status).toBe(0);
    expect(set.stdout).toBe('rescuePhrases = park it with me, white-knight <deal>\n');
    expect(set.stderr).toBe('');
    expect(JSON.parse(readFileSync(path.join(home, 'config.json'), 'utf8')).rescuePhrases).toEqual(['park it with me', 'white-knight <deal>']);
    const check = run(home, ['check', '-'], 'Park it with me, I will sort it.');
    expect(check.stdout).toMatch(/Rescue language your team listed/);
  });

  it('refuses several words for a setting that takes one, with the quoted form to use', () => {
    const r = run(tempDir(), ['config', 'set', 'manager', 'Maria', 'Lopez']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/manager takes one value, not 2/);
    expect(r.stderr).toMatch(/repcoach config set manager "Maria Lopez"/);
  });

  it('lists a team source by its name and folder, not as [object Object]', () => {
    const home = tempDir();
    const team = path.join(home, 'team-playbooks');
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ teams: [{ name: 'sales', kind: 'folder', dir: team, added: '2026-12-01T00:00:00.000Z' }] }));
    const list = run(home, ['config']);
    expect(list.stdout).toContain(`team:sales (${team})`);
    expect(list.stdout).not.toContain('[object Object]');
  });
});
