/**
 * Issue 14: a team repository cannot reach outside itself. Links that leave a
 * team source's folder (a clone, or a registered folder) are refused with a
 * message that names the file and where it points, never the target's content.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbookAdd } from '../src/commands/playbook-add.ts';
import { playbookList } from '../src/commands/playbook-list.ts';
import { playbookValidate } from '../src/commands/playbook-validate.ts';
import { checkPlaybookFile, readTextFile, resolvePlaybook } from '../src/playbook/load.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { gitIn, miniPlaybook, testContext, write } from './library-helpers.ts';

const SECRET = 'sk-live-7f3a9c1e';

/** A bare repository with a work clone; `commit` writes files (a string) and links ({ link: target }), commits and pushes. */
function bareRepo(root: string) {
  const bare = path.join(root, 'team.git');
  const work = path.join(root, 'team-work');
  mkdirSync(bare);
  gitIn(bare, 'init', '--quiet', '--bare', '-b', 'main');
  execFileSync('git', ['clone', '--quiet', bare, work], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'ignore' });
  const commit = (files: Record<string, string | { link: string }>) => {
    for (const [name, what] of Object.entries(files)) {
      const file = path.join(work, name);
      mkdirSync(path.dirname(file), { recursive: true });
      if (typeof what === 'string') writeFileSync(file, what);
      else symlinkSync(what.link, file);
    }
    gitIn(work, 'add', '-A');
    gitIn(work, 'commit', '--quiet', '-m', 'Playbooks');
    gitIn(work, 'push', '--quiet', 'origin', 'HEAD:main');
  };
  return { bare, work, commit };
}

/** A playbook outside every source whose title is a secret: it must never be read. */
function outsideFile(root: string, id = 'one-to-one'): string {
  return write(path.join(root, 'elsewhere', `${id}.yaml`), miniPlaybook(id, { title: SECRET }));
}

type Files = Record<string, string | { link: string } | null>;

/** `playbook add <bare path>` of a repository with ramp.yaml and `files` (null leaves a file out); `setup` may add files that need the temp folder. */
async function addBare(files: Files, setup?: (root: string) => Files) {
  const root = tempDir();
  const all: Files = { 'playbooks/ramp.yaml': miniPlaybook('ramp'), ...files, ...setup?.(root) };
  const repo = bareRepo(root);
  repo.commit(Object.fromEntries(Object.entries(all).filter((e): e is [string, string | { link: string }] => e[1] !== null)));
  const paths = tempPaths();
  const ctx = testContext(paths, { cwd: root });
  await playbookAdd(ctx, { target: repo.bare, name: 'sales' });
  const list = testContext(paths, { cwd: root });
  await playbookList(list, {});
  return { root, paths, ctx, list, clone: path.join(paths.data, 'teams', 'sales') };
}

describe('links in a team repository', () => {
  it('a bare repository given as a path is cloned, not read in place', async () => {
    const { ctx, clone } = await addBare({});
    expect(ctx.out()).toContain(`cloned `);
    expect(ctx.out()).toContain(`into ${clone}.`);
    expect(ctx.out()).toContain('1 playbook: ramp');
  });

  it('refuses a link to a file outside the clone, so it cannot replace a built-in', async () => {
    let target = '';
    const { ctx, list, paths, root } = await addBare({}, (r) => {
      target = outsideFile(r);
      return { 'playbooks/one-to-one.yaml': { link: target } };
    });
    for (const out of [ctx.out(), list.out()]) {
      expect(out).toContain(`one-to-one.yaml is a link to ${target}, outside the team source's folder`);
      expect(out).not.toContain(SECRET);
    }
    expect(list.out()).toMatch(/^one-to-one +.* built-in /m);
    expect((await resolvePlaybook('one-to-one', paths, root, ctx.env)).source).toBe('built-in');
  });

  it('refuses links to /etc/passwd and /dev/zero, and a chain of links that ends outside', async () => {
    const { ctx, list } = await addBare({
      'playbooks/passwd.yaml': { link: '/etc/passwd' },
      'playbooks/zero.yaml': { link: '/dev/zero' },
      'playbooks/hop.yaml': { link: 'hop2.yaml' },
      'playbooks/hop2.yaml': { link: '../outside.yaml' },
      'outside.yaml': { link: '/etc/hostname' },
      'playbooks/inner.yaml': { link: '../shared/inner.yaml' },
      'shared/inner.yaml': miniPlaybook('inner'),
    });
    const out = ctx.out() + list.out();
    expect(out).toContain("passwd.yaml is a link to /etc/passwd, outside the team source's folder");
    expect(out).toContain("zero.yaml is a link to /dev/zero, outside the team source's folder");
    expect(out).toMatch(/hop\.yaml is a link to hop2\.yaml \(which leads on to \/etc\/hostname\), outside/);
    expect(out).not.toMatch(/root:x:0/);
    // A link that stays inside the clone is fine.
    expect(ctx.out()).toContain('2 playbooks: inner, ramp');
  });

  it('refuses the whole source when its playbooks folder is a link outside', async () => {
    let outside = '';
    const { ctx, list, paths, root } = await addBare({}, (r) => {
      outside = path.dirname(outsideFile(r, 'coach'));
      return { 'playbooks/ramp.yaml': null, playbooks: { link: outside } };
    });
    expect(ctx.out()).toContain(`team:sales is not read: playbooks is a link to ${outside}, outside the team source's folder`);
    expect(list.out()).toContain('(refused, see below)');
    expect(list.out()).not.toContain(SECRET);
    expect(list.out()).not.toMatch(/^coach /m);
    await expect(resolvePlaybook('coach', paths, root, ctx.env)).rejects.toThrow(/No playbook with the id "coach"/);
  });

  it('refuses a dangling link and a loop of links with a message, not a crash', async () => {
    const { ctx } = await addBare({
      'playbooks/gone.yaml': { link: 'nowhere.yaml' },
      'playbooks/loop-a.yaml': { link: 'loop-b.yaml' },
      'playbooks/loop-b.yaml': { link: 'loop-a.yaml' },
    });
    expect(ctx.out()).toContain('gone.yaml is a link to nowhere.yaml, which does not exist');
    expect(ctx.out()).toContain('loop-a.yaml is a link to loop-b.yaml that loops back on itself');
  });
});

