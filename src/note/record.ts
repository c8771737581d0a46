/**
 * A session as one JSON document, for `repcoach show --json` and
 * `repcoach export --format json` (shape documented in docs/commands.md).
 * Pure: a loaded session and its actions' later outcomes in, a plain object out.
 * The manager's record carries the rescue check (issue 5); the rep's copy
 * carries nothing private: no rescue check, no self-check, no private questions.
 */
import { fill } from '../playbook/placeholders.ts';
import type { AnswerValue } from '../playbook/schema.ts';
import type { RescueOptions } from '../rescue/detect.ts';
import { rescueReport, type RescueReport } from '../mirror/report.ts';
import type { CommitmentOutcome } from '../model/commitments.ts';
import { collectActions, contextOf, isPrivate, quotableForRep, shownAnswersOf, visibleSteps } from '../model/engine.ts';
import type { JournalEntry, ListenEntry, SessionState } from '../model/journal.ts';
import { sessionDate } from '../model/summary.ts';

// 2: the rescue check was added.
const RECORD_VERSION = 2;

export interface SessionRecord {
  id: string;
  recordVersion: number;
  date: string;
  rep: { name: string; slug: string };
  manager: string | null;
  deal: string | null;
  playbook: { id: string; version: string; title: string; hash: string };
  status: SessionState['status'];
  started: string;
  finished: string | null;
  durationMinutes: number;
  note: string | null;
  answers: Array<{
    stage: string;
    question: string;
    text: string;
    type: string;
    private: boolean;
    skipped: boolean;
    value: AnswerValue | null;
  }>;
  actions: Array<{
    id: string;
    what: string;
    owner: string;
    due: string | null;
    question: string;
    outcomes: CommitmentOutcome[];
  }>;
  sinceLastTime: Array<{
    session: string;
    agreed: string;
    action: { id: string; what: string; owner: string; due: string | null };
    outcome: string;
    learned: string | null;
    at: string;
  }>;
  /** The rescue check, as in the note's part for the manager. Absent in the rep's copy. */
  rescue?: RescueReport;
  /** The journal itself, entry by entry: the whole record, nothing left out. Absent in the rep's copy. */
  journal?: JournalEntry[];
  /** The conversation's figures from its transcript (`repcoach listen`, issue 12). Absent in the rep's copy. */
  conversation?: ListenEntry;
}

export function sessionRecord(
  state: SessionState,
  opts: {
    entries?: readonly JournalEntry[] | undefined;
    outcomes?: ReadonlyMap<string, readonly CommitmentOutcome[]> | undefined;
    forRep?: boolean | undefined;
    note?: string | null | undefined;
    /** Rescue phrases from settings, as the note's rescue check uses them. */
    rescue?: RescueOptions | undefined;
  } = {},
): SessionRecord {
  const { start } = state;
  const ctx = contextOf(state);
  const visible = visibleSteps(start.snapshot, state.answers);
  const steps = visible.filter((s) => !(opts.forRep && isPrivate(s)));
  const shown = opts.forRep ? quotableForRep(visible, shownAnswersOf(state)) : shownAnswersOf(state);
  const record: SessionRecord = {
    id: start.id,
    recordVersion: RECORD_VERSION,
    date: sessionDate(start.at),
    rep: { name: start.rep.name, slug: start.rep.slug },
    manager: start.manager ?? null,
    deal: start.deal ?? null,
    playbook: { id: start.playbook.id, version: start.playbook.version, title: start.playbook.title, hash: start.playbook.hash },
    status: state.status,
    started: start.at,
    finished: state.finishedAt ?? null,
    durationMinutes: Math.round(state.activeMs / 60000),
    note: opts.note !== undefined ? opts.note : (state.notePath ?? null),
    answers: steps
      .filter((s) => state.answers.has(s.question.id) || state.skipped.has(s.question.id))
      .map((s) => ({
        stage: s.stage.id,
        question: s.question.id,
        text: fill(s.question.text, ctx, shown),
        type: s.question.type,
        private: isPrivate(s),
        skipped: state.skipped.has(s.question.id),
        value: state.answers.get(s.question.id) ?? null,
      })),
    actions: collectActions(steps, state.answers).map((a) => ({
      id: a.id,
      what: a.what,
      owner: a.owner,
      due: a.due ?? null,
      question: a.question,
      outcomes: [...(opts.outcomes?.get(a.id) ?? [])],
    })),
    sinceLastTime: [...state.reviews.values()]
      .filter((r) => !(opts.forRep && r.item.private))
      .map((r) => ({
      session: r.session,
      agreed: r.agreed,
      action: { id: r.item.id, what: r.item.what, owner: r.item.owner, due: r.item.due ?? null },
      outcome: r.outcome,
      learned: r.learned ?? null,
      at: r.at,
    })),
  };
  if (!opts.forRep) record.rescue = rescueReport(state, opts.rescue);
  if (opts.entries && !opts.forRep) record.journal = [...opts.entries];
  if (state.listen && !opts.forRep) record.conversation = state.listen;
  return record;
}
