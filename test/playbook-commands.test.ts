import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbookDiff } from '../src/commands/playbook-diff.ts';
import { playbookFork } from '../src/commands/playbook-fork.ts';
import { playbookList } from '../src/commands/playbook-list.ts';
import { playbookNew } from '../src/commands/playbook-new.ts';
import { playbookSchema } from '../src/commands/playbook-schema.ts';
import { playbookShow } from '../src/commands/playbook-show.ts';
import { playbookValidate } from '../src/commands/playbook-validate.ts';
import { UserError, ValidationError } from '../src/util/errors.ts';
import { builtinDir, resolvePlaybook, schemaFile } from '../src/playbook/load.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { openSettings } from '../src/config/settings.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { miniPlaybook, testContext, write } from './library-helpers.ts';

async function failure(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof UserError)) throw new Error(`expected a UserError, got ${String(err)}`);
  return err;
}

/** A file whose every problem we know: a typo'd key, a bad type, a condition on a later question. */
const BROKEN = `id: broken
title: Broken
description: Three problems.
version: "1.0.0"
stages:
  - id: s
    title: S
    goal: g
    questions:
      - id: first
        text: First?
        when: { question: second, answered: true }
      - id: second
        text: Second?
        type: slider
        requird: false
`;

/** A built-in's version, read from its file: the built-ins are revised, and their versions bumped. */
function builtinVersion(id: string): string {
  return parsePlaybook(readFileSync(path.join(builtinDir(), `${id}.yaml`), 'utf8'), `${id}.yaml`).version;
}

describe('playbook validate', () => {
  function folder() {
    const dir = tempDir();
    write(path.join(dir, 'playbooks', 'good.yaml'), miniPlaybook('good'));
    write(path.join(dir, 'playbooks', 'broken.yaml'), BROKEN);
    write(path.join(dir, 'playbooks', 'notes.md'), '# not a playbook');
    return dir;
  }

  it('reports every problem of every file as file:line:column lines and fails', async () => {
    const dir = folder();
    const ctx = testContext(tempPaths(), { cwd: dir });
    const err = await failure(playbookValidate(ctx, { targets: ['playbooks/'] }));
    expect(err.exitCode).toBe(1);
    expect(err.message).toBe('1 of 2 playbooks are invalid.');
    const lines = ctx.out().trimEnd().split('\n');
    expect(lines[0]).toBe('playbooks/broken.yaml:15:15: error: "type" must be one of "text", "long-text", "choice", "multi-choice", "yes-no", "number", "scale", "actions"; got "slider" (stages[0].questions[1].type)');
    expect(lines[1]).toMatch(/^playbooks\/broken\.yaml:16:9: error: unknown key "requird" \(did you mean "required"\?\)/);
    expect(lines[2]).toBe('ok    playbooks/good.yaml (good v1.0.0)');
    expect(lines[3]).toBe('2 files checked: 1 valid, 1 invalid; 2 errors, 0 warnings.');
  });

  it('reports the problems the schema cannot see once the schema passes', async () => {
    const dir = tempDir();
    write(path.join(dir, 'broken.yaml'), BROKEN.replace('        type: slider\n        requird: false\n', ''));
    const ctx = testContext(tempPaths(), { cwd: dir });
    await failure(playbookValidate(ctx, { targets: ['broken.yaml'] }));
    expect(ctx.out()).toContain('broken.yaml:12:15: error: refers to "second", which is asked later');
  });

  it('passes a folder of valid playbooks and exits normally', async () => {
    const ctx = testContext(tempPaths(), { cwd: builtinDir() });
    await playbookValidate(ctx, { targets: ['.'] });
    expect(ctx.out()).toContain(`ok    one-to-one.yaml (one-to-one v${builtinVersion('one-to-one')})\n`);
    expect(ctx.out()).toMatch(/valid, 0 invalid; 0 errors, 0 warnings\.$/m);
  });

  it('gives JSON for tools, with the same problems', async () => {
    const dir = folder();
    const ctx = testContext(tempPaths(), { cwd: dir });
    await failure(playbookValidate(ctx, { targets: ['playbooks'], json: true }));
    const report = JSON.parse(ctx.out()) as { valid: boolean; errors: number; files: Array<{ file: string; valid: boolean; problems: Array<{ line: number; column: number }> }> };
    expect(report.valid).toBe(false);
    expect(report.errors).toBe(2);
    expect(report.files.map((f) => [f.file, f.valid, f.problems.map((p) => `${p.line}:${p.column}`)])).toEqual([
      ['playbooks/broken.yaml', false, ['15:15', '16:9']],
      ['playbooks/good.yaml', true, []],
    ]);
  });

  it('reports a missing path, an empty folder, a YAML syntax error and an id that does not match the file name', async () => {
    const dir = tempDir();
    write(path.join(dir, 'empty', 'readme.txt'), 'x');
    write(path.join(dir, 'syntax.yaml'), 'id: syntax\ntitle: [unclosed\n');
    write(path.join(dir, 'named.yaml'), miniPlaybook('other'));
    const ctx = testContext(tempPaths(), { cwd: dir });
    const err = await failure(playbookValidate(ctx, { targets: ['nope.yaml', 'empty', 'syntax.yaml', 'named.yaml'] }));
    expect(err.message).toBe('4 of 4 playbooks are invalid.');
    const out = ctx.out();
    expect(out).toContain('nope.yaml:1:1: error: no such file or folder');
    expect(out).toContain('empty:1:1: error: no playbooks (*.yaml, *.yml) in this folder');
    expect(out).toMatch(/^syntax\.yaml:\d+:\d+: error: /m);
    expect(out).toContain('named.yaml:2:5: error: the id "other" does not match the file name named.yaml');
  });
});