describe('links and special files in a registered folder', () => {
  it('refuses links outside it, and reads a FIFO inside it without blocking', async () => {
    const root = tempDir();
    const target = outsideFile(root);
    const shared = path.join(root, 'shared');
    write(path.join(shared, 'ramp.yaml'), miniPlaybook('ramp'));
    symlinkSync(target, path.join(shared, 'one-to-one.yaml'));
    execFileSync('mkfifo', [path.join(shared, 'pipe.yaml')]);
    const paths = tempPaths();
    const ctx = testContext(paths, { cwd: root });
    await playbookAdd(ctx, { target: 'shared' });
    const out = ctx.out();
    expect(out).toContain(`one-to-one.yaml is a link to ${target}, outside the team source's folder ${shared}`);
    expect(out).toMatch(/pipe\.yaml is not a regular file \(a named pipe\)/);
    expect(out).not.toContain(SECRET);
    expect((await resolvePlaybook('one-to-one', paths, root, ctx.env)).source).toBe('built-in');
  }, 10_000);
});

describe('reading never blocks or reads without bound', () => {
  it('a FIFO and /dev/zero are refused before they are read', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'p.yaml');
    execFileSync('mkfifo', [fifo]);
    await expect(readTextFile(fifo, 'playbook')).rejects.toThrow(/is not a regular file \(a named pipe\)/);
    await expect(readTextFile('/dev/zero', 'answers file')).rejects.toThrow(/\/dev\/zero is not a regular file \(a device\)/);
    const checked = await checkPlaybookFile('/dev/zero');
    expect(checked.problems.map((p) => p.message)).toEqual(['/dev/zero is not a regular file (a device); a playbook is a text file']);
  }, 10_000);

  it('a file at the size limit is read, one byte more is refused', async () => {
    const dir = tempDir();
    const ok = write(path.join(dir, 'ok.yaml'), 'a'.repeat(1000));
    const big = write(path.join(dir, 'big.yaml'), 'a'.repeat(1001));
    expect(await readTextFile(ok, 'x', 1000)).toHaveLength(1000);
    await expect(readTextFile(big, 'x', 1000)).rejects.toThrow(/may be at most/);
  });
});

describe('files that are not playbooks', () => {
  it('name their keys, never their values', async () => {
    const dir = tempDir();
    const file = write(path.join(dir, 'creds.yaml'), `aws_secret_access_key: ${SECRET}\nregion: eu-west-1\n`);
    const checked = await checkPlaybookFile(file);
    expect(checked.problems).toHaveLength(1);
    const message = checked.problems[0]?.message ?? '';
    expect(message).toContain('this is not a playbook');
    expect(message).toContain('"aws_secret_access_key", "region"');
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('eu-west-1');
    const ctx = testContext(tempPaths(), { cwd: dir });
    await expect(playbookValidate(ctx, { targets: [file] })).rejects.toThrow();
    expect(ctx.out()).not.toContain(SECRET);
  });

  it('a whole-file error is reported once, at its line, not wrapped in another', async () => {
    const dir = tempDir();
    const file = write(path.join(dir, 'big.yaml'), `# ${'x'.repeat(300 * 1024)}\n`);
    const checked = await checkPlaybookFile(file);
    expect(checked.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['1:1 the file is 300 KiB; a playbook may be at most 256 KiB']);
  });
});
