import { describe, expect, it } from 'vitest';
import {
  ageInDays,
  commitmentsToReview,
  deriveCommitments,
  followThrough,
  isOpen,
  isOverdue,
  outcomesBySession,
  type Commitment,
} from '../src/model/commitments.ts';
import type { ReviewOutcome } from '../src/model/journal.ts';
import { openCommitments, rollupOf } from '../src/lookback/rollup.ts';
import type { SessionSummary } from '../src/model/summary.ts';
import { action } from './lookback-helpers.ts';

function summary(id: string, rep: string, started: string, over: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id,
    rep: { name: rep, slug: rep.toLowerCase() },
    playbook: { id: 'mini', title: 'Mini' },
    started,
    status: 'done',
    actions: [],
    reviews: {},
    rescue: [0, 0, 0, 0],
    ...over,
  };
}


/** Newest first, as the index gives them. */
const STORE: SessionSummary[] = [
  summary('s3', 'sam', '2026-03-16T09:00:00Z', { reviews: { s1: [['b', 'done']] } }),
  summary('p1', 'sam', '2026-03-12T09:00:00Z', { status: 'paused', actions: [action('x', 'Never agreed: session unfinished')] }),
  summary('s2', 'sam', '2026-03-09T09:00:00Z', {
    actions: [action('c', 'Send the plan', 'rep', '2026-03-13')],
    reviews: { s1: [['a', 'done', 'Ask early'], ['b', 'partly']] },
  }),
  summary('s1', 'sam', '2026-03-02T09:00:00Z', {
    actions: [action('a', 'Call the CFO', 'rep', '2026-03-06'), action('b', 'Draft the proposal', 'both', '2026-03-12'), action('m', 'Intro to our CFO', 'manager')],
  }),
  summary('n1', 'ana', '2026-03-03T09:00:00Z', { actions: [action('a', 'Map who decides')] }),
];

describe('deriveCommitments', () => {
  const all = deriveCommitments(STORE);
  const byWhat = new Map(all.map((c) => [c.item.what, c]));

  it('takes the actions of finished sessions only, each with its reviews in time order', () => {
    expect([...byWhat.keys()].sort()).toEqual(['Call the CFO', 'Draft the proposal', 'Intro to our CFO', 'Map who decides', 'Send the plan']);
    expect(byWhat.get('Draft the proposal')?.outcomes.map((o) => [o.session, o.outcome])).toEqual([
      ['s2', 'partly'],
      ['s3', 'done'],
    ]);
    expect(byWhat.get('Call the CFO')?.outcomes[0]?.learned).toBe('Ask early');
  });

  it.each([
    ['Call the CFO', 'done'],
    ['Draft the proposal', 'done'],
    ['Intro to our CFO', 'open'],
    ['Send the plan', 'open'],
    ['Map who decides', 'open'],
  ])('%s is %s', (what, status) => {
    expect(byWhat.get(what)?.status).toBe(status);
  });

  it('keeps the same action id in two sessions apart', () => {
    expect(all.filter((c) => c.item.id === 'a').map((c) => c.session).sort()).toEqual(['n1', 's1']);
  });

  it('gives a session the outcomes of its own actions, for its note', () => {
    const o = outcomesBySession(all, 's1');
    expect([...o.keys()].sort()).toEqual(['a', 'b']);
    expect(o.get('b')?.map((x) => x.outcome)).toEqual(['partly', 'done']);
  });
});

describe('commitmentsToReview', () => {
  const all = deriveCommitments(STORE);
  it('lists the rep’s earlier open commitments, oldest first', () => {
    expect(commitmentsToReview(all, 'sam', '2026-03-20T09:00:00Z', 'new').map((c) => c.item.what)).toEqual(['Intro to our CFO', 'Send the plan']);
  });
  it('leaves out commitments agreed after the session started ("Send the plan", agreed in s2)', () => {
    // Seen from a session started on 03-05 and resumed now: what later sessions closed is closed.
    expect(commitmentsToReview(all, 'sam', '2026-03-05T09:00:00Z', 'old').map((c) => c.item.what)).toEqual(['Intro to our CFO']);
  });
  it('ignores outcomes given in the session being run, so a resumed run still lists what it reviewed', () => {
    // s2 reviewed "Call the CFO" (done) and "Draft the proposal" (partly); s3 later closed the proposal.
    expect(commitmentsToReview(all, 'sam', '2026-03-09T09:00:00Z', 's2').map((c) => c.item.what)).toEqual(['Call the CFO', 'Intro to our CFO']);
  });
  it('never mixes reps', () => {
    expect(commitmentsToReview(all, 'ana', '2026-03-20T09:00:00Z', 'new').map((c) => c.item.what)).toEqual(['Map who decides']);
  });

  // A new run reads them from the rollup (openCommitments): the same commitments, items and latest outcomes.
  const sameAs = (list: Commitment[]) => list.map((c) => ({ ...c, rep: c.rep.slug, outcomes: c.outcomes.slice(-1) }));
  const renamed = [summary('s4', 'sam', '2026-03-18T09:00:00Z', { rep: { name: 'Sam Lee', slug: 'sam' } }), ...STORE];
  it.each(['sam', 'ana', 'nobody'])('the rollup gives a new session with %s what commitmentsToReview gives', (rep) => {
    const store = [
      summary('r2', 'sam', '2026-03-17T09:00:00Z', { reviews: { s0: [['z', 'partly']] } }),
      summary('r1', 'sam', '2026-03-10T09:00:00Z', { reviews: { s0: [['z', 'not-done', 'Too late']] } }),
      ...STORE,
      summary('s0', 'sam', '2026-02-20T09:00:00Z', { actions: [action('z', 'Reviewed twice', 'rep', '2026-02-27'), action('y', 'No due date', 'both')] }),
    ];
    const fromRollup = openCommitments(rollupOf(store), rep);
    expect(sameAs(fromRollup)).toEqual(sameAs(commitmentsToReview(deriveCommitments(store), rep, '2026-03-20T09:00:00Z', 'new')));
    if (rep === 'sam') {
      expect(fromRollup.map((c) => c.item.what)).toEqual(['Reviewed twice', 'No due date', 'Intro to our CFO', 'Send the plan']);
      expect(fromRollup[0]).toMatchObject({ status: 'partly', item: { due: '2026-02-27' }, outcomes: [{ session: 'r2', outcome: 'partly' }] });
    }
  });
  it('names the rep as last given', () => {
    expect(openCommitments(rollupOf(renamed), 'sam').map((c) => c.rep.name)).toEqual(['Sam Lee', 'Sam Lee']);
  });
});

