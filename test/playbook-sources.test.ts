import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/util/errors.ts';
import { builtinDir, listIds, loadLibrary, resolvePlaybook } from '../src/playbook/load.ts';
import { markShadowing, orderSources, registeredTeams, sortPlaybookFiles, type LibraryEntry, type PlaybookSource } from '../src/playbook/sources.ts';
import { openSettings } from '../src/config/settings.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { miniPlaybook, write } from './library-helpers.ts';

describe('orderSources', () => {
  const base = { user: '/home/u/playbooks', builtin: '/pkg/playbooks', cwd: '/work', delimiter: ':' };
  const cases: Array<[string, Parameters<typeof orderSources>[0], Array<[string, string]>]> = [
    ['user folder, then built-ins', base, [['user', '/home/u/playbooks'], ['built-in', '/pkg/playbooks']]],
    [
      'command line, env, teams, user, built-in',
      { ...base, extra: ['drafts'], envValue: '/a:/b', teams: [{ name: 'sales', dir: '/t/sales' }] },
      [['path', '/work/drafts'], ['env', '/a'], ['env', '/b'], ['team:sales', '/t/sales'], ['user', '/home/u/playbooks'], ['built-in', '/pkg/playbooks']],
    ],
    ['empty entries in the env list are ignored', { ...base, envValue: ':/a::' }, [['env', '/a'], ['user', '/home/u/playbooks'], ['built-in', '/pkg/playbooks']]],
    ['relative env folders resolve against the working folder', { ...base, envValue: 'team' }, [['env', '/work/team'], ['user', '/home/u/playbooks'], ['built-in', '/pkg/playbooks']]],
    ['the Windows delimiter', { ...base, delimiter: ';', envValue: '/a;/b' }, [['env', '/a'], ['env', '/b'], ['user', '/home/u/playbooks'], ['built-in', '/pkg/playbooks']]],
    [
      'a folder listed twice is searched once, at its first place',
      { ...base, envValue: '/home/u/playbooks', teams: [{ name: 'x', dir: '/home/u/playbooks/' }] },
      [['env', '/home/u/playbooks'], ['built-in', '/pkg/playbooks']],
    ],
    [
      'teams keep their registration order',
      { ...base, teams: [{ name: 'b', dir: '/t/b' }, { name: 'a', dir: '/t/a' }] },
      [['team:b', '/t/b'], ['team:a', '/t/a'], ['user', '/home/u/playbooks'], ['built-in', '/pkg/playbooks']],
    ],
  ];
  it.each(cases)('%s', (_name, inputs, expected) => {
    expect(orderSources(inputs).map((s) => [s.label, s.dir])).toEqual(expected);
  });
});

describe('markShadowing', () => {
  const src = (label: string): PlaybookSource => ({ kind: 'user', label, dir: `/${label}` });
  const entry = (id: string, label: string, valid = true): LibraryEntry => ({ id, file: `/${label}/${id}.yaml`, source: src(label), valid, problems: [] });
  const cases: Array<[string, LibraryEntry[], Array<string | null>]> = [
    ['different ids shadow nothing', [entry('a', 'env'), entry('b', 'user')], [null, null]],
    ['a later source with the same id is shadowed', [entry('a', 'env'), entry('a', 'user'), entry('a', 'built-in')], [null, 'env', 'env']],
    ['an invalid playbook shadows nothing', [entry('a', 'team:x', false), entry('a', 'built-in')], [null, null]],
    ['an invalid playbook after a valid one is shadowed too', [entry('a', 'user'), entry('a', 'team:x', false)], [null, 'user']],
  ];
  it.each(cases)('%s', (_name, entries, shadowedBy) => {
    expect(markShadowing(entries).map((e) => e.shadowedBy?.source ?? null)).toEqual(shadowedBy);
  });
  it('names the file that shadows', () => {
    const [, second] = markShadowing([entry('a', 'env'), entry('a', 'user')]);
    expect(second?.shadowedBy).toEqual({ source: 'env', file: '/env/a.yaml' });
  });
});

describe('sortPlaybookFiles', () => {
  it.each([
    [['b.yaml', 'a.yml', 'a.yaml', 'notes.md', '.hidden.yaml', 'C.YAML'], ['C.YAML', 'a.yaml', 'a.yml', 'b.yaml']],
    [['x.yml', 'x.yaml'], ['x.yaml', 'x.yml']],
  ])('%j → %j', (names, expected) => {
    expect(sortPlaybookFiles(names)).toEqual(expected);
  });
});

describe('registeredTeams', () => {
  const settings = (teams: unknown) => ({ get: () => teams }) as never;
  it('keeps well-formed entries and names the others', () => {
    const r = registeredTeams(
      settings([
        { name: 'sales', kind: 'git', dir: '/d/teams/sales', url: 'file:///x.git', added: '2026-01-01' },
        { name: '../evil', kind: 'folder', dir: '/x' },
        { name: 'rel', kind: 'folder', dir: 'relative/path' },
        { name: 'sales', kind: 'folder', dir: '/dup' },
        'nonsense',
      ]),
    );
    expect(r.teams.map((t) => t.name)).toEqual(['sales']);
    expect(r.ignored).toHaveLength(4);
  });
  it('reports a teams setting that is not a list', () => {
    expect(registeredTeams(settings({ name: 'x' }))).toEqual({ teams: [], ignored: ['"teams" is not a list'] });
  });
});

