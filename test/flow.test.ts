/**
 * Whole runs through runQuestions + finishSession with scripted answers: back,
 * skip, conditions appearing and disappearing, action lists saved item by item,
 * Ctrl-C, and resume from what is on disk.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../src/util/errors.ts';
import type { ActionItem, AnswerValue } from '../src/playbook/schema.ts';
import { parseJournal } from '../src/model/journal.ts';
import { recapItems, runQuestions } from '../src/run/questions.ts';
import { loadSession } from '../src/store/store.ts';
import type { Paths } from '../src/util/paths.ts';
import { tempPaths } from './helpers.ts';
import { noteAnswers, splitNote } from './support/markdown.ts';
import { answer, BACK, CTRL_C, SKIP, scriptedPrompter } from './support/prompter.ts';
import { finishAndRead, flowPlaybook, newSession, resumeFromDisk, T0, tickingClock } from './support/session.ts';

const pb = flowPlaybook();
const HEADINGS: Record<string, string> = {
  outcome: 'What do you want from today, Sam Lee?',
  focus: 'What kind of help?',
  skill: 'Which skill?',
  actions: 'What will you do, and by when?',
  confidence: 'How confident are you?',
  raise: 'What would move it up by one?',
};
const LABELS: Record<string, string> = { plan: 'Building a plan', skill: 'Working on a skill' };

const callJo: ActionItem = { id: 'a1', what: 'Call Jo at Acme', owner: 'rep', due: '2026-11-20' };
const sendDeck: ActionItem = { id: 'a2', what: 'Send the deck', owner: 'manager' };

/** What the note should say for each visible question: the oracle, written independently of the renderer. */
function expectedNote(answers: Record<string, AnswerValue | 'skipped'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, v] of Object.entries(answers)) {
    const heading = id === 'extra' ? `Anything else about ${String(answers['outcome'])}?` : HEADINGS[id];
    if (!heading) throw new Error(id);
    let text: string;
    if (v === 'skipped') text = 'Skipped.';
    else if (id === 'focus') text = LABELS[String(v)] ?? String(v);
    else if (id === 'confidence') text = `${String(v)} / 10${v === 1 ? ' (not at all)' : v === 10 ? ' (completely)' : ''}`;
    else if (Array.isArray(v)) {
      text = (v as ActionItem[])
        .map((a) => `[ ] ${a.what} — ${a.owner === 'rep' ? 'Sam Lee' : a.owner === 'both' ? 'Sam Lee and the manager' : 'the manager'}${a.due ? `, due ${a.due}` : ''}`)
        .join(' ');
    } else text = String(v);
    out.set(heading, text);
  }
  return out;
}

const start = (paths: Paths) => newSession(paths, pb, { rep: 'Sam Lee' });

const journalOf = (file: string) => parseJournal(readFileSync(file, 'utf8'));

