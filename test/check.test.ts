import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { check, lineAndColumn } from '../src/commands/check.ts';
import type { CommandContext } from '../src/config/context.ts';
import { UsageError, UserError } from '../src/util/errors.ts';
import { resolvePaths } from '../src/util/paths.ts';
import { tempDir } from './helpers.ts';

const RESCUING = `Hi Sam,

Thanks for the update on Globex. Leave it with me, I'll call their VP tomorrow.
Send me the thread when you can.
`;
const COACHING = `Hi Sam,

Thanks for flagging Globex early. Before we meet, what have you already tried?
I'll call you tomorrow to hear your plan; I won't jump in on this one.
`;

function context(home: string, opts: { stdinIsTTY?: boolean; color?: 0 | 1 } = {}) {
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const ctx: CommandContext = {
    paths: resolvePaths({ REPCOACH_HOME: home }),
    env: {},
    cwd: home,
    stdinIsTTY: opts.stdinIsTTY ?? true,
    stdoutIsTTY: false,
    stdout,
    stderr: stdout,
    color: opts.color ?? 0,
    now: () => new Date('2026-11-23T09:45:00Z'),
    newId: () => 'abc123',
  };
  return { ctx, output: () => out };
}

describe('repcoach check', () => {
  it('keeps the carets under the words after an emoji or a CJK name, and under plain text', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'wide.txt'), '🙂 王芳: leave it with me\nOK: leave it with me\n');
    const { ctx, output } = context(dir);
    expect(await check(ctx, { file: 'wide.txt', json: false })).toBe(3);
    // The emoji and each CJK character take two columns.
    expect(output()).toContain(`     │ ${' '.repeat(9)}${'^'.repeat('leave it with me'.length)}`);
    expect(output()).toContain(`     │ ${' '.repeat(4)}${'^'.repeat('leave it with me'.length)}`);
  });

  it('flags a rescuing email draft with the words, the reason and an alternative, and returns 3', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'draft.txt'), RESCUING);
    const { ctx, output } = context(dir);
    expect(await check(ctx, { file: 'draft.txt', json: false })).toBe(3);
    const out = output();
    expect(out).toContain('draft.txt:3:34  Taking the deal over');
    expect(out).toContain("   3 │ Thanks for the update on Globex. Leave it with me, I'll call their VP tomorrow.");
    expect(out).toContain(`     │ ${' '.repeat(33)}${'^'.repeat('Leave it with me'.length)}`);
    expect(out).toContain('draft.txt:4:1  Asking for the deal to be handed over');
    expect(out).toMatch(/Instead: Ask: “What’s your next move\?”/);
    expect(out).toContain('3 possible rescues in draft.txt');
  });

  it('passes a coaching draft and returns 0', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'draft.txt'), COACHING);
    const { ctx, output } = context(dir);
    expect(await check(ctx, { file: 'draft.txt', json: false })).toBe(0);
    expect(output()).toContain('No rescue language found in draft.txt.');
  });

  it('reads standard input with "-", or when it is piped', async () => {
    const dir = tempDir();
    const a = context(dir);
    expect(await check(a.ctx, { file: '-', json: true, stdin: Readable.from([Buffer.from(RESCUING)]) })).toBe(3);
    const json = JSON.parse(a.output());
    expect(json.source).toBe('<stdin>');
    expect(json.flagged).toBe(3);
    expect(json.findings[0]).toMatchObject({ line: 3, column: 34, words: 'Leave it with me', category: 'takeover' });
    expect(RESCUING.slice(json.findings[1].start, json.findings[1].end)).toBe("I'll call their VP");
    const b = context(dir, { stdinIsTTY: false });
    expect(await check(b.ctx, { json: false, stdin: Readable.from([COACHING]) })).toBe(0);
  });

  it('asks for a file when there is nothing to read', async () => {
    const { ctx } = context(tempDir());
    await expect(check(ctx, { json: false })).rejects.toBeInstanceOf(UsageError);
  });

  it('says a missing file was not found and suggests standard input, not playbooks (issue 10)', async () => {
    const dir = tempDir();
    const { ctx } = context(dir);
    const err = await check(ctx, { json: false, file: 'missing.txt' }).then(
      () => undefined,
      (e: unknown) => e as UserError,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(err?.message).toBe(`File not found: ${path.join(dir, 'missing.txt')}.`);
    expect(err?.hint).toContain('repcoach check -');
    expect(`${err?.message} ${err?.hint}`).not.toContain('playbook');
  });

  it('uses the deal and the settings phrase lists', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'plan.txt'), "I'll call Acme tomorrow. Park it with me.\n");
    const { ctx, output } = context(dir);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ rescuePhrases: ['park it with me'] }));
    ctx.paths.config = dir;
    expect(await check(ctx, { file: 'plan.txt', json: true, deal: 'Acme renewal' })).toBe(3);
    expect(JSON.parse(output()).findings.map((f: { words: string }) => f.words)).toEqual(["I'll call Acme", 'Park it with me']);
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('repcoach check, the built binary', () => {
  const cli = path.resolve(import.meta.dirname, '..', 'dist', 'cli.js');
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', env: { ...process.env, REPCOACH_HOME: tempDir(), NO_COLOR: '1' } });

  it('exits 3 on a rescuing draft and 0 on a coaching one', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'rescue.txt'), RESCUING);
    writeFileSync(path.join(dir, 'coach.txt'), COACHING);
    const flagged = run(['check', path.join(dir, 'rescue.txt')]);
    expect(flagged.status).toBe(3);
    expect(flagged.stdout).toContain('Leave it with me');
    expect(run(['check', path.join(dir, 'coach.txt')]).status).toBe(0);
    expect(run(['check', '-'], RESCUING).status).toBe(3);
    expect(run(['check', '--json'], COACHING).stdout).toContain('"flagged": 0');
  });

  it('exits 1 with a clear message for a missing file, and shows examples in --help', () => {
    const missing = run(['check', 'no-such-file.txt']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/File not found: .*no-such-file\.txt/);
    expect(missing.stderr).toContain('repcoach check -');
    expect(missing.stderr).not.toContain('playbook list');
    const help = run(['check', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('Exit codes: 0 nothing flagged, 3 rescue language found');
  });
});