describe('playbook list', () => {
  async function library() {
    const paths = tempPaths();
    const root = tempDir();
    const team = path.join(root, 'team');
    write(path.join(team, 'one-to-one.yaml'), miniPlaybook('one-to-one', { title: 'Team one-to-one', version: '3.0.0' }));
    write(path.join(team, 'broken.yaml'), BROKEN);
    write(path.join(paths.playbooks, 'mine.yaml'), miniPlaybook('mine'));
    await (await openSettings(paths)).set('teams', [{ name: 'sales', kind: 'folder', dir: team, added: '2026-01-01' }]);
    return { paths, root, team };
  }

  it('shows id, title, version, source and question count; shadowed and invalid ones; the search order', async () => {
    const { paths, root, team } = await library();
    const ctx = testContext(paths, { cwd: root });
    await playbookList(ctx, {});
    const out = ctx.out();
    expect(out).toMatch(/^ID +TITLE +VERSION +SOURCE +QUESTIONS$/m);
    expect(out).toMatch(/^one-to-one +Team one-to-one +3\.0\.0 +team:sales +2$/m);
    expect(out).toMatch(/^mine +Playbook mine +1\.0\.0 +user +2$/m);
    expect(out).toContain(`  one-to-one  built-in  ${path.join(builtinDir(), 'one-to-one.yaml')}\n    shadowed by team:sales ${path.join(team, 'one-to-one.yaml')}`);
    expect(out).toContain(`  broken  team:sales  ${path.join(team, 'broken.yaml')}`);
    expect(out).toContain('team/broken.yaml:15:15: error: "type" must be one of');
    expect(out).toMatch(/1\. +team:sales +.*team\n +2\. +user +.*playbooks\n +3\. +built-in/);
  });

  it('searches folders given on the command line first', async () => {
    const { paths, root } = await library();
    write(path.join(root, 'drafts', 'mine.yaml'), miniPlaybook('mine', { title: 'Draft of mine' }));
    const ctx = testContext(paths, { cwd: root });
    await playbookList(ctx, { folders: ['drafts'], json: true });
    const data = JSON.parse(ctx.out()) as { sources: Array<{ source: string }>; playbooks: Array<{ id: string; title: string; source: string; shadowedBy: { source: string } | null }> };
    expect(data.sources.map((s) => s.source)).toEqual(['path', 'team:sales', 'user', 'built-in']);
    const mine = data.playbooks.filter((p) => p.id === 'mine').map((p) => [p.title, p.source, p.shadowedBy?.source ?? null]);
    expect(mine).toEqual([
      ['Draft of mine', 'path', null],
      ['Playbook mine', 'user', 'path'],
    ]);
  });

  it('gives JSON with invalid playbooks and their problems', async () => {
    const { paths, root } = await library();
    const ctx = testContext(paths, { cwd: root });
    await playbookList(ctx, { json: true });
    const data = JSON.parse(ctx.out()) as { invalid: Array<{ id: string; source: string; problems: Array<{ line: number }> }> };
    expect(data.invalid.map((e) => [e.id, e.source, e.problems.map((p) => p.line)])).toEqual([['broken', 'team:sales', [15, 16]]]);
  });
});