describe('a whole run', () => {
  it('asks the visible questions in order with filled texts and progress, journals each, and writes the note', async () => {
    const paths = tempPaths();
    const now = tickingClock();
    const { session, entries } = await start(paths);
    const prompter = scriptedPrompter([
      ['outcome', answer('A plan for Acme')],
      ['focus', answer('plan')],
      ['extra', SKIP],
      ['actions', { actions: [callJo] }],
      ['confidence', answer(8)],
    ]);
    const result = await runQuestions({ session, entries, prompter, now });
    expect(prompter.remaining()).toBe(0);
    expect(prompter.asked).toEqual([
      { id: 'outcome', text: 'What do you want from today, Sam Lee?', initial: undefined, progress: '1/2 1/3', canGoBack: false },
      { id: 'focus', text: 'What kind of help?', initial: undefined, progress: '1/2 2/3', canGoBack: true },
      { id: 'extra', text: 'Anything else about A plan for Acme?', initial: undefined, progress: '1/2 3/3', canGoBack: true },
      { id: 'actions', text: 'What will you do, and by when?', initial: undefined, progress: '2/2 1/2', canGoBack: true },
      { id: 'confidence', text: 'How confident are you?', initial: undefined, progress: '2/2 2/2', canGoBack: true },
    ]);
    expect(prompter.stages.map((s) => [s.letter, s.index, s.count, s.goal, s.tip])).toEqual([
      ['C', 1, 2, 'Agree the outcome with Sam Lee.', 'Let Sam Lee set the agenda.'],
      ['A', 2, 2, 'Sam Lee owns the next steps.', undefined],
    ]);

    // Every answer is on disk before the note is written.
    const onDisk = await loadSession(session.file);
    expect(Object.fromEntries(onDisk.state.answers)).toEqual({ outcome: 'A plan for Acme', focus: 'plan', actions: [callJo], confidence: 8 });
    expect([...onDisk.state.skipped]).toEqual(['extra']);

    const { notePath, note } = await finishAndRead(paths, session, result.entries, now);
    expect(notePath).toBe(`${paths.notes}/sam-lee/2026-11-18-flow.md`);
    expect(statSync(notePath).mode & 0o777).toBe(0o600);
    expect(noteAnswers(note)).toEqual(
      expectedNote({ outcome: 'A plan for Acme', focus: 'plan', extra: 'skipped', actions: [callJo], confidence: 8 }),
    );
    const done = await loadSession(session.file);
    expect(done.state.status).toBe('done');
    expect(done.state.notePath).toBe(notePath);
  });

  it('back changes the previous answer, and a question that now applies is asked', async () => {
    const paths = tempPaths();
    const now = tickingClock();
    const { session, entries } = await start(paths);
    const prompter = scriptedPrompter([
      ['outcome', answer('first try')],
      ['focus', answer('plan')],
      ['extra', BACK],
      ['focus', answer('skill')],
      ['skill', answer('Discovery calls')],
      ['extra', answer('Nothing')],
      ['actions', BACK],
      ['extra', answer('Actually, one thing')],
      ['actions', { actions: [callJo, sendDeck] }],
      ['confidence', answer(5)],
      ['raise', answer('Practice with a peer')],
    ]);
    const result = await runQuestions({ session, entries, prompter, now });
    expect(prompter.remaining()).toBe(0);
    // Going back offers the answer given before.
    expect(prompter.asked[3]).toMatchObject({ id: 'focus', initial: 'plan', progress: '1/2 2/3' });
    expect(prompter.asked[7]).toMatchObject({ id: 'extra', initial: 'Nothing', progress: '1/2 4/4' });
    // Going back across a stage boundary shows the stage again.
    expect(prompter.stages.map((s) => s.letter)).toEqual(['C', 'A', 'C', 'A']);
    const { note } = await finishAndRead(paths, session, result.entries, now);
    expect(noteAnswers(note)).toEqual(
      expectedNote({
        outcome: 'first try',
        focus: 'skill',
        skill: 'Discovery calls',
        extra: 'Actually, one thing',
        actions: [callJo, sendDeck],
        confidence: 5,
        raise: 'Practice with a peer',
      }),
    );
  });

  it('`when:` questions appear and disappear as the answers they depend on change by going back', async () => {
    const paths = tempPaths();
    const now = tickingClock();
    const { session, entries } = await start(paths);
    const prompter = scriptedPrompter([
      ['outcome', answer('Grow')],
      ['focus', answer('skill')],
      ['skill', answer('Negotiation')],
      ['extra', BACK],
      ['skill', BACK],
      ['focus', answer('plan')],
      // "Which skill?" no longer applies: straight on to the next unanswered question.
      ['extra', SKIP],
      ['actions', { actions: [callJo] }],
      ['confidence', answer(3)],
      // Below 7, "What would move it up?" applies ...
      ['raise', BACK],
      // ... and at 9 it does not: the run is over.
      ['confidence', answer(9)],
    ]);
    const result = await runQuestions({ session, entries, prompter, now });
    expect(prompter.remaining()).toBe(0);
    expect(prompter.asked[4]).toMatchObject({ id: 'skill', initial: 'Negotiation', progress: '1/2 3/4' });
    expect(prompter.asked[6]).toMatchObject({ id: 'extra', progress: '1/2 3/3' });
    expect(prompter.asked[9]).toMatchObject({ id: 'raise', progress: '2/2 3/3' });
    expect(prompter.asked[10]).toMatchObject({ id: 'confidence', initial: 3, progress: '2/2 2/3' });
    const { note } = await finishAndRead(paths, session, result.entries, now);
    expect(note).not.toContain('Negotiation');
    expect(note).not.toContain(HEADINGS['raise']);
    expect(noteAnswers(note)).toEqual(expectedNote({ outcome: 'Grow', focus: 'plan', extra: 'skipped', actions: [callJo], confidence: 9 }));
  });

  it('an action list is journaled item by item, then as a whole', async () => {
    const paths = tempPaths();
    const now = tickingClock();
    const { session, entries } = await start(paths);
    const prompter = scriptedPrompter([
      ['outcome', answer('x')],
      ['focus', answer('plan')],
      ['extra', SKIP],
      ['actions', { actions: [callJo, sendDeck] }],
      ['confidence', answer(10)],
    ]);
    await runQuestions({ session, entries, prompter, now });
    const actionEntries = journalOf(session.file).entries.filter((e) => e.type === 'answer' && e.question === 'actions');
    expect(actionEntries.map((e) => (e.type === 'answer' ? [e.value, e.partial] : []))).toEqual([
      [[callJo], true],
      [[callJo, sendDeck], true],
      [[callJo, sendDeck], undefined],
    ]);
  });
});

