/**
 * Summaries and search documents from a session's state (shapes in
 * summary.ts). Pure; loaded only when the index has something to refresh.
 */
import { answerToText } from '../playbook/placeholders.ts';
import { oneLine } from '../util/term.ts';
import { labelOf, type ActionItem, type AnswerValue } from '../playbook/model.ts';
import type { Question } from '../playbook/schema.ts';
import { isManagerSelfCheck } from '../playbook/model.ts';
import type { RescuePoint } from './rescue-series.ts';
import { collectActions, isPrivate, visibleSteps, type Step } from './engine.ts';
import type { SessionState } from './journal.ts';
import type { QuestionTexts, ReviewSummary, SearchDoc, SessionSummary } from './summary.ts';

/** A scale question about confidence: the one whose answer feeds the confidence trend. */
function confidenceQuestion(questions: readonly Question[]): Question | undefined {
  return questions.find((q) => q.type === 'scale' && /confiden/i.test(q.id));
}

/** `rescue`: the rescue lists from settings, as the note's rescue check used them. */
/**
 * A session's summary for the index. `point` is its rescue figures (mirror/trend.ts
 * rescuePoint), worked out by the caller for finished sessions only: they are
 * all `stats` counts, and an unfinished one then needs no rescue check loaded.
 */
export function summarize(state: SessionState, damaged = false, point?: RescuePoint): SessionSummary {
  const { start } = state;
  const steps = visibleSteps(start.snapshot, state.answers);
  const conf = confidenceQuestion(steps.map((s) => s.question));
  const confValue = conf ? state.answers.get(conf.id) : undefined;
  return {
    id: start.id,
    rep: { name: start.rep.name, slug: start.rep.slug },
    ...(start.deal ? { deal: start.deal } : {}),
    playbook: { id: start.playbook.id, title: start.playbook.title },
    started: start.at,
    status: state.status,
    actions: summaryActions(steps, state),
    reviews: reviewSummary(state),
    ...(conf && typeof confValue === 'number' ? { confidence: { value: confValue, min: conf.min ?? 1, max: conf.max ?? 10 } } : {}),
    ...(damaged ? { damaged: true } : {}),
    rescue: point ? [point.managerTookOn, point.managerKept, point.handedBack, point.flags] : [0, 0, 0, 0],
    ...(isManagerSelfCheck(start.snapshot) ? { selfCheck: true as const } : {}),
    ...(state.listen ? { conversation: conversationOf(state.listen) } : {}),
  };
}

function conversationOf(e: NonNullable<SessionState['listen']>): NonNullable<SessionSummary['conversation']> {
  const m = e.figures.manager;
  return [m.talkShare, m.questions, m.openQuestions, m.adviceBeforeInquiry ? 1 : 0, m.rescue.length, m.longestMonologueSeconds];
}

/** The session's actions as commitments; those from a question the rep may not read are marked private. */
function summaryActions(steps: readonly Step[], state: SessionState): ActionItem[] {
  const hidden = new Set(steps.filter(isPrivate).map((s) => s.question.id));
  return collectActions(steps, state.answers).map(({ id, what, owner, due, question }) => ({ id, what, owner, ...(due ? { due } : {}), ...(hidden.has(question) ? { private: true as const } : {}) }));
}

function reviewSummary(state: SessionState): ReviewSummary {
  const out: ReviewSummary = {};
  for (const r of state.reviews.values()) {
    (out[r.session] ??= []).push(r.learned ? [r.item.id, r.outcome, r.learned] : [r.item.id, r.outcome]);
  }
  return out;
}

/** The self-check's questions (mirror/self-check.ts), passed in: loading them loads rescue detection, which most derivations need not. */
export interface SelfCheckTexts {
  hasOwnSelfCheck(pb: SessionState['start']['snapshot']): boolean;
  selfCheckQuestions(state: SessionState): Question[];
}

