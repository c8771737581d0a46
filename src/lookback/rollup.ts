/**
 * The rollup: one small row per session with every figure `reps`, `history`,
 * `stats` and `prep` count, and each rep's open commitments. It is derived
 * from all the summaries and their commitments, but depends on nothing that
 * changes by itself (not on today's date), so the index keeps it in its header
 * and those commands read it without parsing 10,000 summaries. Pure.
 */
import type { Owner } from '../playbook/schema.ts';
import { deriveCommitments, emptyCounts, inReviewOrder, isOpen, isRepOwned, withRate, type Commitment, type CommitmentOutcome, type CommitmentStatus, type FollowThrough, type OutcomeCounts } from '../model/commitments.ts';
import { commitmentKey, type SessionStatus } from '../model/journal.ts';
import type { SessionSummary } from '../model/summary.ts';

export interface SessionRow {
  id: string;
  /** SessionSummary.file: the journal's name, when it is not `<id>.jsonl`. */
  file?: string;
  started: string;
  /** The rep's slug; the name is in Rollup.reps. */
  rep: string;
  playbook: string;
  deal: string | null;
  status: SessionStatus;
  /** Actions agreed, how many are still open, and how many earlier commitments it reviewed. */
  actions: number;
  open: number;
  reviewed: number;
  /** Confidence on a 1-10 scale. */
  confidence: number | null;
  /** Who owns this session's actions (finished sessions only): rep, manager, both. */
  owners: [number, number, number];
  /**
   * How this session's rep-owned commitments stand (each at its latest outcome, as prep and the
   * notes show it): done, partly, not done, dropped, not reviewed yet.
   */
  ft: OutcomeTuple;
  /** The same for the manager's own commitments, counted apart from the rep's follow-through. */
  ftYours: OutcomeTuple;
  /** The rescue figures (SessionSummary.rescue): manager took on, kept, handed back; flags. */
  rescue: SessionSummary['rescue'];
  /** A session the manager ran alone about their own habits (SessionSummary.selfCheck); absent on the others. */
  selfCheck?: true;
  /** The conversation's figures from its transcript (SessionSummary.conversation, issue 12); absent without one. */
  conversation?: SessionSummary['conversation'];
}

export interface OpenCommitmentRow {
  session: string;
  action: string;
  what: string;
  owner: Owner;
  due: string | null;
  /** When it was agreed (its session's start). */
  agreed: string;
  last: CommitmentOutcome | null;
  /** ActionItem.private: the manager's alone, never in a rep's copy. */
  private?: true;
}

/** A playbook's title as one session ran it: [title, the session's start, its id]. */
type TitleSeen = [string, string, string];

interface RepRollup {
  /** The name as last given. */
  name: string;
  /** The open commitments, oldest first. */
  open: OpenCommitmentRow[];
  /** Each playbook's title as the rep's newest session of it ran it. */
  titles: Record<string, TitleSeen>;
}

export interface Rollup {
  /** Newest first. */
  rows: SessionRow[];
  /** By slug. */
  reps: Record<string, RepRollup>;
  /** Playbook titles by id, as the newest session of each ran it. */
  titles: Record<string, string>;
}

/** A confidence answer on a 1-10 scale, one decimal. */
export function normalizeConfidence(c: { value: number; min: number; max: number }): number {
  if (c.max <= c.min) return c.value;
  if (c.min === 1 && c.max === 10) return c.value;
  return Math.round((1 + ((c.value - c.min) * 9) / (c.max - c.min)) * 10) / 10;
}

/** done, partly, not done, dropped, not reviewed yet: OutcomeCounts as a tuple, to keep the index small. */
type OutcomeTuple = [number, number, number, number, number];

const OWNER_INDEX: Record<Owner, 0 | 1 | 2> = { rep: 0, manager: 1, both: 2 };
const FT_INDEX: Record<CommitmentStatus, 0 | 1 | 2 | 3 | 4> = { done: 0, partly: 1, 'not-done': 2, dropped: 3, open: 4 };

