/**
 * Issue 10: `stats` follow-through must equal the outcomes the reviews
 * recorded. Table tests over hand-built summaries: the figures from the
 * rollup (what stats, prep and reps read) against the outcomes given, and
 * against each commitment's status (what prep lists and the notes show).
 */
import { describe, expect, it } from 'vitest';
import { prep } from '../src/commands/prep.ts';
import { reps } from '../src/commands/reps.ts';
import { stats } from '../src/commands/stats.ts';
import type { ActionItem } from '../src/playbook/schema.ts';
import { deriveCommitments, followThrough, type OutcomeCounts } from '../src/model/commitments.ts';
import type { ReviewOutcome } from '../src/model/journal.ts';
import { followThroughOf, rollupOf } from '../src/lookback/rollup.ts';
import type { SessionSummary } from '../src/model/summary.ts';
import { tempPaths } from './helpers.ts';
import { action, days, outcomes, runSession, testContext } from './lookback-helpers.ts';

const SAM = { name: 'Sam Lee', slug: 'sam-lee' };

function summary(id: string, started: string, actions: ActionItem[], reviews: SessionSummary['reviews'] = {}, status: SessionSummary['status'] = 'done'): SessionSummary {
  return { id, rep: SAM, playbook: { id: 'mini', title: 'Mini' }, started, status, actions, reviews, rescue: [0, 0, 0, 0] };
}

const act = (id: string, owner: ActionItem['owner'], due?: string): ActionItem => ({ id, what: `action ${id}`, owner, ...(due ? { due } : {}) });
const none: OutcomeCounts = { done: 0, partly: 0, notDone: 0, dropped: 0, pending: 0 };

interface Case {
  name: string;
  /** Newest first, as the index gives them. */
  summaries: SessionSummary[];
  rep: OutcomeCounts;
  yours: OutcomeCounts;
  rate: number | null;
}

const week1 = summary('w1', '2026-12-06T10:00:00.000Z', [act('a', 'rep', '2026-12-20'), act('b', 'rep', '2026-12-20'), act('c', 'both', '2026-12-20')]);
const review = (list: Array<[string, ReviewOutcome]>): SessionSummary['reviews'] => ({ w1: list });

const CASES: Case[] = [
  {
    name: 'nothing reviewed yet',
    summaries: [week1],
    rep: { ...none, pending: 3 },
    yours: none,
    rate: null,
  },
  {
    // The run: "1 done, 1 partly, 1 dropped", a week before they were due.
    name: 'done, partly, dropped before the due date, and the new session’s own action',
    summaries: [
      summary('w2', '2026-12-13T10:00:00.000Z', [act('d', 'rep', '2026-12-18')], review([['a', 'done'], ['b', 'partly'], ['c', 'dropped']])),
      week1,
    ],
    rep: { done: 1, partly: 1, notDone: 0, dropped: 1, pending: 1 },
    yours: none,
    rate: 0.75,
  },
  {
    name: 'the manager’s own commitment is counted apart, not lost',
    summaries: [
      summary('w2', '2026-12-13T10:00:00.000Z', [], { w1: [['a', 'done'], ['m', 'dropped']] }),
      summary('w1', '2026-12-06T10:00:00.000Z', [act('a', 'rep'), act('m', 'manager')]),
    ],
    rep: { ...none, done: 1 },
    yours: { ...none, dropped: 1 },
    rate: 1,
  },
  {
    name: 'a later review replaces an earlier one: partly, then done',
    summaries: [
      summary('w3', '2026-12-20T10:00:00.000Z', [], review([['b', 'done']])),
      summary('w2', '2026-12-13T10:00:00.000Z', [], review([['a', 'not-done'], ['b', 'partly']])),
      week1,
    ],
    rep: { done: 1, partly: 0, notDone: 1, dropped: 0, pending: 1 },
    yours: none,
    rate: 0.5,
  },
  {
    name: 'an unfinished session’s actions were never agreed; its reviews still count',
    summaries: [summary('w2', '2026-12-13T10:00:00.000Z', [act('x', 'rep')], review([['a', 'not-done']]), 'paused'), week1],
    rep: { ...none, notDone: 1, pending: 2 },
    yours: none,
    rate: 0,
  },
];