describe('resolving ids across sources', () => {
  async function setup() {
    const paths = tempPaths();
    const root = tempDir();
    const envDir = path.join(root, 'env');
    const teamDir = path.join(root, 'team');
    write(path.join(envDir, 'shared.yaml'), miniPlaybook('shared', { title: 'From env' }));
    // A team repository keeps its playbooks in playbooks/.
    write(path.join(teamDir, 'playbooks', 'shared.yaml'), miniPlaybook('shared', { title: 'From team' }));
    write(path.join(teamDir, 'playbooks', 'team-only.yaml'), miniPlaybook('team-only'));
    write(path.join(teamDir, 'playbooks', 'broken.yaml'), 'id: broken\ntitle: [unclosed\n');
    write(path.join(teamDir, 'playbooks', 'one-to-one.yaml'), miniPlaybook('one-to-one').replace('type: scale', 'type: slider'));
    write(path.join(teamDir, 'README.md'), 'not a playbook');
    write(path.join(paths.playbooks, 'team-only.yaml'), miniPlaybook('team-only', { title: 'Mine' }));
    const settings = await openSettings(paths);
    await settings.set('teams', [{ name: 'sales', kind: 'folder', dir: teamDir, added: '2026-01-01' }]);
    const env = { REPCOACH_PLAYBOOKS: envDir };
    return { paths, root, env, envDir, teamDir };
  }

  it('takes the first source that has the id', async () => {
    const { paths, root, env } = await setup();
    expect((await resolvePlaybook('shared', paths, root, env)).playbook.title).toBe('From env');
    expect((await resolvePlaybook('shared', paths, root, {})).playbook.title).toBe('From team');
    const teamOnly = await resolvePlaybook('team-only', paths, root, env);
    expect([teamOnly.playbook.title, teamOnly.source]).toEqual(['Playbook team-only', 'team:sales']);
  });

  it('skips an invalid team playbook and says so, using the next source', async () => {
    const { paths, root, env, teamDir } = await setup();
    const loaded = await resolvePlaybook('one-to-one', paths, root, env);
    expect(loaded.source).toBe('built-in');
    expect(loaded.file).toBe(path.join(builtinDir(), 'one-to-one.yaml'));
    expect(loaded.skipped?.map((s) => [s.file, s.source])).toEqual([[path.join(teamDir, 'playbooks', 'one-to-one.yaml'), 'team:sales']]);
    expect(loaded.skipped?.[0]?.problems[0]?.message).toMatch(/"type" must be one of/);
  });

  it('throws the problems when only invalid files have the id', async () => {
    const { paths, root, env, teamDir } = await setup();
    const err = await resolvePlaybook('broken', paths, root, env).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).file).toBe(path.join(teamDir, 'playbooks', 'broken.yaml'));
  });

  it('refuses a playbook whose id does not match its file name', async () => {
    const { paths, root, env, envDir } = await setup();
    write(path.join(envDir, 'renamed.yaml'), miniPlaybook('other-id'));
    const err = await resolvePlaybook('renamed', paths, root, env).catch((e: unknown) => e);
    expect((err as ValidationError).problems[0]).toMatchObject({ line: 2, column: 5, message: expect.stringMatching(/does not match the file name renamed\.yaml/) });
  });

  it('lists every id from every source', async () => {
    const { paths, env } = await setup();
    const builtins = readdirSync(builtinDir()).map((f) => f.replace(/\.yaml$/, ''));
    expect(await listIds(paths, env)).toEqual([...new Set(['broken', 'shared', 'team-only', ...builtins])].sort());
  });

  it('loads the library with shadowing and invalid files marked', async () => {
    const { paths, root, env, envDir } = await setup();
    const lib = await loadLibrary(paths, { env, cwd: root });
    expect(lib.sources.map((s) => [s.label, s.exists])).toEqual([
      ['env', true],
      ['team:sales', true],
      ['user', true],
      ['built-in', true],
    ]);
    // The built-ins other than one-to-one play no part here.
    const rows = lib.entries
      .filter((e) => e.source.label !== 'built-in' || e.id === 'one-to-one')
      .map((e) => `${e.id} ${e.source.label} ${e.valid ? 'valid' : 'invalid'} ${e.shadowedBy?.source ?? '-'}`);
    expect(rows).toEqual([
      'shared env valid -',
      'broken team:sales invalid -',
      'one-to-one team:sales invalid -',
      'shared team:sales valid env',
      'team-only team:sales valid -',
      'team-only user valid team:sales',
      'one-to-one built-in valid -',
    ]);
    expect(lib.entries[3]?.shadowedBy?.file).toBe(path.join(envDir, 'shared.yaml'));
  });

  it('a missing source folder is listed as not there, not an error', async () => {
    const paths = tempPaths();
    mkdirSync(paths.config, { recursive: true });
    const lib = await loadLibrary(paths, { env: { REPCOACH_PLAYBOOKS: '/no/such/folder' }, cwd: '/' });
    expect(lib.sources[0]).toMatchObject({ label: 'env', dir: '/no/such/folder', exists: false });
    expect(lib.entries.map((e) => e.id)).toContain('one-to-one');
  });
});