/** `commitments` from deriveCommitments over the same summaries; rows come out newest first. */
function buildRollup(summaries: readonly SessionSummary[], commitments: readonly Commitment[]): Rollup {
  // By rep and session: a journal copied under another rep shares its session id.
  const key = (rep: string, session: string) => `${rep}\n${session}`;
  const bySession = new Map<string, Commitment[]>();
  for (const c of commitments) {
    const k = key(c.rep.slug, c.session);
    const list = bySession.get(k);
    if (list) list.push(c);
    else bySession.set(k, [c]);
  }
  const reps: Rollup['reps'] = {};
  const rows: SessionRow[] = [];
  const named = new Map<string, [string, string]>();
  for (const s of summaries) {
    // The name and titles as last given.
    const seen = named.get(s.rep.slug);
    if (seen === undefined || isNewer([s.started, s.id], seen)) {
      named.set(s.rep.slug, [s.started, s.id]);
      reps[s.rep.slug] = { name: s.rep.name, open: [], titles: reps[s.rep.slug]?.titles ?? {} };
    }
    const rep = reps[s.rep.slug];
    const title = rep?.titles[s.playbook.id];
    if (rep && (title === undefined || isNewer([s.started, s.id], [title[1], title[2]]))) rep.titles[s.playbook.id] = [s.playbook.title, s.started, s.id];
    const own = bySession.get(key(s.rep.slug, s.id)) ?? [];
    const owners: SessionRow['owners'] = [0, 0, 0];
    const ft: OutcomeTuple = [0, 0, 0, 0, 0];
    const ftYours: OutcomeTuple = [0, 0, 0, 0, 0];
    if (s.status === 'done') for (const a of s.actions) owners[OWNER_INDEX[a.owner]]++;
    for (const c of own) (isRepOwned(c.item.owner) ? ft : ftYours)[FT_INDEX[c.status]]++;
    rows.push({
      id: s.id,
      ...(s.file ? { file: s.file } : {}),
      started: s.started,
      rep: s.rep.slug,
      playbook: s.playbook.id,
      deal: s.deal ?? null,
      status: s.status,
      actions: s.actions.length,
      open: own.filter((c) => isOpen(c.status)).length,
      reviewed: Object.values(s.reviews).reduce((n, list) => n + list.length, 0),
      confidence: s.confidence ? normalizeConfidence(s.confidence) : null,
      owners,
      ft,
      ftYours,
      rescue: s.rescue,
      ...(s.selfCheck ? { selfCheck: true as const } : {}),
      ...(s.conversation ? { conversation: s.conversation } : {}),
    });
  }
  rows.sort(newestFirst);
  const open = commitments.filter((c) => isOpen(c.status)).sort((a, b) => (a.agreed < b.agreed ? -1 : a.agreed > b.agreed ? 1 : 0));
  for (const c of open) {
    reps[c.rep.slug]?.open.push({
      session: c.session,
      action: c.item.id,
      what: c.item.what,
      owner: c.item.owner,
      due: c.item.due ?? null,
      ...(c.item.private ? { private: true as const } : {}),
      agreed: c.agreed,
      last: c.outcomes[c.outcomes.length - 1] ?? null,
    });
  }
  return { rows, reps, titles: titlesOf(reps) };
}

