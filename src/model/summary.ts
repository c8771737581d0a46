/**
 * What the look-back commands need to know about a session, derived from its
 * journal alone (derive.ts): small enough that 10,000 of them load in a blink
 * (the index, lookback/queries.ts, stores them), complete enough that reps, prep,
 * history and stats never open a session file. Types only, and no heavy
 * imports, so those commands start fast.
 */
import type { ActionItem } from '../playbook/schema.ts';
import type { PlaybookRef, RepRef, ReviewOutcome, SessionStatus } from './journal.ts';
import { localDay } from '../util/dates.ts';

/**
 * The outcomes given in this session to commitments from earlier ones, by the
 * session each action was agreed in: [action id, outcome] or [action id,
 * outcome, what was learned]. Tuples and no times (the session's own date
 * stands for them) keep the 10,000-session index small.
 */
export type ReviewSummary = Record<string, Array<[string, ReviewOutcome] | [string, ReviewOutcome, string]>>;

/**
 * Only what the look-back commands show or count: 10,000 of these are read on
 * every `reps` or `history`, so each field has to earn its place.
 */
export interface SessionSummary {
  /** The session id: its file's name, as everywhere else (store.ts loadSession). */
  id: string;
  /** The journal's file name when it is not `<id>.jsonl` (one moved back from quarantine under its quarantine name). */
  file?: string | undefined;
  rep: RepRef;
  deal?: string | undefined;
  playbook: Pick<PlaybookRef, 'id' | 'title'>;
  /** ISO time the session started. */
  started: string;
  status: SessionStatus;
  /** The action items agreed in this session, in order. */
  actions: ActionItem[];
  /** Commitments from earlier sessions reviewed in this one. */
  reviews: ReviewSummary;
  /** The rep's confidence in the plan, when the playbook asks for it on a scale. */
  confidence?: { value: number; min: number; max: number } | undefined;
  /** The journal had a damaged line; what came before it is summarised. */
  damaged?: boolean | undefined;
  /**
   * The rescue mirror's figures (rescuePoint, issue 5), worked out once here so
   * `stats` never runs the rescue check: [the actions the manager took on (kept
   * or handed back), still keeps, handed back, the possible rescues flagged].
   * A tuple, like the reviews, to keep the 10,000-session index small.
   */
  rescue: [managerTookOn: number, managerKept: number, handedBack: number, flags: number];
  /** Run with a playbook the manager works through alone (isManagerSelfCheck): not a rep's session. */
  selfCheck?: true | undefined;
  /**
   * The conversation's figures from its transcript (`repcoach listen --session`, issue 12):
   * the manager's talk share (0-1), questions, open questions, advice before inquiry (1) or
   * not (0), rescue sentences said aloud, the longest monologue in seconds (null without times).
   */
  conversation?: [talkShare: number, questions: number, openQuestions: number, adviceBeforeInquiry: 0 | 1, rescue: number, monologue: number | null] | undefined;
}

/**
 * A session's answers as text, for search. Question texts are kept once per
 * playbook version in the search index (`questions`), filled in for the hits only.
 */
export interface SearchDoc {
  id: string;
  rep: RepRef;
  deal?: string | undefined;
  manager?: string | undefined;
  started: string;
  playbook: string;
  /** Key of this playbook version's question texts in the index: `<id>@<hash>`. */
  questions: string;
  /** [question id, answer], the answer as one line (oneLine), one pair per action item. */
  answers: Array<[string, string]>;
  /**
   * The manager's own notes, found by search for the manager only and marked
   * private: answers the rep may not read (visibleToRep) as [question id, answer];
   * the self-check's answers and the reasons given for a deliberate rescue as
   * [id, answer, the question as asked]. Absent when there are none.
   */
  private?: Array<[string, string] | [string, string, string]> | undefined;
  /** [the commitment, what was learned], from the review of earlier commitments. */
  learned: Array<[string, string]>;
}

/** The question texts (unfilled) of one playbook version, by question id. */
export type QuestionTexts = Record<string, string>;

/** The calendar date of a session, as in its note's file name and front matter. */
export function sessionDate(startedIso: string): string {
  return localDay(startedIso);
}
