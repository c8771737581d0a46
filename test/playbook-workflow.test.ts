/** Issue 14: the team workflow: schema comments that work for every teammate, the documented CI step, recursive validate, answers templates. */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbookFork } from '../src/commands/playbook-fork.ts';
import { playbookNew } from '../src/commands/playbook-new.ts';
import { schemaFile } from '../src/playbook/load.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { gitIn, miniPlaybook, testContext, write } from './library-helpers.ts';

const SCHEMA_LINE = /^# yaml-language-server: \$schema=(.+)$/m;

function teamWorkTree(): string {
  const root = tempDir();
  gitIn(root, 'init', '--quiet', '-b', 'main');
  mkdirSync(path.join(root, 'playbooks'));
  return root;
}

describe('the $schema comment in a team repository', () => {
  it('new --to points at a copy of the schema in the repository, relative to the file', async () => {
    const root = teamWorkTree();
    const ctx = testContext(tempPaths(), { cwd: root });
    await playbookNew(ctx, { id: 'ramp', to: 'playbooks' });
    const text = readFileSync(path.join(root, 'playbooks', 'ramp.yaml'), 'utf8');
    expect(SCHEMA_LINE.exec(text)?.[1]).toBe('../schema/playbook.schema.json');
    expect(readFileSync(path.join(root, 'schema', 'playbook.schema.json'), 'utf8')).toBe(readFileSync(schemaFile(), 'utf8'));
    expect(ctx.out()).toContain('commit it with the playbook');
    expect(text).not.toContain(path.dirname(schemaFile()));
  });

  it('fork --to points at repcoach installed in the repository when it is', async () => {
    const root = teamWorkTree();
    const installed = write(path.join(root, 'node_modules', 'repcoach', 'schema', 'playbook.schema.json'), '{}');
    const paths = tempPaths();
    write(path.join(paths.playbooks, 'base.yaml'), miniPlaybook('base'));
    const ctx = testContext(paths, { cwd: path.join(root, 'playbooks') });
    await playbookFork(ctx, { ref: 'base', as: 'ours', to: '.' });
    const text = readFileSync(path.join(root, 'playbooks', 'ours.yaml'), 'utf8');
    expect(SCHEMA_LINE.exec(text)?.[1]).toBe('../node_modules/repcoach/schema/playbook.schema.json');
    expect(existsSync(installed)).toBe(true);
    expect(existsSync(path.join(root, 'schema'))).toBe(false);
  });

  it('outside a repository, the installed schema of this machine', async () => {
    const dir = tempDir();
    const ctx = testContext(tempPaths(), { cwd: dir });
    await playbookNew(ctx, { id: 'solo', to: 'mine' });
    expect(SCHEMA_LINE.exec(readFileSync(path.join(dir, 'mine', 'solo.yaml'), 'utf8'))?.[1]).toBe(schemaFile());
  });
});