/** Started later, or at the same moment with the greater id: the order rows are in, reversed. */
function isNewer(a: readonly [string, string], b: readonly [string, string]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

function newestFirst(a: SessionRow, b: SessionRow): number {
  // To the last tie (a journal copied under another rep shares its id): the order must not
  // depend on the order rows came in, or an update would differ from a rollup worked out anew.
  return a.started < b.started ? 1 : a.started > b.started ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : a.rep < b.rep ? 1 : a.rep > b.rep ? -1 : 0;
}

/** Each playbook's title as its newest session, of any rep, ran it. */
function titlesOf(reps: Rollup['reps']): Rollup['titles'] {
  const newest: Record<string, TitleSeen> = {};
  // Reps in a fixed order, so a tie goes the same way whichever rep was worked out last.
  for (const slug of Object.keys(reps).sort()) {
    for (const [id, seen] of Object.entries(reps[slug]?.titles ?? {})) {
      const known = newest[id];
      if (!known || isNewer([seen[1], seen[2]], [known[1], known[2]])) newest[id] = seen;
    }
  }
  return Object.fromEntries(Object.entries(newest).map(([id, seen]) => [id, seen[0]]));
}

/**
 * The rollup after the sessions of some reps changed: `previous` with those reps'
 * parts worked out again from `summaries`, which holds every summary of theirs
 * (and maybe others, left out here). Equal to rollupOf over every summary, because
 * a rep's rows, open commitments and titles depend on that rep's sessions alone
 * (a commitment is reviewed only in sessions with the same rep: deriveCommitments).
 */
export function updateRollup(previous: Rollup, affected: ReadonlySet<string>, summaries: readonly SessionSummary[]): Rollup {
  const own = summaries.filter((s) => affected.has(s.rep.slug));
  const part = rollupOf(own);
  const reps = Object.fromEntries(Object.entries(previous.reps).filter(([slug]) => !affected.has(slug)));
  Object.assign(reps, part.reps);
  const rows = previous.rows.filter((r) => !affected.has(r.rep)).concat(part.rows).sort(newestFirst);
  return { rows, reps, titles: titlesOf(reps) };
}

/** A header's rollup as this version writes it (an older or hand-edited one is worked out again). */
export function isRollup(value: unknown): value is Rollup {
  const r = value as Partial<Rollup> | undefined;
  if (!r || !Array.isArray(r.rows) || typeof r.reps !== 'object' || r.reps === null || typeof r.titles !== 'object' || r.titles === null) return false;
  // Rows counted before issue 10 have no ftYours (and counted follow-through otherwise): worked out again.
  if (!r.rows.every((row) => Array.isArray((row as Partial<SessionRow> | undefined)?.ftYours))) return false;
  return Object.values(r.reps).every((rep) => typeof rep === 'object' && rep !== null && Array.isArray(rep.open) && typeof rep.titles === 'object' && rep.titles !== null);
}

/**
 * What a new session with the rep reviews (commitmentsToReview), read from the
 * rollup instead of every summary: each commitment still open, in review order,
 * with its latest outcome, and the rep's name as last given.
 */
export function openCommitments(rollup: Rollup, repSlug: string): Commitment[] {
  const rep = rollup.reps[repSlug];
  if (!rep) return [];
  return rep.open
    .map(
      (o): Commitment => ({
        key: commitmentKey(o.session, o.action),
        session: o.session,
        rep: { name: rep.name, slug: repSlug },
        agreed: o.agreed,
        item: { id: o.action, what: o.what, owner: o.owner, ...(o.due === null ? {} : { due: o.due }), ...(o.private ? { private: true as const } : {}) },
        outcomes: o.last ? [o.last] : [],
        status: o.last?.outcome ?? 'open',
      }),
    )
    .sort(inReviewOrder);
}

/** Follow-through over some sessions' commitments (see commitments.ts followThrough). */
export function followThroughOf(rows: readonly SessionRow[]): FollowThrough {
  const rep = emptyCounts();
  const yours = emptyCounts();
  for (const r of rows) {
    addTuple(rep, r.ft);
    addTuple(yours, r.ftYours);
  }
  return withRate({ ...rep, rate: null, yours });
}

function addTuple(counts: OutcomeCounts, t: OutcomeTuple): void {
  counts.done += t[0];
  counts.partly += t[1];
  counts.notDone += t[2];
  counts.dropped += t[3];
  counts.pending += t[4];
}

/** A rollup from a store as the tests and the index build it. */
export function rollupOf(summaries: readonly SessionSummary[]): Rollup {
  return buildRollup(summaries, deriveCommitments(summaries));
}