describe('playbook show', () => {
  it('outlines stages, goals, tips and questions with their types and conditions', async () => {
    const ctx = testContext(tempPaths());
    await playbookShow(ctx, { ref: 'one-to-one' });
    const out = ctx.out();
    const count = parsePlaybook(readFileSync(path.join(builtinDir(), 'one-to-one.yaml'), 'utf8'), 'one-to-one.yaml').stages.flatMap((s) => s.questions).length;
    expect(out).toMatch(new RegExp(`^One-to-one \\(CLEAR\\) +one-to-one v${builtinVersion('one-to-one').replaceAll('.', '\\.')} · CLEAR · 5 stages · ${count} questions$`, 'm'));
    expect(out).toContain('C · Contracting  stage 1/5 · contracting');
    expect(out).toContain('  Tip:  Let {{rep}} set the agenda.');
    expect(out).toContain('   3. focus  choice · optional');
    expect(out).toContain('      options: think-aloud (Space to think out loud), options (Widening my options)');
    expect(out).toMatch(/confidence {2}scale · required · 1-10\n/);
    expect(out).toContain('      only when confidence < 7');
    expect(out).toContain('      only when already_tried is answered');
  });

  it('neutralises control characters from the file', async () => {
    const dir = tempDir();
    const file = write(path.join(dir, 'esc.yaml'), miniPlaybook('esc', { title: '"Esc \\u001b[31mred"' }));
    const ctx = testContext(tempPaths(), { cwd: dir });
    await playbookShow(ctx, { ref: file });
    expect(ctx.out()).toContain('Esc red');
    expect(ctx.out()).not.toContain('\u001b');
  });
});

