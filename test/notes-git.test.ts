/**
 * notes.git against real temporary repositories: a plain folder is
 * initialised, each note is committed on its own, an unchanged note makes no
 * commit, and a missing git is a warning while the note stays written.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { config } from '../src/commands/config.ts';
import { commitNotes } from '../src/note/git.ts';
import { cli, passFile } from './harness/data.ts';
import { git, isolatedGitEnv, tempDir, tempPaths } from './helpers.ts';
import { miniPlaybook } from './library-helpers.ts';
import { action, outcomes, runSession, testContext } from './lookback-helpers.ts';

describe('commitNotes', () => {
  it('initialises a plain folder, commits only the given note, and makes no empty commit', async () => {
    const dir = tempDir();
    const env = isolatedGitEnv(tempDir());
    const note = path.join(dir, 'sam-lee', '2026-03-02-mini.md');
    mkdirSync(path.dirname(note), { recursive: true });
    writeFileSync(note, '# First\n');
    writeFileSync(path.join(dir, 'unrelated.txt'), 'not a note\n');

    expect(await commitNotes(dir, [note], 'Coaching note: Sam Lee, 2026-03-02 (mini)', { env, author: 'Jordan' })).toEqual({ committed: true });
    expect(git(dir, env, 'log', '--format=%s|%an')).toBe('Coaching note: Sam Lee, 2026-03-02 (mini)|Jordan\n');
    expect(git(dir, env, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('sam-lee/2026-03-02-mini.md');

    expect(await commitNotes(dir, [note], 'again', { env })).toEqual({ committed: false });
    writeFileSync(note, '# First, edited\n');
    expect(await commitNotes(dir, [note], 'Edited', { env })).toEqual({ committed: true });
    expect(git(dir, env, 'rev-list', '--count', 'HEAD').trim()).toBe('2');
    expect(git(dir, env, 'status', '--porcelain')).toBe('?? unrelated.txt\n');
  });

  it('commits in the repository a notes folder already belongs to', async () => {
    const repo = tempDir();
    const env = isolatedGitEnv(tempDir());
    git(repo, env, 'init', '--quiet');
    const notes = path.join(repo, 'vault', 'coaching');
    mkdirSync(notes, { recursive: true });
    const note = path.join(notes, 'n.md');
    writeFileSync(note, 'x\n');
    expect((await commitNotes(notes, [note], 'Note', { env })).committed).toBe(true);
    expect(git(repo, env, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('vault/coaching/n.md');
  });

  it('warns, without throwing, when git is not installed', async () => {
    const dir = tempDir();
    const note = path.join(dir, 'n.md');
    writeFileSync(note, 'x\n');
    const r = await commitNotes(dir, [note], 'Note', { env: { PATH: tempDir(), HOME: dir } });
    expect(r.committed).toBe(false);
    expect(r.warning).toMatch(/git is not installed/);
    expect(readFileSync(note, 'utf8')).toBe('x\n');
  });
});

describe('notes.git in a run', () => {
  it('commits every note a run writes when the setting is on, and only then', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    t.ctx.env = { ...isolatedGitEnv(tempDir()), REPCOACH_HOME: paths.data };
    await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'x', actions: [action('a', 'Call')], confidence: 5 } });
    expect(() => git(paths.notes, t.ctx.env, 'rev-parse', '--git-dir')).toThrow();

    await config(t.ctx, { action: 'set', key: 'notes.git', value: 'true' });
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    await runSession(t, { rep: 'Sam Lee', answers: { ...outcomes({ Call: 'done' }), outcome: 'y', actions: [], confidence: 6 } });
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    await runSession(t, { rep: 'Ana Díaz', answers: { outcome: 'z', actions: [], confidence: 6 } });
    expect(git(paths.notes, t.ctx.env, 'log', '--format=%s')).toBe(
      'Coaching note: Ana Díaz, 2026-03-04 (mini)\nCoaching note: Sam Lee, 2026-03-03 (mini)\n',
    );
    expect(git(paths.notes, t.ctx.env, 'ls-files').split('\n').filter(Boolean)).toEqual(['ana-diaz/2026-03-04-mini.md', 'sam-lee/2026-03-03-mini.md']);

    // Without git the run still writes its note, and says why nothing was committed.
    const noGit = testContext(paths, new Date('2026-03-05T09:00:00Z'));
    noGit.ctx.env = { PATH: tempDir(), HOME: tempDir(), REPCOACH_HOME: paths.data };
    await runSession(noGit, { rep: 'Lena Becker', answers: { outcome: 'w', actions: [], confidence: 6 } });
    expect(noGit.err()).toMatch(/warning: notes.git is on, but git is not installed/);
    expect(readFileSync(path.join(paths.notes, 'lena-becker', '2026-03-05-mini.md'), 'utf8')).toContain('# Coaching note: Lena Becker');
  });
});

describe('notes.git keeps the repository private (issue 15)', () => {
  const modeOf = (p: string) => statSync(p).mode & 0o777;

  it('a repository it creates is readable by the owner alone, objects included, and stays so', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const env = isolatedGitEnv(tempDir());
    const note = path.join(dir, 'sam-lee', '2026-03-02-mini.md');
    mkdirSync(path.dirname(note), { recursive: true });
    writeFileSync(note, '# A note about Sam\n', { mode: 0o600 });
    expect(await commitNotes(dir, [note], 'first', { env })).toEqual({ committed: true });
    writeFileSync(note, '# A note about Sam, edited\n');
    expect(await commitNotes(dir, [note], 'second', { env })).toEqual({ committed: true });
    const open: string[] = [];
    const walk = (p: string) => {
      const st = statSync(p);
      if ((st.mode & 0o077) !== 0) open.push(`${p} ${(st.mode & 0o777).toString(8)}`);
      if (st.isDirectory()) for (const n of readdirSync(p)) walk(path.join(p, n));
    };
    walk(path.join(dir, '.git'));
    expect(open).toEqual([]);
    expect(modeOf(path.join(dir, '.git'))).toBe(0o700);
  });

  it('run from inside a git hook (GIT_DIR set), the note goes to the notes repository, not the hook\'s', async () => {
    const dir = tempDir();
    const env = isolatedGitEnv(tempDir());
    const other = tempDir();
    git(other, env, 'init', '--quiet');
    const note = path.join(dir, 'sam-lee', '2026-03-02-mini.md');
    mkdirSync(path.dirname(note), { recursive: true });
    writeFileSync(note, '# Note\n');
    const hookEnv = { ...env, GIT_DIR: path.join(other, '.git'), GIT_WORK_TREE: other };
    expect(await commitNotes(dir, [note], 'from a hook', { env: hookEnv })).toEqual({ committed: true });
    expect(git(dir, env, 'log', '--format=%s')).toBe('from a hook\n');
    expect(() => git(other, env, 'log')).toThrow();
  });
});

describe('encryption on with notes in git (issue 15)', () => {
  it('warns that notes committed before stay in the history in plain text', () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const gitEnv = isolatedGitEnv(root) as Record<string, string>;
    const pb = path.join(root, 'mini.yaml');
    writeFileSync(pb, miniPlaybook('mini'));
    writeFileSync(path.join(root, 'answers.yaml'), 'goal: A plan\nconfidence: 7\n');
    expect(cli(home, ['config', 'set', 'notes.git', 'true'], { env: gitEnv }).status).toBe(0);
    const run = cli(home, ['run', pb, '--rep', 'Sam Lee', '--answers', path.join(root, 'answers.yaml'), '--no-input'], { env: gitEnv });
    expect(run.status, run.stderr).toBe(0);
    expect(git(path.join(home, 'notes'), gitEnv, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    const on = cli(home, ['encryption', 'on', '--passphrase-file', passFile(root)], { env: gitEnv, timeout: 60_000 });
    expect(on.status, on.stderr).toBe(0);
    expect(on.stderr).toMatch(/is a git repository: notes committed before now stay in its history in plain text/);
  }, 60_000);
});