describe('the CI step of docs/playbook-library.md', () => {
  const repo = path.resolve(import.meta.dirname, '..');
  const docs = readFileSync(path.join(repo, 'docs', 'playbook-library.md'), 'utf8');
  const step = /<!-- ci-step -->\n```sh\n([\s\S]*?)\n```\n<!-- \/ci-step -->/.exec(docs)?.[1] ?? '';

  it('is the step the GitHub and GitLab examples run', () => {
    expect(step).toMatch(/playbook validate playbooks\/$/);
    expect(docs.split(step).length - 1).toBe(3);
  });

  it('works as written on a clean machine, from the packed tarball alone', () => {
    if (!existsSync(path.join(repo, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
    const work = tempDir();
    // What the docs tell sales ops to do once: pack repcoach and keep the tarball in the team repository.
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    const team = path.join(work, 'team-playbooks');
    mkdirSync(path.join(team, 'tools'), { recursive: true });
    copyFileSync(path.join(work, out), path.join(team, 'tools', out));
    write(path.join(team, 'playbooks', 'ramp.yaml'), miniPlaybook('ramp'));
    write(path.join(team, 'playbooks', 'emea', 'broken.yaml'), miniPlaybook('broken').replace('version: "1.0.0"', 'version: 1.0'));
    const runner = path.join(work, 'runner-temp');
    mkdirSync(runner);
    // A clean machine: no node_modules anywhere above, nothing but node on the PATH.
    const env = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, RUNNER_TEMP: runner, HOME: work };
    const fail = spawnSync('bash', ['-ec', step], { cwd: team, env, encoding: 'utf8' });
    expect(fail.status, fail.stderr).toBe(1);
    expect(fail.stdout).toContain('ok    playbooks/ramp.yaml (ramp v1.0.0)');
    const problem = /^playbooks\/emea\/broken\.yaml:\d+:\d+: error: "version" must be text.*$/m.exec(fail.stdout)?.[0] ?? '';
    expect(problem).not.toBe('');
    // The documented problem matcher reads that line.
    expect(problem).toMatch(/^(.+):(\d+):(\d+): (error|warning): (.+)$/);

    rmSync(path.join(team, 'playbooks', 'emea'), { recursive: true });
    rmSync(path.join(runner, 'package'), { recursive: true });
    const pass = spawnSync('bash', ['-ec', step], { cwd: team, env, encoding: 'utf8' });
    expect(pass.status, pass.stderr + pass.stdout).toBe(0);
    expect(pass.stdout).toContain('1 file checked: 1 valid, 0 invalid');
  }, 60_000);
});

describe('playbook validate <folder>', () => {
  it('walks subfolders, skips hidden ones, and refuses links that leave the folder', async () => {
    const { playbookValidate } = await import('../src/commands/playbook-validate.ts');
    const { symlinkSync } = await import('node:fs');
    const dir = tempDir();
    write(path.join(dir, 'playbooks', 'top.yaml'), miniPlaybook('top'));
    write(path.join(dir, 'playbooks', 'emea', 'deep', 'down.yaml'), miniPlaybook('down'));
    write(path.join(dir, 'playbooks', '.git', 'hidden.yaml'), 'not: a playbook\n');
    const outside = write(path.join(dir, 'elsewhere', 'x.yaml'), miniPlaybook('x'));
    symlinkSync(outside, path.join(dir, 'playbooks', 'emea', 'x.yaml'));
    const ctx = testContext(tempPaths(), { cwd: dir });
    await expect(playbookValidate(ctx, { targets: ['playbooks'] })).rejects.toThrow(/1 of 3 playbooks are invalid/);
    expect(ctx.out()).toContain('ok    playbooks/top.yaml (top v1.0.0)');
    expect(ctx.out()).toContain('ok    playbooks/emea/deep/down.yaml (down v1.0.0)');
    expect(ctx.out()).toMatch(/playbooks\/emea\/x\.yaml:1:1: error: x\.yaml is a link to .*elsewhere\/x\.yaml, outside/);
    expect(ctx.out()).not.toContain('hidden');
  });
});

describe('playbook answers <id>', () => {
  it('writes a template that a scripted run takes once it is filled in', async () => {
    const { playbookAnswers } = await import('../src/commands/playbook-answers.ts');
    const { run } = await import('../src/commands/run.ts');
    const { parse } = await import('yaml');
    const paths = tempPaths();
    const dir = tempDir();
    const extra = `      - id: focus
        text: What kind of help?
        type: choice
        required: false
        options: [think, plan]
      - id: ok
        text: All good?
        type: yes-no
`;
    write(path.join(paths.playbooks, 'mini.yaml'), miniPlaybook('mini', { extra }));
    const ctx = testContext(paths, { cwd: dir });
    await playbookAnswers(ctx, { ref: 'mini' });
    const template = ctx.out();
    expect(template).toContain('# What do you want from this, {{rep}}?\n# (text) write text\ngoal: ""\n');
    expect(template).toContain('# (scale) write a whole number from 1 to 10\nconfidence: 6\n');
    expect(template).toContain('# (choice, optional) write one of "think", "plan"\n# focus: "think"\n');
    expect(template).toContain('# (yes-no) write true or false\nok: true\n');
    expect(Object.keys(parse(template) as object)).toEqual(['goal', 'confidence', 'ok']);

    await playbookAnswers(testContext(paths, { cwd: dir }), { ref: 'mini', out: 'answers.yaml' });
    const file = path.join(dir, 'answers.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('goal: ""', 'goal: A plan for Acme'));
    const r = testContext(paths, { cwd: dir });
    await run(r, { playbook: 'mini', rep: 'Sam Lee', answers: file, input: false });
    expect(readFileSync(r.out().trim(), 'utf8')).toContain('A plan for Acme');
    await expect(playbookAnswers(testContext(paths, { cwd: dir }), { ref: 'mini', out: 'answers.yaml' })).rejects.toThrow(/already exists/);
  });
});

describe('playbook answers for a built-in', () => {
  it('run untouched, lists what is missing, and never records a placeholder as an answer', async () => {
    const { playbookAnswers } = await import('../src/commands/playbook-answers.ts');
    const { run } = await import('../src/commands/run.ts');
    const paths = tempPaths();
    const dir = tempDir();
    await playbookAnswers(testContext(paths, { cwd: dir }), { ref: 'one-to-one', out: 'answers.yaml' });
    const template = readFileSync(path.join(dir, 'answers.yaml'), 'utf8');
    expect(template).not.toMatch(/^[a-z_]+: .*\{\{/m);
    expect(template).toMatch(/^actions: \[\]$/m);
    const err = await run(testContext(paths, { cwd: dir }), { playbook: 'one-to-one', rep: 'Sam Lee', answers: 'answers.yaml', input: false }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/^Missing required answers: .*\bactions\b/);
    const { listSessions } = await import('../src/store/store.ts');
    const [paused] = (await listSessions(paths)).sessions;
    expect([...(paused?.state.answers.values() ?? [])].some((v) => JSON.stringify(v).includes('{{'))).toBe(false);
  });
});

describe('playbook diff, three ways', () => {
  it('tells what upstream changed since the fork from what the fork changed itself', async () => {
    const { playbookDiff } = await import('../src/commands/playbook-diff.ts');
    const paths = tempPaths();
    const upstream = write(path.join(paths.playbooks, 'base.yaml'), miniPlaybook('base'));
    const root = teamWorkTree();
    await playbookFork(testContext(paths, { cwd: root }), { ref: 'base', as: 'ours', to: 'playbooks' });
    const fork = path.join(root, 'playbooks', 'ours.yaml');
    expect(readFileSync(path.join(root, 'playbooks', '.forked-from', 'ours.yaml'), 'utf8')).toBe(miniPlaybook('base'));

    // Upstream rewords one question and adds another; the fork rewords a different one.
    writeFileSync(
      upstream,
      miniPlaybook('base', { version: '1.1.0', extra: '      - id: blocker\n        text: What is in the way?\n' }).replace('How confident are you?', 'How sure are you, 1 to 10?'),
    );
    writeFileSync(fork, readFileSync(fork, 'utf8').replace('What do you want from this, {{rep}}?', 'What would make this hour worth it, {{rep}}?'));

    const d = testContext(paths, { cwd: root });
    await playbookDiff(d, { ref: fork });
    const out = d.out();
    const [fromUpstream = '', own = ''] = out.split("The fork's own changes");
    expect(fromUpstream).toContain('Changed upstream since the fork (base@1.0.0 → v1.1.0)');
    expect(fromUpstream).toContain('talk/confidence');
    expect(fromUpstream).toContain('+ talk/blocker (text): What is in the way?');
    expect(fromUpstream).not.toContain('talk/goal');
    expect(own).toContain('talk/goal');
    expect(own).toContain('What would make this hour worth it');
    expect(own).not.toContain('confidence');

    const j = testContext(paths, { cwd: root });
    await playbookDiff(j, { ref: fork, json: true });
    const data = JSON.parse(j.out()) as { upstreamChanges: { questions: Array<{ id: string }> }; ownChanges: { questions: Array<{ id: string }> } };
    expect(data.upstreamChanges.questions.map((q) => q.id).sort()).toEqual(['blocker', 'confidence']);
    expect(data.ownChanges.questions.map((q) => q.id)).toEqual(['goal']);
  });
});

describe('REPCOACH_HOME pointing at a file', () => {
  it('playbook list says so, and says nothing of saved answers or free space', async () => {
    const { playbookList } = await import('../src/commands/playbook-list.ts');
    const { resolvePaths } = await import('../src/util/paths.ts');
    const file = write(path.join(tempDir(), 'not-a-folder'), 'x');
    const paths = resolvePaths({ REPCOACH_HOME: file });
    const err = await playbookList(testContext(paths), {}).then(
      () => undefined,
      (e: unknown) => e as Error & { hint?: string },
    );
    expect(err?.message).toBe(`A folder could not be created, because a file is in its way: ${file}`);
    expect(err?.hint).toMatch(/point REPCOACH_HOME .* at a folder/);
    expect(`${err?.message} ${err?.hint}`).not.toMatch(/answers|space/i);
  });
});