function commitment(owner: 'rep' | 'both' | 'manager', due: string | undefined, outcomes: Array<[ReviewOutcome, string]>): Commitment {
  return {
    key: 'k',
    session: 's',
    rep: { name: 'Sam', slug: 'sam' },
    agreed: '2026-03-02T09:00:00Z',
    item: action('a', 'x', owner, due),
    outcomes: outcomes.map(([outcome, at]) => ({ session: 'r', at, outcome })),
    status: outcomes.length ? (outcomes[outcomes.length - 1]?.[0] ?? 'open') : 'open',
  };
}

describe('followThrough', () => {
  const none = { done: 0, partly: 0, notDone: 0, dropped: 0, pending: 0 };
  it.each<[string, Commitment[], { rate: number | null; done: number; partly: number; notDone: number; dropped: number; pending: number; yours: typeof none }]>([
    ['nothing reviewed yet', [commitment('rep', '2026-03-06', [])], { rate: null, done: 0, partly: 0, notDone: 0, dropped: 0, pending: 1, yours: none }],
    [
      'done, partly, not done: (1 + 0.5 + 0) / 3',
      [
        commitment('rep', undefined, [['done', '2026-03-09T09:00:00Z']]),
        commitment('both', undefined, [['partly', '2026-03-09T09:00:00Z']]),
        commitment('rep', undefined, [['not-done', '2026-03-09T09:00:00Z']]),
      ],
      { rate: 0.5, done: 1, partly: 1, notDone: 1, dropped: 0, pending: 0, yours: none },
    ],
    [
      // Issue 10: a "partly" before the due date was counted as "not decided yet"; it is what the review recorded.
      'partly before its due date counts as partly; a later outcome replaces an earlier one',
      [
        commitment('rep', '2026-03-20', [['partly', '2026-03-09T09:00:00Z']]),
        commitment('rep', '2026-03-20', [['not-done', '2026-03-09T09:00:00Z']]),
        commitment('rep', '2026-03-12', [['not-done', '2026-03-09T09:00:00Z'], ['done', '2026-03-16T09:00:00Z']]),
      ],
      { rate: 0.5, done: 1, partly: 1, notDone: 1, dropped: 0, pending: 0, yours: none },
    ],
    [
      'dropped is left out of the rate; the manager’s own actions are not the rep’s',
      [
        commitment('rep', undefined, [['done', '2026-03-09T09:00:00Z']]),
        commitment('rep', undefined, [['dropped', '2026-03-09T09:00:00Z']]),
        commitment('manager', undefined, [['not-done', '2026-03-09T09:00:00Z']]),
      ],
      { rate: 1, done: 1, partly: 0, notDone: 0, dropped: 1, pending: 0, yours: { ...none, notDone: 1 } },
    ],
  ])('%s', (_name, list, expected) => {
    expect(followThrough(list)).toEqual(expected);
  });
});

describe('open, overdue, age', () => {
  it.each([
    ['open', true],
    ['partly', true],
    ['not-done', true],
    ['done', false],
    ['dropped', false],
  ] as const)('%s is open: %s', (status, open) => {
    expect(isOpen(status)).toBe(open);
  });
  it.each([
    ['2026-03-05', 'open', '2026-03-06', true],
    ['2026-03-06', 'open', '2026-03-06', false],
    ['2026-03-05', 'done', '2026-03-06', false],
    [undefined, 'open', '2026-03-06', false],
  ] as const)('due %s, %s, today %s: overdue %s', (due, status, today, overdue) => {
    expect(isOverdue({ item: action('a', 'x', 'rep', due), status }, today)).toBe(overdue);
  });
  it('counts calendar days, as the date beside it reads (agreed on the 2nd, on the 9th it is 7 days ago at any hour)', () => {
    const at = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min);
    expect(ageInDays(at(2026, 3, 2, 21, 1).toISOString(), at(2026, 3, 9, 8, 59))).toBe(7);
    expect(ageInDays(at(2026, 3, 2, 9).toISOString(), at(2026, 3, 9, 9))).toBe(7);
    expect(ageInDays(at(2026, 3, 2, 23, 50).toISOString(), at(2026, 3, 3, 0, 10))).toBe(1);
    expect(ageInDays(at(2026, 3, 2, 9).toISOString(), at(2026, 3, 2, 18))).toBe(0);
    expect(ageInDays(at(2026, 2, 27, 9).toISOString(), at(2026, 3, 1, 9))).toBe(2);
  });
});
