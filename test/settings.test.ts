/**
 * Settings (src/config/settings.ts): one zod schema says what each key holds; conf reads
 * and writes config.json. The schema is checked key by key, so a hand edit of one
 * setting is named and ignored while the others keep working.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSettings, openSettings, SETTING_KEYS, settingsSchema, teamSourceSchema } from '../src/config/settings.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { tempDir, tempPaths } from './helpers.ts';

const team = { name: 'sales', kind: 'folder', dir: '/srv/playbooks', added: '2026-01-01T00:00:00.000Z' };

describe('each setting: a value of its kind is kept, any other is named and left out', () => {
  const cases: Array<[key: string, good: unknown[], holds: string, bad: Array<[value: unknown, shown: string]>]> = [
    ['manager', ['Maria', ' Sam Lee '], 'a name in quotes', [[42, '42'], ['', '""'], ['  ', '"  "'], [null, 'null'], [true, 'true'], [['Maria'], 'a list'], [{ name: 'Maria' }, 'a map']]],
    ['notesDir', ['/home/m/notes', 'notes'], 'a folder path in quotes', [[1, '1'], ['', '""'], [null, 'null'], [false, 'false'], [['a'], 'a list'], [{}, 'a map']]],
    // Each entry is checked where team sources are read (registeredTeams), which names a bad one.
    ['teams', [[], [team], [{ name: 'Hand Edited' }], [1, 'x']], 'a list of team sources', [[{ a: 1 }, 'a map'], ['sales', '"sales"'], [null, 'null'], [1, '1'], [true, 'true']]],
    ['rescuePhrases', [[], ['park it with me'], ['']], 'a list of phrases in quotes', [['park it', '"park it"'], [['park it', 3], 'a list'], [[null], 'a list'], [{}, 'a map'], [null, 'null'], [true, 'true']]],
    ['supportPhrases', [[], ['sign off the discount']], 'a list of phrases in quotes', [['sign off', '"sign off"'], [[['nested']], 'a list'], [{ a: 'b' }, 'a map'], [0, '0']]],
    ['notes.git', [true, false], 'true or false', [['yes', '"yes"'], ['true', '"true"'], [1, '1'], [0, '0'], [null, 'null'], [[], 'a list'], [{}, 'a map']]],
  ];

  it('covers every key of the schema', () => {
    expect(cases.map(([key]) => key)).toEqual(Object.keys(settingsSchema.shape));
  });

  for (const [key, good, holds, bad] of cases) {
    it.each(good.map((v) => [v]))(`${key}: %j is kept`, (value) => {
      expect(checkSettings({ [key]: value })).toEqual({ data: { [key]: value }, problems: [] });
    });
    it.each(bad)(`${key}: %j is named and left out`, (value, shown) => {
      expect(checkSettings({ [key]: value, manager2: 'kept' })).toEqual({ data: { manager2: 'kept' }, problems: [`"${key}" should be ${holds}, not ${shown}`] });
    });
  }

  it.each([
    [{ somethingElse: 1 }],
    [{ notes: { git: true } }],
    [{ 'teams.0': 'x' }],
    // Names an object has of its own were once looked up as settings: "toString" threw, "constructor" was named.
    [{ toString: 1 }],
    [{ constructor: 'x', hasOwnProperty: [] }],
  ])('a key the schema does not know is kept as written: %j', (raw) => {
    expect(checkSettings(raw)).toEqual({ data: raw, problems: [] });
  });

  it('a "__proto__" key in the file stays a key: it does not lend the settings a manager', () => {
    const { data, problems } = checkSettings(JSON.parse('{"__proto__": {"manager": 42}}') as Record<string, unknown>);
    expect(problems).toEqual([]);
    expect(data.manager).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  it('a long value is shown cut short', () => {
    expect(checkSettings({ 'notes.git': 'y'.repeat(60) }).problems).toEqual([`"notes.git" should be true or false, not "${'y'.repeat(36)}…`]);
  });
});

describe('the schema', () => {
  it('lists the keys `repcoach config` shows, in its order, each with what it is for', () => {
    expect(Object.keys(SETTING_KEYS)).toEqual(['manager', 'notesDir', 'teams', 'rescuePhrases', 'supportPhrases', 'notes.git']);
    expect(SETTING_KEYS['notes.git']).toBe('commit every note to git in the notes folder (true/false)');
  });

  it.each([
    [team, true],
    [{ ...team, kind: 'git', url: 'https://example.com/sales.git', ref: 'v2' }, true],
    [{ ...team, kind: 'svn' }, false],
    [{ ...team, dir: undefined }, false],
    [{ ...team, added: 20260101 }, false],
    [{ ...team, url: 7 }, false],
  ])('a team source %j is one: %s', (value, ok) => {
    expect(teamSourceSchema.safeParse(value).success).toBe(ok);
  });
});

describe('openSettings, through conf', () => {
  it('writes the file 0600 with "notes.git" as a key of its own, and reads it back', async () => {
    const paths = tempPaths();
    const settings = await openSettings(paths);
    await settings.set('notes.git', true);
    await settings.set('manager', 'Maria');
    const file = path.join(paths.config, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'notes.git': true, manager: 'Maria' });
    const again = await openSettings(paths);
    expect(again.get('notes.git')).toBe(true);
    expect(again.all()).toEqual({ 'notes.git': true, manager: 'Maria' });
    await again.delete('notes.git');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ manager: 'Maria' });
  });

  it('reading makes nothing: no folder for settings that are not there', async () => {
    const paths = resolvePaths({ REPCOACH_HOME: path.join(tempDir(), 'not-yet') });
    const warnings: string[] = [];
    const settings = await openSettings(paths, { warn: (m) => warnings.push(m) });
    expect(settings.all()).toEqual({});
    expect(warnings).toEqual([]);
    expect(existsSync(paths.config)).toBe(false);
  });

  it('a hand-edited value of the wrong kind is named once, and kept in the file through a write of another key', async () => {
    const paths = tempPaths();
    const file = path.join(paths.config, 'config.json');
    writeFileSync(file, JSON.stringify({ manager: 42, rescuePhrases: ['park it'], mine: { a: 1 } }));
    const warnings: string[] = [];
    const settings = await openSettings(paths, { warn: (m) => warnings.push(m) });
    expect(settings.all()).toEqual({ rescuePhrases: ['park it'], mine: { a: 1 } });
    expect(warnings).toEqual([`${file}: "manager" should be a name in quotes, not 42. That setting is ignored (the default is used) until fixed by hand or with \`repcoach config set <key> <value>\`.`]);
    await settings.set('notes.git', false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ manager: 42, rescuePhrases: ['park it'], mine: { a: 1 }, 'notes.git': false });
    expect(settings.get('manager')).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"manager": "Alex",,}', /JSON/],
    ['a list', '["manager"]', /it is not a JSON object/],
    ['null', 'null', /it is not a JSON object/],
    ['a number', '42', /it is not a JSON object/],
  ])('a file that is %s is quarantined as it was, never cleared, and defaults are used', async (_what, text, reason) => {
    const paths = tempPaths();
    const file = path.join(paths.config, 'config.json');
    writeFileSync(file, text);
    const warnings: string[] = [];
    const settings = await openSettings(paths, { warn: (m) => warnings.push(m) });
    expect(settings.all()).toEqual({});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).toMatch(/moved to .*quarantine/);
    expect(existsSync(file)).toBe(false);
    const [moved] = readdirSync(paths.quarantine);
    expect(readFileSync(path.join(paths.quarantine, moved ?? ''), 'utf8')).toBe(text);
  });

  it('a folder where the file should be: defaults and a warning; a write says what to do', async () => {
    const paths = tempPaths();
    const file = path.join(paths.config, 'config.json');
    mkdirSync(file);
    const warnings: string[] = [];
    const settings = await openSettings(paths, { warn: (m) => warnings.push(m) });
    expect(settings.all()).toEqual({});
    expect(warnings).toEqual([`The settings file ${file} cannot be read (it is a folder); default settings are used. Your sessions and notes are not affected.`]);
    await expect(settings.set('manager', 'Maria')).rejects.toThrow(`The settings file ${file} cannot be read`);
    expect(statSync(file).isDirectory()).toBe(true);
  });

  it('a file where the settings folder should be is the caller’s to report (ENOTDIR)', async () => {
    const home = path.join(tempDir(), 'home');
    writeFileSync(home, 'not a folder');
    await expect(openSettings(resolvePaths({ REPCOACH_HOME: home }), { warn: () => {} })).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('the built conf (dist/lib/conf.js, without ajv and semver: scripts/build.mjs)', () => {
  const built = path.resolve(import.meta.dirname, '..', 'dist', 'lib', 'conf.js');
  const load = () => {
    if (!existsSync(built)) throw new Error('dist/lib/conf.js is missing: run `npm run build` first (npm test does)');
    return createRequire(import.meta.url)(built) as new (options: Record<string, unknown>) => { set(k: string, v: unknown): void; store: Record<string, unknown>; path: string };
  };

  it('reads and writes the way src/config/settings.ts opens it', () => {
    const Conf = load();
    const cwd = tempDir();
    const conf = new Conf({ cwd, configName: 'config', configFileMode: 0o600, clearInvalidConfig: false, accessPropertiesByDotNotation: false });
    conf.set('notes.git', true);
    expect({ ...new Conf({ cwd, configName: 'config', accessPropertiesByDotNotation: false }).store }).toEqual({ 'notes.git': true });
    expect(statSync(conf.path).mode & 0o777).toBe(0o600);
  });

  it('reads without loading what only a write needs (atomically and its exit handlers), and writes with them', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'config.json'), '{ "manager": "Maria" }');
    const script = `
      const Conf = require(${JSON.stringify(built)});
      const signals = () => ['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => process.listenerCount(s)).join(',');
      const options = { cwd: ${JSON.stringify(cwd)}, configName: 'config', configFileMode: 0o600, clearInvalidConfig: false, accessPropertiesByDotNotation: false };
      const read = new Conf(options).store;
      const afterRead = { manager: read.manager, signals: signals() };
      new Conf(options).set('notes.git', true);
      console.log(JSON.stringify({ afterRead, afterWrite: { signals: signals() } }));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { afterRead: { manager: string; signals: string }; afterWrite: { signals: string } };
    expect(out.afterRead).toEqual({ manager: 'Maria', signals: '0,0,0' });
    // The write went through atomically, which cleans its temp files up on exit: its handlers are in by now.
    expect(out.afterWrite.signals).not.toBe('0,0,0');
    expect(JSON.parse(readFileSync(path.join(cwd, 'config.json'), 'utf8'))).toEqual({ manager: 'Maria', 'notes.git': true });
    expect(statSync(path.join(cwd, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['a schema', { schema: { manager: { type: 'string' } } }, /ajv.* is left out of repcoach's build of conf/],
    ['migrations', { projectVersion: '1.0.0', migrations: { '1.0.0': () => {} } }, /semver is left out of repcoach's build of conf/],
  ])('given %s, says what is missing', (_what, options, message) => {
    const Conf = load();
    expect(() => new Conf({ cwd: tempDir(), ...options })).toThrow(message);
  });
});
