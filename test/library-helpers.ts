/** Helpers for the playbook library tests: a command context that records output, small playbooks, local git repositories. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandContext } from '../src/config/context.ts';
import type { Paths } from '../src/util/paths.ts';

/** git for tests: no global or system config, a fixed identity, so it runs the same on any machine. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

export interface TestContext extends CommandContext {
  out(): string;
  err(): string;
}

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const write = (chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  };
  const stream = { write } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

export function testContext(paths: Paths, opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdinIsTTY?: boolean } = {}): TestContext {
  const stdout = sink();
  const stderr = sink();
  let n = 0;
  return {
    paths,
    env: { ...GIT_ENV, REPCOACH_HOME: paths.data, ...opts.env },
    cwd: opts.cwd ?? paths.data,
    stdinIsTTY: opts.stdinIsTTY ?? false,
    stdoutIsTTY: false,
    stdout: stdout.stream,
    stderr: stderr.stream,
    color: 0,
    now: () => new Date('2026-03-02T10:00:00Z'),
    newId: () => `a${(n++).toString(16).padStart(5, '0')}`,
    out: stdout.text,
    err: stderr.text,
  };
}

/** A small valid playbook: one stage, a text and a scale question. */
export function miniPlaybook(id: string, opts: { version?: string; title?: string; extra?: string } = {}): string {
  return `# ${id}: a small playbook for tests
id: ${id}
title: ${opts.title ?? `Playbook ${id}`}
description: A playbook used in tests.
version: "${opts.version ?? '1.0.0'}"
stages:
  - id: talk
    title: Talk
    goal: Talk it through.
    tip: Listen first.
    questions:
      - id: goal
        text: What do you want from this, {{rep}}?
      - id: confidence
        text: How confident are you?
        type: scale
${opts.extra ?? ''}`;
}

export function write(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test Author', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface TeamRepo {
  bare: string;
  url: string;
  /** A clone the "team" pushes from. */
  work: string;
  /** Write files in the work clone, commit and push them. */
  push(files: Record<string, string>, message?: string): void;
}

/** A bare repository in `root` with the given files pushed to main, reachable by a file:// URL. */
export function teamRepo(root: string, files: Record<string, string>): TeamRepo {
  const bare = path.join(root, 'team-playbooks.git');
  const work = path.join(root, 'team-work');
  mkdirSync(bare, { recursive: true });
  gitIn(bare, 'init', '--quiet', '--bare', '-b', 'main');
  mkdirSync(work, { recursive: true });
  gitIn(work, 'init', '--quiet', '-b', 'main');
  gitIn(work, 'remote', 'add', 'origin', bare);
  const push = (next: Record<string, string>, message = 'Update playbooks') => {
    for (const [name, text] of Object.entries(next)) write(path.join(work, name), text);
    gitIn(work, 'add', '-A');
    gitIn(work, 'commit', '--quiet', '-m', message);
    gitIn(work, 'push', '--quiet', '-u', 'origin', 'main');
  };
  push(files, 'First playbooks');
  return { bare, url: pathToFileURL(bare).href, work, push };
}
