/**
 * rescueReport(state): the rescue check of one session, as data. The note's
 * "Rescue check" section renders it; `show --json` and `stats` can call it.
 * Pure and JSON-safe (no Maps).
 */
import { fill, type Context } from '../playbook/placeholders.ts';
import { labelOf, type ActionItem, type AnswerValue } from '../playbook/model.ts';
import type { Question } from '../playbook/schema.ts';
import { visibleSteps, type Step } from '../model/engine.ts';
import type { OwnershipChoice, SessionState } from '../model/journal.ts';
import { detectRescue, type Finding, type RescueOptions } from '../rescue/detect.ts';
import { handBack } from '../rescue/rephrase.ts';
import { oneFindingPerKind, sessionActions, sessionRescueOptions } from './ledger.ts';
import { hasOwnSelfCheck, selfCheckQuestions } from './self-check.ts';

export interface LedgerLine {
  question: string;
  /** The action as it stands (after a hand-back, the rep's). */
  action: ActionItem;
  /** The action as the manager first took it on, when a hand-back changed it. */
  original?: ActionItem | undefined;
  findings: Finding[];
  suggestion: string;
  decision?: { choice: OwnershipChoice; at: string; reason?: string | undefined } | undefined;
}

interface LanguageLine {
  question: string;
  /** The question's text, placeholders filled. */
  questionText: string;
  text: string;
  findings: Finding[];
}

interface AdviceBeforeInquiry {
  /** The inquiry gate's question id; undefined when the playbook has none visible. */
  gate: string;
  /** Advice questions answered before the rep's own options were heard. */
  advice: string[];
  why: 'gate-skipped' | 'gate-unanswered' | 'answered-earlier';
}

interface SelfCheckLine {
  id: string;
  text: string;
  answer?: string | undefined;
  skipped: boolean;
}

export interface RescueReport {
  actions: {
    total: number;
    rep: number;
    manager: number;
    both: number;
    /** Taken on by the manager and handed back during the ledger. */
    handedBack: number;
    /** Owned by the manager as first recorded: manager now plus handed back. */
    managerTookOn: number;
  };
  ledger: LedgerLine[];
  language: LanguageLine[];
  adviceBeforeInquiry?: AdviceBeforeInquiry | undefined;
  /** The default self-check, when the playbook brings none of its own. */
  selfCheck: SelfCheckLine[];
  /** Possible rescues: flagged actions (whatever was decided) plus rescue language in the manager's words. */
  flags: number;
}

/** `steps`: the session's visible steps, when the caller has them already (the note does). */
export function rescueReport(state: SessionState, extra: RescueOptions = {}, steps: readonly Step[] = visibleSteps(state.start.snapshot, state.answers)): RescueReport {
  const options = sessionRescueOptions(state, extra);
  const rep = state.start.rep.name;
  const ownership = state.ownership ?? new Map();

  const counts = { total: 0, rep: 0, manager: 0, both: 0, handedBack: 0, managerTookOn: 0 };
  const ledger: LedgerLine[] = [];
  for (const { question, action } of sessionActions(state, steps)) {
    counts.total++;
    counts[action.owner]++;
    const decision = ownership.get(action.id);
    const original = decision?.choice === 'hand-back' ? decision.from : undefined;
    if (original) counts.handedBack++;
    const taken = original ?? (action.owner === 'manager' ? action : undefined);
    if (!taken) continue;
    const findings = oneFindingPerKind(detectRescue(taken.what, { ...options, implicitSubject: true }));
    if (findings.length === 0 && !decision) continue;
    ledger.push({
      question,
      action,
      original,
      findings,
      suggestion: handBack(taken.what, rep),
      decision: decision ? { choice: decision.choice, at: decision.at, reason: decision.reason } : undefined,
    });
  }
  counts.managerTookOn = counts.manager + counts.handedBack;

  const ctx: Context = { rep, deal: state.start.deal, manager: state.start.manager };
  const language: LanguageLine[] = [];
  for (const { question: q } of steps) {
    if (q.voice !== 'manager' && !q.advice) continue;
    const value = state.answers.get(q.id);
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    for (const text of texts) {
      const findings = detectRescue(text, options);
      if (findings.length > 0) language.push({ question: q.id, questionText: fill(q.text, ctx, state.answers), text, findings });
    }
  }

  const selfCheck: SelfCheckLine[] = hasOwnSelfCheck(state.start.snapshot)
    ? []
    : selfCheckQuestions(state)
        .filter((q) => state.selfCheck?.has(q.id))
        .map((q) => {
          const v = state.selfCheck?.get(q.id);
          return { id: q.id, text: q.text, answer: v === null || v === undefined ? undefined : answerText(q, v), skipped: v === null };
        });

  return {
    actions: counts,
    ledger,
    language,
    adviceBeforeInquiry: adviceBeforeInquiry(state, steps),
    selfCheck,
    flags: ledger.length + language.reduce((n, l) => n + l.findings.length, 0),
  };
}

/** Advice recorded before the rep's own options: the gate skipped, unanswered, or answered later. */
function adviceBeforeInquiry(state: SessionState, steps: readonly Step[] = visibleSteps(state.start.snapshot, state.answers)): AdviceBeforeInquiry | undefined {
  const gate = steps.find((s) => s.question.gate === 'inquiry')?.question.id;
  const advice = steps.filter((s) => s.question.advice && state.answers.has(s.question.id)).map((s) => s.question.id);
  if (gate === undefined || advice.length === 0) return undefined;
  if (state.skipped.has(gate)) return { gate, advice, why: 'gate-skipped' };
  if (!state.answers.has(gate)) return { gate, advice, why: 'gate-unanswered' };
  const gateAt = state.answeredAt?.get(gate);
  const early = advice.filter((id) => {
    const at = state.answeredAt?.get(id);
    return gateAt !== undefined && at !== undefined && at < gateAt;
  });
  return early.length ? { gate, advice: early, why: 'answered-earlier' } : undefined;
}

function answerText(q: Question, v: AnswerValue): string {
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return labelOf(q, v);
  return v.map((x) => (typeof x === 'string' ? x : x.what)).join('; ');
}
