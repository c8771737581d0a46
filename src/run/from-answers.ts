/**
 * A whole session from an answers file (`run --answers <file>`, for scripts
 * and tests): no one to ask, so every answer is checked before one is saved.
 */
import path from 'node:path';
import { UserError, ValidationError } from '../util/errors.ts';
import { isAnswered } from '../playbook/conditions.ts';
import { readTextFile } from '../playbook/load.ts';
import type { SourceDoc } from '../playbook/parse.ts';
import { rescueSettings } from '../mirror/settings.ts';
import { checkAnswer } from '../model/answers.ts';
import { visibleSteps } from '../model/engine.ts';
import { foldJournal, type JournalEntry, type StartEntry } from '../model/journal.ts';
import { unsavedAnswers, UnsavedAnswersError } from '../store/unsaved.ts';
import { rescueUnsaved } from './unsaved.ts';
import { createSession, type SessionHandle } from '../store/store.ts';
import { notesDir, type Settings } from '../config/settings.ts';
import { println, type CommandContext } from '../config/context.ts';
import { commitNote, noteNotWritten } from './conversation.ts';

export interface AnswersRunOptions {
  answers?: string | undefined;
  notesDir?: string | undefined;
}

/**
 * A whole session from an answers file: every given answer is checked and
 * journaled; missing required answers leave the session paused, with a list.
 */
export async function runFromAnswers(ctx: CommandContext, settings: Settings, opts: AnswersRunOptions, start: Omit<StartEntry, 'id' | 'type' | 'v'>) {
  const file = path.resolve(ctx.cwd, opts.answers ?? '');
  const { value: given, source } = await readAnswersFile(file);
  const pb = start.snapshot;
  const known = new Map(pb.stages.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  // Each unknown id at its line, with "did you mean" (issue 14).
  const unknown = (await import('../playbook/answers-file.ts')).unknownAnswerIds(given, source, pb);
  if (unknown.length > 0) {
    throw new ValidationError(file, unknown, `Write a template with every question id: repcoach playbook answers ${pb.id} > answers.yaml`, 'answers file');
  }
  const checked = new Map<string, Awaited<ReturnType<typeof checkAnswer>>>();
  for (const [id, raw] of Object.entries(given)) {
    const q = known.get(id);
    if (q) checked.set(id, await checkAnswer(q, raw, ctx.now(), ctx.newId));
  }
  const bad = [...checked].filter(([, r]) => !r.ok);
  if (bad.length > 0) {
    throw new UserError(`${file} has answers of the wrong form:\n${bad.map(([id, r]) => `  ${id}: ${r.ok ? '' : r.message}`).join('\n')}`);
  }

  const session = await createSession(ctx.paths, start, ctx.now());
  try {
    await recordAnswers(ctx, settings, opts, file, session, start, checked);
  } catch (err) {
    if (!(err instanceof UnsavedAnswersError)) throw err;
    // No one to ask for another folder: the answers are printed on standard error, as docs/data.md says.
    throw await rescueUnsaved(ctx, err, { ask: undefined });
  } finally {
    await session.close();
  }
}

/** Journal the checked answers in playbook order, then finish (or pause, listing what is missing). */
async function recordAnswers(
  ctx: CommandContext,
  settings: Settings,
  opts: AnswersRunOptions,
  file: string,
  session: SessionHandle,
  start: Omit<StartEntry, 'id' | 'type' | 'v'>,
  checked: Map<string, Awaited<ReturnType<typeof checkAnswer>>>,
) {
  const pb = start.snapshot;
  const entries: JournalEntry[] = [{ type: 'start', v: 1, id: session.id, ...start }];
  const record = async (e: JournalEntry) => {
    try {
      await session.append(e);
    } catch (err) {
      throw unsavedAnswers(err, session, [...entries, e]);
    }
    entries.push(e);
  };
  // Walk the questions in order, so conditions see earlier answers exactly as in a live run.
  const missing: string[] = [];
  for (let i = 0; ; i++) {
    const state = foldJournal(entries);
    const step = visibleSteps(pb, state.answers)[i];
    if (!step) break;
    const r = checked.get(step.question.id);
    // A blank text or an empty list is no answer, as at the prompt: a required question stays missing.
    if (r?.ok && isAnswered(r.value)) await record({ type: 'answer', at: ctx.now().toISOString(), question: step.question.id, value: r.value });
    else if (step.question.required) missing.push(step.question.id);
    else await record({ type: 'skip', at: ctx.now().toISOString(), question: step.question.id });
  }
  if (missing.length > 0) {
    await record({ type: 'pause', at: ctx.now().toISOString() });
    throw new UserError(
      `Missing required ${missing.length === 1 ? 'answer' : 'answers'}: ${missing.join(', ')}. The answers given are kept in the paused session ${session.id}.`,
      `Add them to ${path.basename(file)} and run again, or continue in a terminal: repcoach resume ${session.id}`,
    );
  }
  // Loaded only now: the note, the rescue check and their libraries are not needed to ask questions.
  const { finishSession } = await import('./finish.ts');
  const dir = notesDir(settings, ctx.paths, opts.notesDir);
  const { notePath } = await finishSession({ session, entries, notesDir: dir, now: ctx.now, rescue: rescueSettings(settings) }).catch((err: unknown) => {
    throw noteNotWritten(err, session.id);
  });
  println(ctx.stdout, notePath);
  await commitNote(ctx, settings, dir, notePath, entries[0] as StartEntry);
}

async function readAnswersFile(file: string): Promise<{ value: Record<string, unknown>; source?: SourceDoc | undefined }> {
  const text = await readTextFile(file, 'answers file', 1024 * 1024);
  // JSON is YAML, so one safe parser reads both.
  const { parseYaml } = await import('../playbook/parse.ts');
  const { value, source } = parseYaml(text, file, 'answers file');
  if (value === null || value === undefined) return { value: {}, source };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file} must be a map of question id to answer.`, 'For example:\n  goal: Leave with a plan for Acme\n  confidence: 7');
  }
  return { value: value as Record<string, unknown>, source };
}