describe('follow-through equals the outcomes recorded', () => {
  it.each(CASES)('$name', ({ summaries, rep, yours, rate }) => {
    const fromRows = followThroughOf(rollupOf(summaries).rows);
    expect(fromRows).toEqual({ ...rep, yours, rate });
    // The same figures as each commitment's status (prep's list, the note's outcomes).
    const commitments = deriveCommitments(summaries);
    expect(followThrough(commitments)).toEqual(fromRows);
    const statuses = commitments.filter((c) => c.item.owner !== 'manager').map((c) => c.status);
    expect(statuses.filter((s) => s === 'open')).toHaveLength(rep.pending);
    expect(statuses.filter((s) => s === 'partly')).toHaveLength(rep.partly);
  });
});

describe('stats after a review, through the real flow', () => {
  it('shows the outcomes the second session gave to the first one’s actions, in --json and in the text', async () => {
    const paths = tempPaths();
    const t = testContext(paths, new Date('2026-12-06T10:00:00Z'));
    await runSession(t, {
      rep: 'Sam Lee',
      answers: {
        outcome: 'A plan for Acme',
        actions: [
          action('s1', 'Call Dana about the CFO', 'rep', '2026-12-20'),
          action('s2', 'Send the phased proposal', 'rep', '2026-12-20'),
          action('s3', 'Map the buying committee', 'both', '2026-12-20'),
          action('s4', 'Ask finance for the discount band', 'manager', '2026-12-20'),
        ],
        confidence: 6,
      },
    });
    t.clock.now = new Date(t.clock.now.getTime() + days(7));
    await runSession(t, {
      rep: 'Sam Lee',
      answers: {
        // Reviewed a week before they were due; the due ones come first, so all are asked on request.
        'commitment-scope': 'all',
        ...outcomes({ 'Call Dana': 'done', 'phased proposal': 'partly', 'buying committee': 'dropped', 'discount band': 'not-done' }),
        outcome: 'Close the loop',
        actions: [action('s5', 'Book the pilot review', 'rep', '2026-12-18')],
        confidence: 7,
      },
    });

    const json = testContext(paths, t.clock.now);
    await stats(json.ctx, { rep: 'Sam Lee', json: true });
    const f = JSON.parse(json.out()).followThrough;
    expect(f).toMatchObject({ done: 1, partly: 1, notDone: 0, dropped: 1, pending: 1, yours: { ...none, notDone: 1 } });
    expect(f.rate).toBeCloseTo(0.75);

    const text = testContext(paths, t.clock.now);
    await stats(text.ctx, { rep: 'Sam Lee' });
    expect(text.out()).toContain('Follow-through  75%');
    expect(text.out()).toContain('done 1, partly 1, not done 0; dropped 1; not reviewed yet 1');
    expect(text.out()).toContain('your own actions (not in the figure): done 0, partly 0, not done 1; dropped 0; not reviewed yet 0');

    // prep and reps read the same figures, and list the same commitments as open.
    const p = testContext(paths, t.clock.now);
    await prep(p.ctx, { rep: 'sam', json: true });
    const report = JSON.parse(p.out());
    const { perMonth: _perMonth, ...figures } = f;
    expect(report.followThrough).toEqual(figures);
    expect(report.open.map((o: { what: string; lastOutcome: { outcome: string } | null }) => [o.what, o.lastOutcome?.outcome ?? null])).toEqual([
      ['Book the pilot review', null],
      ['Send the phased proposal', 'partly done'],
      ['Ask finance for the discount band', 'not done'],
    ]);
    const r = testContext(paths, t.clock.now);
    await reps(r.ctx, { json: true });
    expect(JSON.parse(r.out()).reps[0]).toMatchObject({ name: 'Sam Lee', open: 3, followThrough: figures });
  });
});
