import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbookAdd } from '../src/commands/playbook-add.ts';
import { playbookList } from '../src/commands/playbook-list.ts';
import { playbookRemove } from '../src/commands/playbook-remove.ts';
import { playbookUpdate } from '../src/commands/playbook-update.ts';
import { run } from '../src/commands/run.ts';
import { UserError } from '../src/util/errors.ts';
import { resolvePlaybook } from '../src/playbook/load.ts';
import { classifyGitFailure, firstGitLine } from '../src/playbook/git.ts';
import { defaultTeamName, isGitUrl, teamName } from '../src/playbook/teams.ts';
import { listSessions } from '../src/store/store.ts';
import { openSettings, type TeamSource } from '../src/config/settings.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { gitIn, miniPlaybook, teamRepo, testContext, write } from './library-helpers.ts';

async function failure(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof UserError)) throw new Error(`expected a UserError, got ${String(err)}`);
  return err;
}

async function teams(paths: ReturnType<typeof tempPaths>): Promise<TeamSource[]> {
  return (await openSettings(paths)).get('teams') ?? [];
}

const BROKEN = 'id: half-done\ntitle: Half done\ndescription: d\nversion: "1.0.0"\nstages: []\n';

/** A team repository with two playbooks (and a broken one) in playbooks/, added by a manager. */
async function addedTeam() {
  const root = tempDir();
  const repo = teamRepo(root, {
    'README.md': '# Sales playbooks\n',
    'playbooks/pipeline-coaching.yaml': miniPlaybook('pipeline-coaching', { title: 'Pipeline coaching' }),
    'playbooks/half-done.yaml': BROKEN,
  });
  const paths = tempPaths();
  const ctx = testContext(paths, { cwd: root });
  await playbookAdd(ctx, { target: repo.url, name: 'sales' });
  const clone = path.join(paths.data, 'teams', 'sales');
  return { root, repo, paths, ctx, clone };
}

describe('team names and URLs', () => {
  it.each([
    ['https://git.example.com/sales/playbooks.git', true],
    ['ssh://git@git.example.com/sales/playbooks.git', true],
    ['file:///srv/git/playbooks.git', true],
    ['git@git.example.com:sales/playbooks.git', true],
    ['./team-playbooks', false],
    ['/home/sam/playbooks', false],
    ['C:\\Users\\sam\\playbooks', false],
  ])('isGitUrl(%s) = %s', (target, expected) => {
    expect(isGitUrl(target)).toBe(expected);
  });

  it.each([
    ['https://git.example.com/sales/Team-Playbooks.git', 'team-playbooks'],
    ['git@git.example.com:emea.git', 'emea'],
    ['/home/sam/Shared Playbooks/', 'shared-playbooks'],
    ['file:///', 'team'],
  ])('defaultTeamName(%s) = %s', (target, expected) => {
    expect(defaultTeamName(target)).toBe(expected);
  });

  it.each([['Sales Team', 'sales-team'], ['emea', 'emea']])('teamName(%j) = %j', (name, slug) => {
    expect(teamName(name)).toBe(slug);
  });

  it.each(['../other', 'a/b', 'a\\b', '/abs', '..', '!!!'])('teamName(%j) is refused', (name) => {
    expect(() => teamName(name)).toThrow(UserError);
  });

  it.each([
    ["fatal: unable to access 'https://x/': Could not resolve host: x", 'unreachable'],
    ["fatal: '/tmp/gone.git' does not appear to be a git repository\nfatal: Could not read from remote repository.", 'unreachable'],
    ['fatal: Not possible to fast-forward, aborting.', 'other'],
  ])('classifyGitFailure(%j) = %s', (stderr, kind) => {
    expect(classifyGitFailure(stderr)).toBe(kind);
  });

  it('firstGitLine picks the fatal line', () => {
    expect(firstGitLine("Cloning into 'x'...\nfatal: repository 'file:///nope' does not exist\n")).toBe("repository 'file:///nope' does not exist");
  });
});