describe('playbook new', () => {
  it('writes a valid CLEAR playbook with the schema comment into the user folder', async () => {
    const paths = tempPaths();
    const ctx = testContext(paths);
    await playbookNew(ctx, { id: 'price-objections' });
    const file = path.join(paths.playbooks, 'price-objections.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schemaFile()}`);
    expect(path.isAbsolute(schemaFile())).toBe(true);
    expect(parsePlaybook(text, file).stages.map((s) => s.title)).toEqual(['Contracting', 'Listening', 'Exploring', 'Action', 'Review']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ctx.out()).toContain('Run it with: repcoach run price-objections');
    // It is found by id straight away.
    expect((await resolvePlaybook('price-objections', paths, ctx.cwd, ctx.env)).source).toBe('user');
    const v = testContext(paths, { cwd: paths.playbooks });
    await playbookValidate(v, { targets: ['price-objections.yaml'] });
    expect(v.out()).toContain('ok    price-objections.yaml');
  });

  it('writes to --to, says how to run it from a folder that is not searched, and never overwrites', async () => {
    const dir = tempDir();
    const ctx = testContext(tempPaths(), { cwd: dir });
    await playbookNew(ctx, { id: 'ramp', to: 'playbooks' });
    const file = path.join(dir, 'playbooks', 'ramp.yaml');
    expect(existsSync(file)).toBe(true);
    expect(ctx.out()).toContain(`Run it with: repcoach run ${file}`);
    writeFileSync(file, 'edited by hand');
    const err = await failure(playbookNew(ctx, { id: 'ramp', to: 'playbooks' }));
    expect(err.message).toBe(`${file} already exists; it was left as it is.`);
    expect(readFileSync(file, 'utf8')).toBe('edited by hand');
  });

  it.each(['../escape', 'Upper', 'a/b', ''])('refuses the id %j', async (id) => {
    const paths = tempPaths();
    const err = await failure(playbookNew(testContext(paths), { id }));
    expect(err.exitCode).toBe(2);
    expect(existsSync(paths.playbooks)).toBe(false);
  });
});

describe('playbook fork and diff', () => {
  it('forks a built-in into the user folder, recording where it came from; diff shows the edits question by question', async () => {
    const paths = tempPaths();
    const ctx = testContext(paths);
    await playbookFork(ctx, { ref: 'one-to-one', as: 'acme-one-to-one' });
    const file = path.join(paths.playbooks, 'acme-one-to-one.yaml');
    const text = readFileSync(file, 'utf8');
    const v = builtinVersion('one-to-one');
    expect(text).toContain(`forkedFrom: one-to-one@${v}\n`);
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schemaFile()}`);
    expect(ctx.out()).toContain(`Forked one-to-one@${v} (built-in) to`);
    expect(ctx.out()).toContain('repcoach playbook diff acme-one-to-one');

    const same = testContext(paths);
    await playbookDiff(same, { ref: 'acme-one-to-one' });
    expect(same.out()).toContain('No differences: the fork has the same stages and questions as one-to-one.');

    // The team edits its fork: a question reworded, one dropped, one added.
    const edited = text
      .replace('What have you already tried?', 'What have you tried so far, and what happened?')
      .replace(/ {6}- id: what_else\n( {8}.*\n)+?(?= {6}- id: without_me)/, '')
      .replace('      - id: without_me', '      - id: who_else\n        text: Who else on the buyer side could move this?\n        type: text\n      - id: without_me')
      .replace('What are you taking away from this conversation?\n        type: text', 'What are you taking away from this conversation?\n        type: long-text');
    writeFileSync(file, edited);
    const d = testContext(paths);
    await playbookDiff(d, { ref: 'acme-one-to-one' });
    const out = d.out();
    expect(out).toContain(`compared with one-to-one v${v} (built-in, ${path.join(builtinDir(), 'one-to-one.yaml')})`);
    expect(out).toContain('  ~ listening/already_tried\n      text:\n        - "What have you already tried?"\n        + "What have you tried so far, and what happened?"\n');
    expect(out).toContain('  + exploring/who_else (text): Who else on the buyer side could move this?');
    expect(out).toContain('  - exploring/what_else (text): What else could explain what is happening?');
    expect(out).toContain('  ~ review/learned\n      type: "text" → "long-text"\n');
    expect(out).toContain('4 differences.');
  });

  it('diff says when upstream moved on since the fork, and compares with the next playbook of a shared id', async () => {
    const paths = tempPaths();
    const ctx = testContext(paths);
    // A team override with the same id as the built-in, forked from an older version.
    await playbookFork(ctx, { ref: 'one-to-one', as: 'one-to-one' });
    const file = path.join(paths.playbooks, 'one-to-one.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`forkedFrom: one-to-one@${builtinVersion('one-to-one')}`, 'forkedFrom: one-to-one@0.9.0'));
    expect((await resolvePlaybook('one-to-one', paths, ctx.cwd, ctx.env)).file).toBe(file);
    const d = testContext(paths);
    await playbookDiff(d, { ref: 'one-to-one', json: true });
    const data = JSON.parse(d.out()) as { base: { source: string }; upstreamChangedSinceFork: boolean; questions: unknown[] };
    expect(data.base.source).toBe('built-in');
    expect(data.upstreamChangedSinceFork).toBe(true);
    expect(data.questions).toEqual([]);
  });

  it('fork defaults to <id>-fork, refuses to overwrite, and diff refuses a playbook that is no fork', async () => {
    const paths = tempPaths();
    await playbookFork(testContext(paths), { ref: 'one-to-one' });
    expect(existsSync(path.join(paths.playbooks, 'one-to-one-fork.yaml'))).toBe(true);
    const again = await failure(playbookFork(testContext(paths), { ref: 'one-to-one' }));
    expect(again.message).toMatch(/one-to-one-fork\.yaml already exists/);
    const notFork = await failure(playbookDiff(testContext(paths), { ref: 'one-to-one' }));
    expect(notFork.message).toMatch(/was not forked from another playbook/);
  });

  it('diff says when the playbook it was forked from is nowhere to be found', async () => {
    const dir = tempDir();
    const file = write(path.join(dir, 'orphan.yaml'), miniPlaybook('orphan', { extra: '' }).replace('version: "1.0.0"', 'version: "1.0.0"\nforkedFrom: vanished@1.0.0'));
    const err = await failure(playbookDiff(testContext(tempPaths(), { cwd: dir }), { ref: file }));
    expect(err.message).toBe('orphan was forked from vanished@1.0.0, but no source has a playbook "vanished" to compare it with.');
  });
});

describe('playbook schema', () => {
  it('prints the shipped JSON Schema, or its path', async () => {
    const text = testContext(tempPaths());
    await playbookSchema(text, {});
    const schema = JSON.parse(text.out()) as { $ref: string; definitions: Record<string, unknown> };
    expect(schema.$ref).toBe('#/definitions/Playbook');
    expect(Object.keys(schema.definitions)).toEqual(expect.arrayContaining(['Playbook', 'Stage', 'Question', 'Condition']));
    const where = testContext(tempPaths());
    await playbookSchema(where, { path: true });
    expect(where.out()).toBe(`${schemaFile()}\n`);
    expect(readFileSync(schemaFile(), 'utf8')).toBe(text.out());
  });
});

describe('invalid playbooks never stop a run', () => {
  it('a broken copy in the user folder is named, and the built-in is used', async () => {
    const paths = tempPaths();
    write(path.join(paths.playbooks, 'one-to-one.yaml'), BROKEN.replace('id: broken', 'id: one-to-one'));
    const loaded = await resolvePlaybook('one-to-one', paths, paths.data, {});
    expect(loaded.source).toBe('built-in');
    expect(loaded.skipped?.[0]?.problems.length).toBe(2);
    await expect(resolvePlaybook(path.join(paths.playbooks, 'one-to-one.yaml'), paths)).rejects.toBeInstanceOf(ValidationError);
  });
});
