/**
 * The session journal: one JSON object per line, appended and fsynced as each
 * answer is given (docs/data.md). Reading is pure: text in, entries out, with
 * the first damaged line reported rather than thrown.
 */
import { labelOf, withDeclaredPrivacy } from '../playbook/model.ts';
import type { ActionItem, AnswerValue, Playbook } from '../playbook/schema.ts';
import type { StoredFigures } from '../listen/figures.ts';

export const JOURNAL_VERSION = 1;

export interface RepRef {
  /** As the manager typed it. */
  name: string;
  /** File-name-safe key, see slugify(). */
  slug: string;
}

export interface PlaybookRef {
  id: string;
  version: string;
  title: string;
  /** sha256 of the playbook file as run. */
  hash: string;
  source: string;
  file: string;
}

export interface StartEntry {
  type: 'start';
  v: number;
  at: string;
  id: string;
  rep: RepRef;
  manager?: string | undefined;
  deal?: string | undefined;
  playbook: PlaybookRef;
  /**
   * The rep's own topics, from the agenda they sent back (`run --agenda`, issue 10).
   * Optional: journals written before it, or without an agenda, have none.
   */
  topics?: string[] | undefined;
  /** The playbook exactly as run, so a later edit of its file cannot change this session. */
  snapshot: Playbook;
}

interface AnswerEntry {
  type: 'answer';
  at: string;
  question: string;
  value: AnswerValue;
  /** An action list still being entered: the items so far. */
  partial?: boolean;
}

interface SkipEntry {
  type: 'skip';
  at: string;
  question: string;
}

interface PauseEntry {
  type: 'pause';
  at: string;
}

interface ResumeEntry {
  type: 'resume';
  at: string;
  /** Set when the playbook file changed since the session started: the stored copy is used. */
  playbookChanged?: boolean;
}

interface FinishEntry {
  type: 'finish';
  at: string;
  note?: string | undefined;
}

const OWNERSHIP_CHOICES = ['hand-back', 'support', 'rescue'] as const;
export type OwnershipChoice = (typeof OWNERSHIP_CHOICES)[number];

/**
 * The manager's choice for an action flagged as a possible rescue (issue 5),
 * journaled the moment it is made.
 */
interface OwnershipEntry {
  type: 'ownership';
  at: string;
  /** The action-list question holding the action. */
  question: string;
  /** The action item's id. */
  action: string;
  choice: OwnershipChoice;
  /** hand-back: the action as rephrased with the rep as subject. */
  what?: string | undefined;
  /** rescue: why this one is a deliberate exception. */
  reason?: string | undefined;
}

/** One answer (or skip) of the end-of-run self-check, the manager's alone (issue 5). */
interface SelfCheckEntry {
  type: 'self-check';
  at: string;
  item: string;
  value?: AnswerValue | undefined;
  skipped?: boolean | undefined;
}

