/**
 * The ownership ledger (issue 5): at the end of a run, actions the manager
 * took on that take the deal over are flagged, and the manager chooses for
 * each: hand it back, keep it as support, or keep it as a deliberate rescue.
 * Pure: a session's state in, the flagged actions out.
 */
import type { ActionItem } from '../playbook/schema.ts';
import { visibleSteps, type Step } from '../model/engine.ts';
import type { SessionState } from '../model/journal.ts';
import { detectRescue, type Finding, type RescueOptions } from '../rescue/detect.ts';
import { handBack } from '../rescue/rephrase.ts';

export interface LedgerItem {
  /** The action-list question holding the action. */
  question: string;
  action: ActionItem;
  findings: Finding[];
  /** The action handed back, as suggested to the manager. */
  suggestion: string;
}

/** What the manager is asked about one flagged action. */
export interface OwnershipRequest {
  item: LedgerItem;
  rep: string;
  /** 1-based among the flagged actions still to decide. */
  index: number;
  count: number;
}

export type OwnershipAnswer = { choice: 'hand-back'; what: string } | { choice: 'support' } | { choice: 'rescue'; reason: string };

/**
 * The detection options for a session: the deal's name marks the buyer, the
 * playbook's own lists are added to `extra` (from settings).
 */
export function sessionRescueOptions(state: SessionState, extra: RescueOptions = {}): RescueOptions {
  const lists = state.start.snapshot.rescue;
  return {
    phrases: [...(extra.phrases ?? []), ...(lists?.phrases ?? [])],
    support: [...(extra.support ?? []), ...(lists?.support ?? [])],
    buyers: [...(extra.buyers ?? []), ...(state.start.deal ? [state.start.deal] : [])],
  };
}

/** Every visible action item, with its question. */
export function sessionActions(
  state: SessionState,
  steps: readonly Step[] = visibleSteps(state.start.snapshot, state.answers),
): Array<{ question: string; action: ActionItem }> {
  const out: Array<{ question: string; action: ActionItem }> = [];
  for (const step of steps) {
    if (step.question.type !== 'actions') continue;
    const value = state.answers.get(step.question.id);
    if (!Array.isArray(value)) continue;
    for (const item of value) if (typeof item === 'object') out.push({ question: step.question.id, action: item });
  }
  return out;
}

/**
 * Issue 10: one finding per kind for one action. "Leave it with me: I'll sort pricing" matches
 * "taking the deal over" twice; the manager is asked about the action once, told why once.
 */
export function oneFindingPerKind(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const kind = `${f.category}\n${f.title}`;
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
}

/** Manager-owned actions whose words take the deal over, in order (decided ones included). */
export function possibleRescues(state: SessionState, extra: RescueOptions = {}): LedgerItem[] {
  const options = { ...sessionRescueOptions(state, extra), implicitSubject: true };
  const rep = state.start.rep.name;
  const out: LedgerItem[] = [];
  for (const { question, action } of sessionActions(state)) {
    if (action.owner !== 'manager') continue;
    const findings = oneFindingPerKind(detectRescue(action.what, options));
    if (findings.length > 0) out.push({ question, action, findings, suggestion: handBack(action.what, rep) });
  }
  return out;
}

/** The flagged actions the manager has not decided about yet. */
export function pendingRescues(state: SessionState, extra: RescueOptions = {}): LedgerItem[] {
  return possibleRescues(state, extra).filter((item) => !state.ownership?.has(item.action.id));
}