describe('playbook add', () => {
  it('clones a git repository, reports invalid playbooks, and its valid playbooks can be run', async () => {
    const { paths, ctx, clone, repo, root } = await addedTeam();
    expect(existsSync(path.join(clone, 'playbooks', 'pipeline-coaching.yaml'))).toBe(true);
    expect(await teams(paths)).toEqual([{ name: 'sales', kind: 'git', dir: clone, url: repo.url, added: '2026-03-02T10:00:00.000Z' }]);
    const out = ctx.out();
    expect(out).toContain(`Added team source sales: cloned ${repo.url} into ${clone}.`);
    expect(out).toContain('  1 playbook: pipeline-coaching');
    expect(out).toContain(`  skipped ${path.join(clone, 'playbooks', 'half-done.yaml')}: not a valid playbook`);
    expect(out).toMatch(/half-done\.yaml:5:9: error: "stages" needs at least 1 item/);

    const list = testContext(paths, { cwd: root });
    await playbookList(list, {});
    expect(list.out()).toMatch(/^pipeline-coaching +Pipeline coaching +1\.0\.0 +team:sales +2$/m);
    expect(list.out()).toMatch(/1\. +team:sales +.*teams\/sales\/playbooks/);

    const answers = write(path.join(root, 'a.yaml'), 'goal: Leave with a plan for Acme\nconfidence: 7\n');
    const r = testContext(paths, { cwd: root });
    await run(r, { playbook: 'pipeline-coaching', rep: 'Sam Lee', answers, input: false });
    const note = readFileSync(r.out().trim(), 'utf8');
    expect(note).toContain('playbook: "pipeline-coaching"\nplaybook_version: "1.0.0"\n');
    const [session] = (await listSessions(paths)).sessions;
    expect(session?.state.start.playbook.source).toBe('team:sales');
  });

  it('registers a folder in place, and refuses the same folder or name twice', async () => {
    const paths = tempPaths();
    const dir = tempDir();
    write(path.join(dir, 'shared', 'ramp.yaml'), miniPlaybook('ramp'));
    const ctx = testContext(paths, { cwd: dir });
    await playbookAdd(ctx, { target: 'shared' });
    expect(await teams(paths)).toEqual([{ name: 'shared', kind: 'folder', dir: path.join(dir, 'shared'), added: '2026-03-02T10:00:00.000Z' }]);
    expect((await resolvePlaybook('ramp', paths, dir, ctx.env)).source).toBe('team:shared');
    expect((await failure(playbookAdd(ctx, { target: 'shared', name: 'again' }))).message).toMatch(/already registered as the team source "shared"/);
    mkdirSync(path.join(dir, 'other'));
    expect((await failure(playbookAdd(ctx, { target: 'other', name: 'shared' }))).message).toMatch(/already a team source named "shared"/);
  });

  it('refuses a name that is a path, and something that is neither a folder nor a URL', async () => {
    const paths = tempPaths();
    const dir = tempDir();
    mkdirSync(path.join(dir, 'shared'));
    const ctx = testContext(paths, { cwd: dir });
    const trick = await failure(playbookAdd(ctx, { target: 'shared', name: '../../escape' }));
    expect(trick.exitCode).toBe(2);
    expect((await failure(playbookAdd(ctx, { target: 'no-such-folder' }))).message).toMatch(/no folder at .*no-such-folder, and "no-such-folder" is not a git URL/i);
    expect(await teams(paths)).toEqual([]);
  });

  it('says when the repository cannot be reached, and leaves nothing behind', async () => {
    const paths = tempPaths();
    const root = tempDir();
    const ctx = testContext(paths, { cwd: root });
    const err = await failure(playbookAdd(ctx, { target: `file://${root}/missing.git`, name: 'gone' }));
    expect(err.message).toMatch(/^Cannot reach the team repository file:\/\/.*missing\.git: /);
    expect(await teams(paths)).toEqual([]);
    expect(readdirSync(path.join(paths.data, 'teams'))).toEqual([]);
  });

  it('says when git is missing', async () => {
    const paths = tempPaths();
    const root = tempDir();
    const ctx = testContext(paths, { cwd: root, env: { PATH: path.join(root, 'empty-bin') } });
    const err = await failure(playbookAdd(ctx, { target: 'https://git.example.com/sales/playbooks.git' }));
    expect(err.message).toBe('git is not installed, or not on the PATH; team repositories need it.');
    expect(err.hint).toMatch(/playbook add <folder>/);
  });
});