/** How a commitment from an earlier session went, as reviewed at the start of a later one. */
export const REVIEW_OUTCOMES = ['done', 'partly', 'not-done', 'dropped'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/**
 * The outcome of one commitment (an action item of an earlier session with the
 * same rep), journaled the moment the manager gives it. A later entry for the
 * same commitment replaces an earlier one (going back, or adding what was learned).
 */
export interface ReviewEntry {
  type: 'review';
  at: string;
  /** The session the action was agreed in. */
  session: string;
  /** When that session started: the commitment's age is counted from it. */
  agreed: string;
  /** The action as it was agreed, so this session's note can show it on its own. */
  item: ActionItem;
  outcome: ReviewOutcome;
  /** The rep's answer to "what did you learn?", when given. */
  learned?: string | undefined;
}

/**
 * Issue 10: a commitment the review left open without an outcome: "not due yet", or one of those
 * left by "skip the rest". Not an outcome: nothing counts it, and the next session asks again.
 * Journaled so a resumed session does not ask it again; a later review entry replaces it.
 */
export interface ReviewPassEntry {
  type: 'review-pass';
  at: string;
  session: string;
  agreed: string;
  item: ActionItem;
  reason: ReviewPassReason;
}

const REVIEW_PASS_REASONS = ['not-due', 'skipped'] as const;
export type ReviewPassReason = (typeof REVIEW_PASS_REASONS)[number];

/** Issue 10: which commitments the review goes through, as chosen at its start: the due ones, or all. */
interface ReviewScopeEntry {
  type: 'review-scope';
  at: string;
  scope: ReviewScope;
}

const REVIEW_SCOPES = ['due', 'all'] as const;
export type ReviewScope = (typeof REVIEW_SCOPES)[number];

/**
 * A conversation's figures from its transcript (`repcoach listen --session`,
 * issue 12): the figures and the manager's flagged sentences only, never the
 * transcript or a word the rep said. A later entry replaces an earlier one.
 */
export interface ListenEntry {
  type: 'listen';
  at: string;
  /** The transcript's file name (not its folder) and format; `kept`: its copy in the data folder (--keep). */
  transcript: { name: string; format: string; kept?: string | undefined };
  figures: ListenRecord;
}

/** What a listen entry keeps of the figures: listen/figures.ts says which (StoredFigures). */
export type ListenRecord = StoredFigures;

export type JournalEntry =
  | StartEntry
  | ListenEntry
  | AnswerEntry
  | SkipEntry
  | PauseEntry
  | ResumeEntry
  | FinishEntry
  | OwnershipEntry
  | SelfCheckEntry
  | ReviewEntry
  | ReviewPassEntry
  | ReviewScopeEntry;

export interface JournalDamage {
  /** 1-based line number of the first line that could not be read. */
  line: number;
  reason: string;
  /** True when only the last line is damaged and has no newline: a write cut off by a crash. */
  tornTail: boolean;
}

export interface JournalRead {
  entries: JournalEntry[];
  damage?: JournalDamage;
  /** Length in characters of the text that holds the complete, valid entries. */
  goodLength: number;
}

export function serializeEntry(entry: JournalEntry): string {
  // JSON.stringify escapes newlines inside strings, so one entry is one line.
  if (entry.type !== 'start') return JSON.stringify(entry) + '\n';
  // The snapshot goes last, so a reader can take it apart from the rest (parseStartLine).
  const { snapshot, ...rest } = entry;
  return JSON.stringify({ ...rest, snapshot }) + '\n';
}

const SNAPSHOT_KEY = ',"snapshot":';
/** Snapshots already read, with their exact JSON text: most sessions ran one of a few playbooks. */
const snapshots = new Map<string, { text: string; snapshot: unknown }>();
const SNAPSHOTS_KEPT = 32;

/**
 * A start line, parsed. Its playbook snapshot is nearly all of the line and the
 * same text in every session of that playbook, so a snapshot read before is taken
 * from memory (frozen: sessions share it) instead of parsed again. The split is
 * only trusted when both halves are valid JSON on their own: the rest with the
 * snapshot cut off parses as an object only if `"snapshot"` was its last top-level
 * key. Anything else is parsed whole.
 */
function parseStartLine(line: string): unknown {
  const at = line.indexOf(SNAPSHOT_KEY);
  if (at > 0 && line.endsWith('}')) {
    const text = line.slice(at + SNAPSHOT_KEY.length, -1);
    try {
      const head: unknown = JSON.parse(line.slice(0, at) + '}');
      if (isObject(head)) {
        // Looked up by length and claimed hash (cheap), then compared whole: the text decides.
        const pb = head['playbook'];
        const key = `${text.length}:${isObject(pb) ? String(pb['hash']) : ''}`;
        let known = snapshots.get(key);
        if (known?.text !== text) {
          known = { text, snapshot: deepFreeze(JSON.parse(text)) };
          if (snapshots.size >= SNAPSHOTS_KEPT) snapshots.clear();
          snapshots.set(key, known);
        }
        return { ...head, snapshot: known.snapshot };
      }
    } catch {
      // Not split where it seemed: read the line whole below.
    }
  }
  return JSON.parse(line);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Read every complete entry up to the first damaged line. A line is complete
 * only with its newline: a crash can cut the last write short.
 */
export function parseJournal(text: string): JournalRead {
  const entries: JournalEntry[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    lineNo++;
    const nl = text.indexOf('\n', offset);
    const line = nl === -1 ? text.slice(offset) : text.slice(offset, nl);
    if (nl === -1) {
      return { entries, goodLength: offset, damage: { line: lineNo, reason: 'the last entry was cut off', tornTail: true } };
    }
    if (line.trim() === '') {
      offset = nl + 1;
      continue;
    }
    let value: unknown;
    try {
      value = entries.length === 0 ? parseStartLine(line) : JSON.parse(line);
    } catch {
      return { entries, goodLength: offset, damage: { line: lineNo, reason: 'not valid JSON', tornTail: false } };
    }
    const problem = checkEntry(value, entries.length === 0);
    if (problem) return { entries, goodLength: offset, damage: { line: lineNo, reason: problem, tornTail: false } };
    entries.push(value as JournalEntry);
    offset = nl + 1;
  }
  return { entries, goodLength: offset };
}

/**
 * A journal damaged in the middle (a line that is garbage, between good ones),
 * as far as it can be saved: every line that reads as an entry, in order, each
 * ending in a line break, and the numbers of the lines left out (issue 15: one
 * bad line must not cost the whole session and its commitments). Undefined
 * when nothing can be saved: the first entry is not a readable start.
 */
export function salvageJournal(text: string): { lines: string[]; dropped: number[] } | undefined {
  const lines: string[] = [];
  const dropped: number[] = [];
  const all = text.split('\n');
  // A text ending in a line break splits into a last empty piece; one that does not, into a cut-off line.
  if (all[all.length - 1] === '') all.pop();
  all.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = lines.length === 0 ? parseStartLine(line) : JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (value === undefined || checkEntry(value, lines.length === 0) !== undefined) {
      dropped.push(i + 1);
      return;
    }
    lines.push(`${line}\n`);
  });
  if (lines.length === 0 || dropped[0] === 1) return undefined;
  return { lines, dropped };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Shape checks that keep a hand-edited journal from feeding nonsense to the rest of the program. */
function checkEntry(v: unknown, first: boolean): string | undefined {
  if (!isObject(v)) return 'an entry must be a JSON object';
  if (typeof v['at'] !== 'string') return 'an entry needs "at"';
  if (first !== (v['type'] === 'start')) return first ? 'the first entry must be "start"' : 'a second "start" entry';
  switch (v['type']) {
    case 'start': {
      if (v['v'] !== JOURNAL_VERSION) return `unsupported journal version ${String(v['v'])}`;
      const rep = v['rep'];
      const pb = v['playbook'];
      if (typeof v['id'] !== 'string') return 'start needs an id';
      if (!isObject(rep) || typeof rep['name'] !== 'string' || typeof rep['slug'] !== 'string') return 'start needs a rep';
      if (!isObject(pb) || typeof pb['id'] !== 'string' || typeof pb['version'] !== 'string') return 'start needs a playbook';
      if (!isObject(v['snapshot']) || !Array.isArray(v['snapshot']['stages'])) return 'start needs the playbook snapshot';
      if (v['topics'] !== undefined && !(Array.isArray(v['topics']) && v['topics'].every((t) => typeof t === 'string'))) return 'start "topics" must be a list of text';
      return undefined;
    }
    case 'answer':
      if (typeof v['question'] !== 'string') return 'answer needs a question id';
      return isAnswerValue(v['value']) ? undefined : `the answer to "${v['question']}" has an unknown form`;
    case 'skip':
      return typeof v['question'] === 'string' ? undefined : 'skip needs a question id';
    case 'pause':
    case 'resume':
    case 'finish':
      return undefined;
    case 'ownership':
      if (typeof v['question'] !== 'string' || typeof v['action'] !== 'string') return 'ownership needs a question and an action id';
      if (!(OWNERSHIP_CHOICES as readonly unknown[]).includes(v['choice'])) return `unknown ownership choice ${JSON.stringify(v['choice'])}`;
      if (v['what'] !== undefined && typeof v['what'] !== 'string') return 'ownership "what" must be text';
      if (v['reason'] !== undefined && typeof v['reason'] !== 'string') return 'ownership "reason" must be text';
      return undefined;
    case 'self-check':
      if (typeof v['item'] !== 'string') return 'self-check needs an item';
      if (v['skipped'] === true) return undefined;
      return isAnswerValue(v['value']) ? undefined : `the self-check answer to "${v['item']}" has an unknown form`;
    case 'review':
      if (typeof v['session'] !== 'string' || typeof v['agreed'] !== 'string') return 'review needs the session and date the action was agreed';
      if (!isActionItem(v['item'])) return 'review needs the action it reviews';
      if (!(REVIEW_OUTCOMES as readonly unknown[]).includes(v['outcome'])) return `review has an unknown outcome ${JSON.stringify(v['outcome'])}`;
      return v['learned'] === undefined || typeof v['learned'] === 'string' ? undefined : 'review "learned" must be text';
    case 'review-pass':
      if (typeof v['session'] !== 'string' || typeof v['agreed'] !== 'string') return 'review-pass needs the session and date the action was agreed';
      if (!isActionItem(v['item'])) return 'review-pass needs the action it passes over';
      return (REVIEW_PASS_REASONS as readonly unknown[]).includes(v['reason']) ? undefined : `review-pass has an unknown reason ${JSON.stringify(v['reason'])}`;
    case 'listen': {
      const f = v['figures'];
      const t = v['transcript'];
      if (!isObject(t) || typeof t['name'] !== 'string' || typeof t['format'] !== 'string') return 'listen needs its transcript\'s name and format';
      if (!isObject(f) || !Array.isArray(f['speakers']) || !isObject(f['manager']) || typeof f['manager']['talkShare'] !== 'number') return 'listen needs its figures';
      if (!Array.isArray(f['manager']['rescue'])) return 'listen needs its flagged sentences';
      return undefined;
    }
    case 'review-scope':
      return (REVIEW_SCOPES as readonly unknown[]).includes(v['scope']) ? undefined : `review-scope has an unknown scope ${JSON.stringify(v['scope'])}`;
    default:
      return `unknown entry type ${JSON.stringify(v['type'])}`;
  }
}

function isAnswerValue(v: unknown): v is AnswerValue {
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (!Array.isArray(v)) return false;
  return v.every((x) => typeof x === 'string') || v.every(isActionItem);
}

function isActionItem(v: unknown): v is ActionItem {
  return (
    isObject(v) &&
    typeof v['id'] === 'string' &&
    typeof v['what'] === 'string' &&
    (v['owner'] === 'rep' || v['owner'] === 'manager' || v['owner'] === 'both') &&
    (v['due'] === undefined || typeof v['due'] === 'string')
  );
}

// ---------------------------------------------------------------------------
// The state a journal describes

export type SessionStatus = 'in-progress' | 'paused' | 'done';

export interface SessionState {
  start: StartEntry;
  answers: Map<string, AnswerValue>;
  skipped: Set<string>;
  /** Action lists whose entry was cut off: the items saved so far. */
  partial: Set<string>;
  status: SessionStatus;
  /** Time actually spent in the session (paused time left out). */
  activeMs: number;
  lastAt: string;
  finishedAt?: string;
  notePath?: string;
  playbookChanged: boolean;
  /** When each question was first answered; a later edit keeps the first time (issue 5: advice before inquiry). */
  answeredAt?: Map<string, string>;
  /** The manager's choice for each action flagged as a possible rescue, by action id (issue 5). */
  ownership?: Map<string, OwnershipDecision>;
  /** The end-of-run self-check, by item; null when skipped (issue 5). */
  selfCheck?: Map<string, AnswerValue | null>;
  /** Commitments from earlier sessions reviewed in this one, by commitmentKey(), in the order first reviewed. */
  reviews: Map<string, ReviewEntry>;
  /** Commitments this session's review left open without an outcome ("not due yet", "skip the rest"), by commitmentKey(). */
  reviewPasses: Map<string, ReviewPassEntry>;
  /** The review's scope as chosen at its start, once chosen. */
  reviewScope?: ReviewScope;
  /** The conversation's figures from its transcript, the latest attached (issue 12). */
  listen?: ListenEntry;
}

interface OwnershipDecision {
  choice: OwnershipChoice;
  at: string;
  question: string;
  what?: string | undefined;
  reason?: string | undefined;
  /** The action as it was before a hand-back changed its owner and words. */
  from?: ActionItem | undefined;
}

/** Identifies a commitment across sessions: the session it was agreed in and its action id. */
export function commitmentKey(session: string, actionId: string): string {
  return `${session}#${actionId}`;
}

/** Fold the entries into the session's state. Later answers to a question replace earlier ones. */
export function foldJournal(entries: readonly JournalEntry[]): SessionState {
  const [start] = entries;
  if (start?.type !== 'start') throw new Error('a journal starts with a start entry');
  const answeredAt = new Map<string, string>();
  const ownership = new Map<string, OwnershipDecision>();
  const selfCheck = new Map<string, AnswerValue | null>();
  // An old session's playbook declared nothing with its `private: false`s (issue 10): read it safely.
  const snapshot = withDeclaredPrivacy(start.snapshot);
  const state: SessionState = {
    start: snapshot === start.snapshot ? start : { ...start, snapshot },
    answers: new Map(),
    skipped: new Set(),
    partial: new Set(),
    status: 'in-progress',
    activeMs: 0,
    lastAt: start.at,
    playbookChanged: false,
    answeredAt,
    ownership,
    selfCheck,
    reviews: new Map(),
    reviewPasses: new Map(),
  };
  let since: number | undefined = Date.parse(start.at);
  const stop = (at: string) => {
    if (since !== undefined) state.activeMs += Math.max(0, Date.parse(at) - since);
    since = undefined;
  };
  for (const e of entries.slice(1)) {
    // Figures attached later (listen) are not time spent in the session.
    if (e.type !== 'listen') state.lastAt = e.at;
    switch (e.type) {
      case 'answer':
        state.answers.set(e.question, e.value);
        state.skipped.delete(e.question);
        if (e.partial) state.partial.add(e.question);
        else state.partial.delete(e.question);
        if (!answeredAt.has(e.question)) answeredAt.set(e.question, e.at);
        break;
      case 'skip':
        answeredAt.delete(e.question);
        state.answers.delete(e.question);
        state.partial.delete(e.question);
        state.skipped.add(e.question);
        break;
      case 'pause':
        stop(e.at);
        state.status = 'paused';
        break;
      case 'resume':
        since = Date.parse(e.at);
        state.status = 'in-progress';
        if (e.playbookChanged) state.playbookChanged = true;
        break;
      case 'finish':
        stop(e.at);
        state.status = 'done';
        state.finishedAt = e.at;
        if (e.note) state.notePath = e.note;
        break;
      case 'ownership': {
        const list = state.answers.get(e.question);
        const items = Array.isArray(list) ? list.filter((x): x is ActionItem => typeof x === 'object') : [];
        const from = items.find((a) => a.id === e.action);
        ownership.set(e.action, { choice: e.choice, at: e.at, question: e.question, what: e.what, reason: e.reason, from });
        if (from && e.choice === 'hand-back') {
          // Handed back: the rep owns it now, in the words the manager chose.
          const back: ActionItem = { ...from, owner: 'rep', what: e.what?.trim() || from.what };
          state.answers.set(e.question, items.map((a) => (a.id === e.action ? back : a)));
        }
        break;
      }
      case 'self-check':
        selfCheck.set(e.item, e.skipped ? null : (e.value ?? null));
        break;
      case 'review':
        state.reviews.set(commitmentKey(e.session, e.item.id), e);
        state.reviewPasses.delete(commitmentKey(e.session, e.item.id));
        break;
      case 'review-pass':
        // Going back to change an outcome to "not due yet" takes the outcome away.
        state.reviews.delete(commitmentKey(e.session, e.item.id));
        state.reviewPasses.set(commitmentKey(e.session, e.item.id), e);
        break;
      case 'review-scope':
        state.reviewScope = e.scope;
        break;
      case 'listen':
        state.listen = e;
        break;
      case 'start':
        break;
    }
  }
  // A session cut off by a crash counts its time up to its last entry.
  if (since !== undefined) state.activeMs += Math.max(0, Date.parse(state.lastAt) - since);
  // Without --deal, the answer to the question the playbook marks `deal: true` is the session's
  // deal (issue 10): set on the state's copy of the start, so the note, history and sessions show it.
  const deal = start.deal ? undefined : dealAnswer(start.snapshot, state.answers);
  if (deal) state.start = { ...start, deal };
  return state;
}

/** The answer to the playbook's deal question (a choice as its label), as one line; undefined when none. */
export function dealAnswer(playbook: Playbook, answers: ReadonlyMap<string, AnswerValue>): string | undefined {
  for (const stage of playbook.stages) {
    const q = stage.questions.find((x) => x.deal === true);
    if (!q) continue;
    const value = answers.get(q.id);
    if (typeof value !== 'string') return undefined;
    const text = (q.type === 'choice' ? labelOf(q, value) : value).replace(/\s+/g, ' ').trim();
    return text === '' ? undefined : text;
  }
  return undefined;
}