describe('Ctrl-C and resume', () => {
  it('Ctrl-C journals a pause and throws InterruptedError; resume continues at the first unanswered question', async () => {
    const paths = tempPaths();
    const now = tickingClock();
    const { session, entries } = await start(paths);
    const first = scriptedPrompter([
      ['outcome', answer('Leave with a plan')],
      ['focus', answer('skill')],
      ['skill', CTRL_C],
    ]);
    const err = await runQuestions({ session, entries, prompter: first, now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).sessionId).toBe(session.id);

    const journal = journalOf(session.file);
    expect(journal.damage).toBeUndefined();
    expect(journal.entries.at(-1)?.type).toBe('pause');
    const paused = await loadSession(session.file);
    expect(paused.state.status).toBe('paused');
    expect(Object.fromEntries(paused.state.answers)).toEqual({ outcome: 'Leave with a plan', focus: 'skill' });
    expect(recapItems(paused.state, (_q, v) => String(v))).toEqual([
      { text: 'What do you want from today, Sam Lee?', answer: 'Leave with a plan' },
      { text: 'What kind of help?', answer: 'skill' },
    ]);

    // An hour later, from disk.
    const later = tickingClock(T0 + 3_600_000);
    const prompter = scriptedPrompter([
      ['skill', answer('Asking for the meeting')],
      ['extra', answer('No')],
      ['actions', { actions: [sendDeck] }],
      ['confidence', answer(7)],
    ]);
    const { result } = await resumeFromDisk(session.file, prompter, later);
    expect(prompter.asked[0]).toMatchObject({ id: 'skill', canGoBack: true, progress: '1/2 3/4' });
    const { note } = await finishAndRead(paths, session, result.entries, later);
    expect(noteAnswers(note)).toEqual(
      expectedNote({ outcome: 'Leave with a plan', focus: 'skill', skill: 'Asking for the meeting', extra: 'No', actions: [sendDeck], confidence: 7 }),
    );
    // The paused hour is not counted.
    const front = splitNote(note).front as { duration_minutes: number; status: string };
    expect(front.status).toBe('done');
    expect(front.duration_minutes).toBe(0);
  });

  it('Ctrl-C in the middle of an action list keeps the items entered; resume offers them and adds more', async () => {
    const paths = tempPaths();
    const now = tickingClock();
    const { session, entries } = await start(paths);
    const first = scriptedPrompter([
      ['outcome', answer('x')],
      ['focus', answer('plan')],
      ['extra', SKIP],
      ['actions', { actions: [callJo], thenCtrlC: true }],
    ]);
    await expect(runQuestions({ session, entries, prompter: first, now })).rejects.toBeInstanceOf(InterruptedError);
    const paused = await loadSession(session.file);
    expect(paused.state.answers.get('actions')).toEqual([callJo]);
    expect([...paused.state.partial]).toEqual(['actions']);

    const prompter = scriptedPrompter([
      ['actions', { actions: [sendDeck] }],
      ['confidence', answer(6)],
      ['raise', SKIP],
    ]);
    const { result } = await resumeFromDisk(session.file, prompter, now);
    expect(prompter.asked[0]).toMatchObject({ id: 'actions', initial: [callJo] });
    const { note, state } = await finishAndRead(paths, session, result.entries, now);
    expect(state.partial.size).toBe(0);
    expect(noteAnswers(note)).toEqual(
      expectedNote({ outcome: 'x', focus: 'plan', extra: 'skipped', actions: [callJo, sendDeck], confidence: 6, raise: 'skipped' }),
    );
    // Each item once in the summary's next steps, once in the action plan at the top, once under its question.
    expect(note.match(/Call Jo at Acme/g)).toHaveLength(3);
  });

  it('Ctrl-C at the very first question, twice, then a resume that finishes', async () => {
    const paths = tempPaths();
    const now = tickingClock();
    const { session, entries } = await start(paths);
    await expect(runQuestions({ session, entries, prompter: scriptedPrompter([['outcome', CTRL_C]]), now })).rejects.toBeInstanceOf(
      InterruptedError,
    );
    await expect(resumeFromDisk(session.file, scriptedPrompter([['outcome', CTRL_C]]), now)).rejects.toBeInstanceOf(InterruptedError);
    const prompter = scriptedPrompter([
      ['outcome', answer('Third time')],
      ['focus', answer('plan')],
      ['extra', SKIP],
      ['actions', { actions: [callJo] }],
      ['confidence', answer(1)],
      ['raise', answer('Everything')],
    ]);
    const { result } = await resumeFromDisk(session.file, prompter, now);
    expect(prompter.asked[0]).toMatchObject({ canGoBack: false });
    const { note } = await finishAndRead(paths, session, result.entries, now);
    expect(noteAnswers(note)).toEqual(
      expectedNote({ outcome: 'Third time', focus: 'plan', extra: 'skipped', actions: [callJo], confidence: 1, raise: 'Everything' }),
    );
    expect(journalOf(session.file).entries.map((e) => e.type).filter((t) => t === 'pause' || t === 'resume')).toEqual([
      'pause',
      'resume',
      'pause',
      'resume',
    ]);
  });

  it('an error other than Ctrl-C is not turned into a pause', async () => {
    const paths = tempPaths();
    const { session, entries } = await start(paths);
    const prompter = scriptedPrompter([]);
    await expect(runQuestions({ session, entries, prompter, now: tickingClock() })).rejects.toThrow('the script ran out');
    expect(journalOf(session.file).entries.map((e) => e.type)).toEqual(['start']);
  });
});