/** Only answers in words are searched: numbers, scales and yes/no are not. */
const SEARCHED = new Set<Question['type']>(['text', 'long-text', 'choice', 'multi-choice', 'actions']);

/**
 * Every answer in words (and every "what did you learn?") of a session, with its
 * playbook's question texts. The manager's own notes (answers only they may read,
 * visibleToRep; the self-check; why a rescue was deliberate) are kept apart in
 * `private`, so search can find them for the manager and mark them (issue 10).
 */
export function searchDoc(state: SessionState, selfCheck?: SelfCheckTexts): { item: SearchDoc; shared: Record<string, QuestionTexts> } {
  const { start } = state;
  const key = `${start.playbook.id}@${start.playbook.hash.slice(0, 16)}`;
  // Every question of the playbook, shown in this session or not: sessions of one playbook share
  // these texts, and a follow-up one session asked and another did not must keep its text (issue 10).
  const texts: QuestionTexts = {};
  for (const stage of start.snapshot.stages) for (const q of stage.questions) texts[q.id] = q.text;
  const answers: Array<[string, string]> = [];
  const privately: Array<[string, string] | [string, string, string]> = [];
  for (const step of visibleSteps(start.snapshot, state.answers)) {
    const q = step.question;
    const value = state.answers.get(q.id);
    if (value === undefined || !SEARCHED.has(q.type)) continue;
    const into = isPrivate(step) ? privately : answers;
    if (q.type === 'actions' && Array.isArray(value)) {
      // Each action is an answer of its own, so a hit shows the one that matched.
      for (const a of value as ActionItem[]) into.push([q.id, oneLine(a.what)]);
      continue;
    }
    const answer = oneLine(plainAnswer(q, value));
    if (answer) into.push([q.id, answer]);
  }
  // The end-of-run self-check is not in the playbook: its questions' texts (with the rep's name) travel with the answers.
  if (state.selfCheck?.size && selfCheck && !selfCheck.hasOwnSelfCheck(start.snapshot)) {
    for (const q of selfCheck.selfCheckQuestions(state)) {
      const value = state.selfCheck.get(q.id);
      if (value === undefined || value === null || !SEARCHED.has(q.type)) continue;
      const answer = oneLine(plainAnswer(q, value));
      if (answer) privately.push([`self-check-${q.id}`, answer, q.text]);
    }
  }
  const actions = new Map(collectActions(visibleSteps(start.snapshot, state.answers), state.answers).map((a) => [a.id, a.what]));
  for (const [id, decision] of state.ownership ?? []) {
    if (decision.choice === 'rescue' && decision.reason?.trim()) {
      privately.push(['rescue-reason', oneLine(decision.reason), `Why this is a deliberate rescue (about “${oneLine(decision.from?.what ?? actions.get(id) ?? decision.what ?? id)}”)`]);
    }
  }
  const learned: Array<[string, string]> = [];
  for (const r of state.reviews.values()) if (r.learned) learned.push([oneLine(r.item.what), oneLine(r.learned)]);
  const item: SearchDoc = {
    id: start.id,
    rep: { name: start.rep.name, slug: start.rep.slug },
    ...(start.deal ? { deal: start.deal } : {}),
    ...(start.manager ? { manager: start.manager } : {}),
    started: start.at,
    playbook: start.playbook.id,
    questions: key,
    answers,
    ...(privately.length ? { private: privately } : {}),
    learned,
  };
  return { item, shared: { [key]: texts } };
}

/** An answer as a person would say it: choice labels rather than values, one action per line. */
function plainAnswer(q: Question, value: AnswerValue): string {
  if (q.type === 'choice' && typeof value === 'string') return labelOf(q, value);
  if (q.type === 'multi-choice' && Array.isArray(value)) return (value as string[]).map((v) => labelOf(q, v)).join(', ');
  if (q.type === 'actions' && Array.isArray(value)) return (value as ActionItem[]).map((a) => a.what).join('\n');
  return answerToText(value);
}