describe('playbook update', () => {
  it('fast-forwards to what the team pushed', async () => {
    const { paths, repo, root, clone } = await addedTeam();
    repo.push({ 'playbooks/new-rep-ramp.yaml': miniPlaybook('new-rep-ramp'), 'playbooks/half-done.yaml': miniPlaybook('half-done') }, 'Add ramp, fix half-done');
    const ctx = testContext(paths, { cwd: root });
    await playbookUpdate(ctx, { name: 'sales' });
    expect(ctx.out()).toMatch(/^sales: updated [0-9a-f]+\.\.[0-9a-f]+, 2 files changed:\n {2}playbooks\/half-done\.yaml\n {2}playbooks\/new-rep-ramp\.yaml\n {2}3 playbooks: half-done, new-rep-ramp, pipeline-coaching\n$/);
    expect(gitIn(clone, 'rev-parse', 'HEAD')).toBe(gitIn(repo.bare, 'rev-parse', 'main'));
    expect((await resolvePlaybook('new-rep-ramp', paths, root, ctx.env)).source).toBe('team:sales');

    const again = testContext(paths, { cwd: root });
    await playbookUpdate(again, {});
    expect(again.out()).toContain('sales: already up to date.');
  });

  it('never overwrites local edits', async () => {
    const { paths, repo, root, clone } = await addedTeam();
    const file = path.join(clone, 'playbooks', 'pipeline-coaching.yaml');
    const edited = readFileSync(file, 'utf8').replace('Pipeline coaching', 'Pipeline coaching (my edit)');
    writeFileSync(file, edited);
    write(path.join(clone, 'playbooks', 'mine.yaml'), miniPlaybook('mine'));
    repo.push({ 'playbooks/pipeline-coaching.yaml': miniPlaybook('pipeline-coaching', { version: '1.1.0' }) });
    const before = gitIn(clone, 'rev-parse', 'HEAD');
    const err = await failure(playbookUpdate(testContext(paths, { cwd: root }), { name: 'sales' }));
    expect(err.message).toBe('Team "sales" has local edits, and update never overwrites them:\n  playbooks/pipeline-coaching.yaml (changed)\n  playbooks/mine.yaml (new file)');
    expect(err.hint).toMatch(/repcoach playbook fork/);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(gitIn(clone, 'rev-parse', 'HEAD')).toBe(before);
  });

  it('reports a diverged history and changes nothing', async () => {
    const { paths, repo, root, clone } = await addedTeam();
    write(path.join(clone, 'playbooks', 'local.yaml'), miniPlaybook('local'));
    gitIn(clone, 'add', '-A');
    gitIn(clone, 'commit', '--quiet', '-m', 'A local commit');
    repo.push({ 'playbooks/upstream.yaml': miniPlaybook('upstream') });
    const before = gitIn(clone, 'rev-parse', 'HEAD');
    const err = await failure(playbookUpdate(testContext(paths, { cwd: root }), { name: 'sales' }));
    expect(err.message).toBe(
      'Team "sales" has diverged: your copy has 1 local commit the team repository does not, and it has 1 new one. Update only fast-forwards, so nothing was changed.',
    );
    expect(err.hint).toContain(`repcoach playbook remove sales --force && repcoach playbook add ${repo.url} --name sales`);
    expect(gitIn(clone, 'rev-parse', 'HEAD')).toBe(before);
  });

  it('says when only the local copy has new commits', async () => {
    const { paths, root, clone } = await addedTeam();
    write(path.join(clone, 'playbooks', 'local.yaml'), miniPlaybook('local'));
    gitIn(clone, 'add', '-A');
    gitIn(clone, 'commit', '--quiet', '-m', 'A local commit');
    const ctx = testContext(paths, { cwd: root });
    await playbookUpdate(ctx, {});
    expect(ctx.out()).toContain('sales: nothing new; your copy has 1 local commit the team repository does not.');
  });

  it('says when the remote cannot be reached, and keeps the copy usable', async () => {
    const { paths, repo, root } = await addedTeam();
    rmSync(repo.bare, { recursive: true, force: true });
    const ctx = testContext(paths, { cwd: root });
    const err = await failure(playbookUpdate(ctx, { name: 'sales' }));
    expect(err.message).toMatch(/^Cannot reach the team repository of "sales" \(file:\/\/.*team-playbooks\.git\): /);
    expect(err.hint).toMatch(/Your copy is unchanged and still usable/);
    expect((await resolvePlaybook('pipeline-coaching', paths, root, ctx.env)).source).toBe('team:sales');
  });

  it('updates the other teams when one fails, then fails naming it', async () => {
    const { paths, repo, root } = await addedTeam();
    const other = teamRepo(tempDir(), { 'coaching.yaml': miniPlaybook('coaching') });
    await playbookAdd(testContext(paths, { cwd: root }), { target: other.url, name: 'emea' });
    rmSync(repo.bare, { recursive: true, force: true });
    other.push({ 'coaching.yaml': miniPlaybook('coaching', { version: '2.0.0' }) });
    const ctx = testContext(paths, { cwd: root });
    const err = await failure(playbookUpdate(ctx, {}));
    expect(err.message).toBe('1 of 2 team sources could not be updated: sales. The others were.');
    expect(ctx.err()).toMatch(/^sales: Cannot reach the team repository/);
    expect(ctx.out()).toMatch(/^emea: updated [0-9a-f]+\.\.[0-9a-f]+, 1 file changed:\n {2}coaching\.yaml\n/);
    expect((await resolvePlaybook('coaching', paths, root, ctx.env)).playbook.version).toBe('2.0.0');
  });

  it('a folder source has nothing to pull; an unknown name is an error', async () => {
    const paths = tempPaths();
    const dir = tempDir();
    const ctx = testContext(paths, { cwd: dir });
    await playbookAdd(ctx, { target: dir, name: 'local' });
    const u = testContext(paths, { cwd: dir });
    await playbookUpdate(u, {});
    expect(u.out()).toContain(`local: a folder used in place (${dir}); nothing to pull.`);
    expect((await failure(playbookUpdate(u, { name: 'nope' }))).message).toBe('There is no team source named "nope".');
  });
});

