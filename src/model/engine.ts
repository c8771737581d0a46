/**
 * Which question comes next: a pure function of the playbook and the answers.
 * Conditions only look backwards (validation guarantees it), so one pass in
 * playbook order settles every question.
 */
import { evaluate, type Answers } from '../playbook/conditions.ts';
import type { Context } from '../playbook/placeholders.ts';
import { visibleToRep } from '../playbook/model.ts';
import type { ActionItem, AnswerValue, Playbook, Question, Stage } from '../playbook/schema.ts';
import type { SessionState } from './journal.ts';

export interface Step {
  stage: Stage;
  stageIndex: number;
  question: Question;
}

/**
 * The questions to ask, in order. A condition sees only the answers of questions
 * that are themselves shown: an answer left behind by a question that going back
 * has since hidden counts for nothing.
 */
export function visibleSteps(pb: Playbook, answers: Answers): Step[] {
  const steps: Step[] = [];
  const shown = new Map<string, AnswerValue>();
  pb.stages.forEach((stage, stageIndex) => {
    if (stage.when && !evaluate(stage.when, shown)) return;
    for (const question of stage.questions) {
      if (question.when && !evaluate(question.when, shown)) continue;
      steps.push({ stage, stageIndex, question });
      const value = answers.get(question.id);
      if (value !== undefined) shown.set(question.id, value);
    }
  });
  return steps;
}

/** What {{rep}}, {{deal}} and {{manager}} stand for in a session. */
export function contextOf(state: SessionState): Context {
  return { rep: state.start.rep.name, deal: state.start.deal, manager: state.start.manager };
}

/** A session's answers to its shown questions: what placeholders and the note may use. */
export function shownAnswersOf(state: SessionState): Map<string, AnswerValue> {
  return shownAnswers(visibleSteps(state.start.snapshot, state.answers), state.answers);
}

/** The answers of the shown questions only: what placeholders and the note may use. */
export function shownAnswers(steps: readonly Step[], answers: Answers): Map<string, AnswerValue> {
  const out = new Map<string, AnswerValue>();
  for (const s of steps) {
    const v = answers.get(s.question.id);
    if (v !== undefined) out.set(s.question.id, v);
  }
  return out;
}

export interface Progress {
  /** 1-based position of the step's stage among the visible stages. */
  stage: number;
  stages: number;
  /** 1-based position of the question within its stage. */
  question: number;
  questions: number;
}

export function progressOf(steps: readonly Step[], index: number): Progress {
  const step = steps[index];
  if (!step) throw new RangeError(`no step ${index}`);
  const stageOrder = [...new Set(steps.map((s) => s.stageIndex))];
  const inStage = steps.filter((s) => s.stageIndex === step.stageIndex);
  return {
    stage: stageOrder.indexOf(step.stageIndex) + 1,
    stages: stageOrder.length,
    question: inStage.indexOf(step) + 1,
    questions: inStage.length,
  };
}

export interface Done {
  answers: ReadonlyMap<string, unknown>;
  skipped: ReadonlySet<string>;
  partial?: ReadonlySet<string>;
}

/** Index of the first step neither answered nor skipped (or still being entered); steps.length when none is left. */
export function firstPending(steps: readonly Step[], done: Done): number {
  const i = steps.findIndex(
    (s) => (!done.answers.has(s.question.id) && !done.skipped.has(s.question.id)) || done.partial?.has(s.question.id),
  );
  return i === -1 ? steps.length : i;
}

/** Every action item of the visible action-list questions, in order. */
export function collectActions(steps: readonly Step[], answers: Answers): Array<ActionItem & { question: string }> {
  const out: Array<ActionItem & { question: string }> = [];
  for (const s of steps) {
    if (s.question.type !== 'actions') continue;
    const value = answers.get(s.question.id);
    if (!Array.isArray(value)) continue;
    for (const item of value) if (typeof item === 'object') out.push({ ...item, question: s.question.id });
  }
  return out;
}

/** The manager's alone: left out of the rep's copy (visibleToRep, the one rule). */
export function isPrivate(step: Step): boolean {
  return !visibleToRep(step.stage, step.question);
}

/**
 * The answers a rep's copy may quote in its questions' {{answers.<id>}}: one
 * the rep may not read stands as "…", as in the agenda (issue 10).
 */
export function quotableForRep(steps: readonly Step[], answers: ReadonlyMap<string, AnswerValue>): Map<string, AnswerValue> {
  const out = new Map(answers);
  for (const s of steps) if (isPrivate(s) && out.has(s.question.id)) out.set(s.question.id, '…');
  return out;
}
