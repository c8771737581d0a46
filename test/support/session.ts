/** Shared makings for session tests: a small playbook, start entries, a clock. */
import { readFileSync } from 'node:fs';
import { parsePlaybook } from '../../src/playbook/parse.ts';
import type { Playbook } from '../../src/playbook/schema.ts';
import type { JournalEntry, StartEntry } from '../../src/model/journal.ts';
import { finishSession } from '../../src/run/finish.ts';
import { runQuestions, type Prompter } from '../../src/run/questions.ts';
import { createSession, loadSession, SessionHandle } from '../../src/store/store.ts';
import type { Paths } from '../../src/util/paths.ts';

/** Two stages, one of every kind of step a flow meets: required, optional, conditional, choice, actions, scale. */
export const FLOW_PLAYBOOK_TEXT = `
id: flow
title: Flow test
description: A playbook for flow tests.
version: "2.1.0"
stages:
  - id: contracting
    title: Contracting
    goal: Agree the outcome with {{rep}}.
    tip: Let {{rep}} set the agenda.
    questions:
      - id: outcome
        text: What do you want from today, {{rep}}?
      - id: focus
        text: What kind of help?
        type: choice
        options:
          - {value: plan, label: Building a plan}
          - {value: skill, label: Working on a skill}
      - id: skill
        text: Which skill?
        when: {question: focus, equals: skill}
      - id: extra
        text: Anything else about {{answers.outcome}}?
        required: false
  - id: action
    title: Action
    goal: "{{rep}} owns the next steps."
    questions:
      - id: actions
        text: What will you do, and by when?
        type: actions
      - id: confidence
        text: How confident are you?
        type: scale
        labels: {"1": not at all, "10": completely}
      - id: raise
        text: What would move it up by one?
        required: false
        when: {question: confidence, lessThan: 7}
`;

export function flowPlaybook(): Playbook {
  return parsePlaybook(FLOW_PLAYBOOK_TEXT, 'flow.yaml');
}

export const T0 = Date.parse('2026-11-18T09:00:00.000Z');

/** A clock that moves one second per call, so entries have distinct, ordered times. */
export function tickingClock(start = T0, stepMs = 1000): () => Date {
  let t = start - stepMs;
  return () => new Date((t += stepMs));
}

export function startFields(
  playbook: Playbook,
  opts: { rep?: string; deal?: string; manager?: string; at?: string } = {},
): Omit<StartEntry, 'id' | 'type' | 'v'> {
  const rep = opts.rep ?? 'Sam Lee';
  return {
    at: opts.at ?? new Date(T0).toISOString(),
    rep: { name: rep, slug: 'sam-lee' },
    ...(opts.manager !== undefined ? { manager: opts.manager } : {}),
    ...(opts.deal !== undefined ? { deal: opts.deal } : {}),
    playbook: { id: playbook.id, version: playbook.version, title: playbook.title, hash: 'h', source: 'file', file: 'flow.yaml' },
    snapshot: playbook,
  };
}

export function startEntry(playbook: Playbook, opts: Parameters<typeof startFields>[1] = {}): StartEntry {
  return { type: 'start', v: 1, id: '20261118-0900-abcd', ...startFields(playbook, opts) };
}

/** A real session on disk, as `repcoach run` creates it. */
export async function newSession(
  paths: Paths,
  playbook: Playbook,
  opts: Parameters<typeof startFields>[1] = {},
): Promise<{ session: SessionHandle; entries: JournalEntry[] }> {
  const fields = startFields(playbook, opts);
  const session = await createSession(paths, fields, new Date(T0));
  return { session, entries: [{ type: 'start', v: 1, id: session.id, ...fields }] };
}

/** Continue a session from its file on disk, as `repcoach resume` does: journal "resume", then ask. */
export async function resumeFromDisk(file: string, prompter: Prompter, now: () => Date) {
  const loaded = await loadSession(file);
  const session = new SessionHandle(loaded.id, loaded.file);
  const entry: JournalEntry = { type: 'resume', at: now().toISOString() };
  await session.append(entry);
  const result = await runQuestions({ session, entries: [...loaded.entries, entry], prompter, now });
  return { session, result, loaded };
}

/** Finish a session into `paths.notes` and read the note back. */
export async function finishAndRead(paths: Paths, session: SessionHandle, entries: JournalEntry[], now: () => Date) {
  const { notePath, state } = await finishSession({ session, entries, notesDir: paths.notes, now });
  return { notePath, state, note: readFileSync(notePath, 'utf8') };
}