describe('playbook remove', () => {
  it('deletes a clean clone and unregisters it', async () => {
    const { paths, root, clone } = await addedTeam();
    const ctx = testContext(paths, { cwd: root });
    await playbookRemove(ctx, { name: 'sales' });
    expect(ctx.out()).toBe(`Removed team source sales and its clone ${clone}.\n`);
    expect(existsSync(clone)).toBe(false);
    expect(await teams(paths)).toEqual([]);
  });

  it('refuses to delete a clone with local work unless forced', async () => {
    const { paths, root, clone } = await addedTeam();
    write(path.join(clone, 'playbooks', 'mine.yaml'), miniPlaybook('mine'));
    const err = await failure(playbookRemove(testContext(paths, { cwd: root }), { name: 'sales' }));
    expect(err.message).toContain('playbooks/mine.yaml (new file)');
    expect(existsSync(path.join(clone, 'playbooks', 'mine.yaml'))).toBe(true);
    expect((await teams(paths)).map((t) => t.name)).toEqual(['sales']);
    await playbookRemove(testContext(paths, { cwd: root }), { name: 'sales', force: true });
    expect(existsSync(clone)).toBe(false);
  });

  it('leaves a folder source on disk, and keeps settings entries it cannot read', async () => {
    const paths = tempPaths();
    const dir = tempDir();
    write(path.join(dir, 'ramp.yaml'), miniPlaybook('ramp'));
    await playbookAdd(testContext(paths, { cwd: dir }), { target: dir, name: 'shared' });
    const settings = await openSettings(paths);
    await settings.set('teams', [...(settings.get('teams') ?? []), { name: 'Hand Edited' } as never]);
    const ctx = testContext(paths, { cwd: dir });
    await playbookRemove(ctx, { name: 'shared' });
    expect(ctx.out()).toBe(`Removed team source shared; the folder ${dir} itself is untouched.\n`);
    expect(existsSync(path.join(dir, 'ramp.yaml'))).toBe(true);
    expect((await openSettings(paths)).get('teams')).toEqual([{ name: 'Hand Edited' }]);
    expect((await failure(playbookRemove(ctx, { name: 'shared' }))).message).toBe('There is no team source named "shared".');
  });
});

describe('playbook add --ref', () => {
  it('pins a team source to a branch, which update follows, or to a tag, which stays put', async () => {
    const root = tempDir();
    const repo = teamRepo(root, { 'playbooks/ramp.yaml': miniPlaybook('ramp', { version: '1.0.0' }) });
    gitIn(repo.work, 'tag', 'v1');
    gitIn(repo.work, 'push', '--quiet', 'origin', 'v1');
    gitIn(repo.work, 'checkout', '--quiet', '-b', 'emea');
    write(path.join(repo.work, 'playbooks', 'emea-only.yaml'), miniPlaybook('emea-only'));
    gitIn(repo.work, 'add', '-A');
    gitIn(repo.work, 'commit', '--quiet', '-m', 'EMEA');
    gitIn(repo.work, 'push', '--quiet', '-u', 'origin', 'emea');
    gitIn(repo.work, 'checkout', '--quiet', 'main');
    repo.push({ 'playbooks/ramp.yaml': miniPlaybook('ramp', { version: '2.0.0' }) });

    const paths = tempPaths();
    const ctx = testContext(paths, { cwd: root });
    await playbookAdd(ctx, { target: repo.url, name: 'emea', ref: 'emea' });
    expect(ctx.out()).toContain(`cloned ${repo.url} at emea into`);
    expect(ctx.out()).toContain('2 playbooks: emea-only, ramp');
    expect((await teams(paths))[0]?.ref).toBe('emea');

    const pinned = testContext(paths, { cwd: root });
    await playbookAdd(pinned, { target: repo.url, name: 'old', ref: 'v1' });
    expect(pinned.out()).toContain('1 playbook: ramp');
    const up = testContext(paths, { cwd: root });
    await playbookUpdate(up, {});
    expect(up.out()).toContain('emea: already up to date.');
    expect(up.out()).toContain('old: pinned to the tag v1; nothing to pull.');
    const ramp = readFileSync(path.join(paths.data, 'teams', 'old', 'playbooks', 'ramp.yaml'), 'utf8');
    expect(ramp).toContain('version: "1.0.0"');

    expect((await failure(playbookAdd(ctx, { target: repo.url, name: 'nope', ref: 'no-such-branch' }))).hint).toMatch(/branch or tag named "no-such-branch"/);
    expect((await failure(playbookAdd(ctx, { target: repo.url, name: 'opt', ref: '--upload-pack=x' }))).exitCode).toBe(2);
  });
});
