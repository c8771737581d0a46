/**
 * Helpers for the issue-4 tests: a small playbook, a CommandContext whose
 * output can be read back, a scripted Prompter, and whole sessions run
 * through the real runner (run/conversation.ts completeSession) or written as journals.
 */
import { PassThrough } from 'node:stream';
import type { CommandContext } from '../src/config/context.ts';
import { completeSession } from '../src/run/conversation.ts';
import { hashText } from '../src/playbook/load.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { ActionItem, AnswerValue, Playbook } from '../src/playbook/schema.ts';
import type { JournalEntry, StartEntry } from '../src/model/journal.ts';
import type { AskRequest, AskResult, Prompter } from '../src/run/questions.ts';
import { createSession } from '../src/store/store.ts';
import { openSettings } from '../src/config/settings.ts';
import { slugify } from '../src/util/names.ts';
import type { Paths } from '../src/util/paths.ts';

export const MINI_YAML = `
id: mini
title: Mini one-to-one
description: A short CLEAR-style conversation for tests.
version: "1.0.0"
stages:
  - id: contracting
    title: Contracting
    goal: Agree the outcome.
    questions:
      - id: outcome
        text: What do you want from today, {{rep}}?
  - id: action
    title: Action
    goal: Next steps.
    questions:
      - id: actions
        text: What will you do, and by when?
        type: actions
  - id: review
    title: Review
    goal: Confidence.
    questions:
      - id: confidence
        text: How confident are you?
        type: scale
      - id: learned
        text: What are you taking away?
        required: false
`;

export function miniPlaybook(extra = ''): Playbook {
  return parsePlaybook(MINI_YAML + extra, 'mini.yaml');
}

export interface TestContext {
  ctx: CommandContext;
  out: () => string;
  err: () => string;
  clock: { now: Date };
}

export function testContext(paths: Paths, now = new Date('2026-03-02T09:00:00Z'), color: 0 | 1 = 0): TestContext {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const outChunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => outChunks.push(c));
  stderr.on('data', (c: Buffer) => errChunks.push(c));
  const clock = { now };
  let n = 0;
  return {
    ctx: {
      paths,
      env: { ...process.env, REPCOACH_HOME: paths.data },
      cwd: paths.data,
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stdout,
      stderr,
      color,
      now: () => new Date(clock.now),
      newId: () => `a${String(++n).padStart(5, '0')}`,
    },
    out: () => Buffer.concat(outChunks).toString('utf8'),
    err: () => Buffer.concat(errChunks).toString('utf8'),
    clock,
  };
}

type Handler = (req: AskRequest) => AskResult | undefined;

/**
 * A Prompter that answers from `answers` by question id; a function answer
 * sees the request (for the commitment review, its text names the action).
 * Every request is recorded in `asked`, messages in `messages`.
 */
export function scriptedPrompter(answers: Record<string, AnswerValue | Handler>): Prompter & { asked: AskRequest[]; messages: string[] } {
  const asked: AskRequest[] = [];
  const messages: string[] = [];
  return {
    asked,
    messages,
    stage() {},
    async ask(req) {
      asked.push(req);
      const a = answers[req.question.id];
      if (typeof a === 'function') {
        const r = a(req);
        if (r) return r;
        throw new Error(`no scripted answer for "${req.text}"`);
      }
      if (a === undefined) {
        if (!req.question.required) return { kind: 'skip' };
        throw new Error(`no scripted answer for ${req.question.id}`);
      }
      if (req.question.type === 'actions' && Array.isArray(a) && req.savePartial) await req.savePartial(a as ActionItem[]);
      return { kind: 'answer', value: a };
    },
    recap() {},
    actionSummary() {},
    message(text) {
      messages.push(text);
    },
  };
}

/**
 * The outcome for each commitment by (a part of) its text. When some are not due yet, the
 * review asks first which to review: all of them, unless `scope` says otherwise.
 */
export function outcomes(byWhat: Record<string, string>, learned: Record<string, string> = {}, scope: 'all' | 'due' = 'all'): Record<string, Handler> {
  let current = '';
  return {
    'commitment-scope': () => ({ kind: 'answer', value: scope }),
    'commitment-outcome': (req) => {
      const key = Object.keys(byWhat).find((w) => req.text.includes(w));
      if (!key) return undefined;
      current = key;
      return { kind: 'answer', value: byWhat[key] ?? 'done' };
    },
    'commitment-learned': () => {
      const text = learned[current];
      return text ? { kind: 'answer', value: text } : { kind: 'skip' };
    },
  };
}

export function startEntryFor(pb: Playbook, rep: string, at: Date, deal?: string): Omit<StartEntry, 'id' | 'type' | 'v'> {
  return {
    at: at.toISOString(),
    rep: { name: rep, slug: slugify(rep, 'rep') },
    ...(deal ? { deal } : {}),
    manager: 'Jordan',
    playbook: { id: pb.id, version: pb.version, title: pb.title, hash: hashText(pb.id), source: 'test', file: 'mini.yaml' },
    snapshot: pb,
  };
}

/** A whole session run through the real runner (review, questions, finish, note), as `repcoach run` does. */
export async function runSession(
  t: TestContext,
  opts: { rep: string; deal?: string; answers: Record<string, AnswerValue | Handler>; playbook?: Playbook; topics?: string[] },
): Promise<{ id: string; prompter: ReturnType<typeof scriptedPrompter> }> {
  const pb = opts.playbook ?? miniPlaybook();
  const start = { ...startEntryFor(pb, opts.rep, t.clock.now, opts.deal), ...(opts.topics ? { topics: opts.topics } : {}) };
  const session = await createSession(t.ctx.paths, start, t.clock.now);
  const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
  const prompter = scriptedPrompter(opts.answers);
  try {
    await completeSession(t.ctx, await openSettings(t.ctx.paths), session, [first], prompter);
  } finally {
    // As `repcoach run` does: the session's lock goes when the run ends.
    await session.close();
  }
  return { id: session.id, prompter };
}

export function action(id: string, what: string, owner: ActionItem['owner'] = 'rep', due?: string): ActionItem {
  return { id, what, owner, ...(due ? { due } : {}) };
}

export function days(n: number): number {
  return n * 86_400_000;
}
