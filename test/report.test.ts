import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { chartMonths, formatStats } from '../src/commands/stats.ts';
import { bar, percent, sparkline } from '../src/report/charts.ts';
import { suggestPlaybook } from '../src/report/prep.ts';
import { findRep } from '../src/report/reps.ts';
import { computeStats, normalizeConfidence } from '../src/report/stats.ts';
import { rollupOf } from '../src/lookback/rollup.ts';
import type { SessionSummary } from '../src/model/summary.ts';
import { dateRange, inRange, monthsEnding, parseDateBound } from '../src/util/dates.ts';
import { formatTable } from '../src/util/table.ts';
import { action } from './lookback-helpers.ts';

describe('sparkline', () => {
  it.each<[Array<number | null>, { min?: number; max?: number }, string]>([
    [[1, 2, 3, 4, 5, 6, 7, 8], {}, '▁▂▃▄▅▆▇█'],
    [[1, 10], { min: 1, max: 10 }, '▁█'],
    [[5, 5, 5], {}, '▄▄▄'],
    [[1, null, 10], { min: 1, max: 10 }, '▁ █'],
    [[0, 20], { min: 1, max: 10 }, '▁█'],
    [[null, null], {}, '  '],
    [[], {}, ''],
  ])('%j with %j → %s', (values, scale, expected) => {
    expect(sparkline(values, scale)).toBe(expected);
  });
});

describe('bar', () => {
  it.each([
    [10, 10, 4, '████'],
    [5, 10, 4, '██'],
    [1, 8, 1, '▏'],
    [3, 8, 1, '▍'],
    [1, 1000, 10, '▏'],
    [0, 10, 4, ''],
    [20, 10, 2, '██'],
    [5, 0, 4, ''],
  ])('%d of %d in %d cells → %j', (value, max, width, expected) => {
    expect(bar(value, max, width)).toBe(expected);
  });
  it.each([
    [0.785, '79%'],
    [null, 'n/a'],
    [1, '100%'],
  ])('percent(%j) = %s', (rate, text) => {
    expect(percent(rate)).toBe(text);
  });
});

describe('dates', () => {
  const now = new Date(2026, 2, 15, 10, 0); // 15 March 2026, local
  it.each([
    ['2026-03-01', false, '2026-03-01'],
    ['2026-02', false, '2026-02-01'],
    ['2026-02', true, '2026-02-28'],
    ['today', false, '2026-03-15'],
    ['yesterday', false, '2026-03-14'],
    ['30d', false, '2026-02-13'],
    ['2w', false, '2026-03-01'],
    ['3m', false, '2025-12-15'],
    ['1y', false, '2025-03-15'],
  ])('%s (end %s) → %s', (input, end, expected) => {
    expect(parseDateBound(input, now, '--since', end)).toBe(expected);
  });
  it.each(['2026-02-30', 'last tuesday', '', '2026-13', '10x'])('%j is refused with the flag named', (input) => {
    expect(() => parseDateBound(input, now, '--until')).toThrow(/--until/);
  });
  it('refuses a range that ends before it starts', () => {
    expect(() => dateRange({ since: '2026-03-10', until: '2026-03-01' }, now)).toThrow(/after/);
  });
  it.each([
    ['2026-03-01', { since: '2026-03-01' }, true],
    ['2026-02-28', { since: '2026-03-01' }, false],
    ['2026-03-31', { until: '2026-03-31' }, true],
    ['2026-04-01', { since: '2026-03-01', until: '2026-03-31' }, false],
  ])('%s in %j: %s', (date, range, expected) => {
    expect(inRange(date, range)).toBe(expected);
  });
  it('lists months across a year end', () => {
    expect(monthsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(chartMonths({ since: '2025-12-10' }, '2026-03-15')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(chartMonths({}, '2026-03-15')).toHaveLength(12);
    expect(chartMonths({ since: '2020-01-01' }, '2026-03-15')).toHaveLength(24);
  });
});

function summary(id: string, rep: string, started: string, over: Partial<SessionSummary> = {}): SessionSummary {
  return { id, rep: { name: rep, slug: rep.toLowerCase() }, playbook: { id: 'mini', title: 'Mini' }, started, status: 'done', actions: [], reviews: {}, rescue: [0, 0, 0, 0], ...over };
}

describe('stats', () => {
  const store: SessionSummary[] = [
    summary('s3', 'Sam', '2026-03-10T09:00:00Z', {
      confidence: { value: 8, min: 1, max: 10 },
      reviews: { s2: [['b', 'not-done']] },
    }),
    summary('s2', 'Sam', '2026-02-10T09:00:00Z', {
      confidence: { value: 6, min: 1, max: 10 },
      actions: [action('b', 'Draft', 'rep')],
      reviews: { s1: [['a', 'done']] },
    }),
    summary('s1', 'Sam', '2026-01-10T09:00:00Z', { confidence: { value: 4, min: 1, max: 10 }, actions: [action('a', 'Call', 'rep'), action('m', 'Intro', 'manager')] }),
    summary('n1', 'Ana', '2026-03-02T09:00:00Z', { status: 'paused', confidence: { value: 3, min: 0, max: 5 } }),
  ];
  const rollup = rollupOf(store);
  const stats = computeStats({ rows: rollup.rows, names: rollup.reps, months: monthsEnding('2026-03', 3), rep: null, range: {} });

  it('counts sessions per month and by status', () => {
    expect(stats.sessions).toMatchObject({ total: 4, done: 3, unfinished: 1 });
    expect(stats.sessions.perMonth).toEqual([
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 1 },
      { month: '2026-03', count: 2 },
    ]);
  });
  it('computes follow-through overall and by the month a commitment was agreed', () => {
    expect(stats.followThrough).toMatchObject({ rate: 0.5, done: 1, notDone: 1 });
    expect(stats.followThrough.perMonth.map((m) => m.rate)).toEqual([1, 0, null]);
  });
  it('puts confidence on one 1-10 scale and keeps its trend in time order', () => {
    expect(normalizeConfidence({ value: 3, min: 0, max: 5 })).toBe(6.4);
    expect(stats.confidence.recent.map((r) => r.value)).toEqual([4, 6, 6.4, 8]);
    expect(stats.confidence.latest).toBe(8);
    expect(stats.confidence.average).toBe(6.1);
  });
  it('counts who owns the actions of finished sessions', () => {
    expect(stats.owners).toMatchObject({ rep: 2, manager: 1, both: 0, total: 3 });
    expect(stats.owners.managerShare).toBeCloseTo(1 / 3);
  });
  it('adds a row per rep when the stats are for everyone', () => {
    expect(stats.reps?.map((r) => [r.name, r.sessions, r.followThrough])).toEqual([
      ['Ana', 1, null],
      ['Sam', 3, 0.5],
    ]);
  });
  it('leaves the manager’s own self-check sessions out of every figure and counts them apart', () => {
    const withSelf = rollupOf([
      summary('me1', 'Jordan', '2026-03-12T09:00:00Z', { selfCheck: true, confidence: { value: 2, min: 1, max: 10 }, actions: [action('x', 'Stop rescuing', 'manager')] }),
      ...store,
    ]);
    const s = computeStats({ rows: withSelf.rows, names: withSelf.reps, months: monthsEnding('2026-03', 3), rep: null, range: {} });
    expect(s.sessions).toEqual(stats.sessions);
    expect(s.owners).toEqual(stats.owners);
    expect(s.confidence).toEqual(stats.confidence);
    expect(s.reps).toEqual(stats.reps);
    expect(s.rescue.selfChecks).toEqual({ sessions: 1, last: '2026-03-12' });
  });
  it('draws the charts', () => {
    const lines = formatStats(stats, new Chalk({ level: 0 }));
    expect(lines).toContain('  2026-03  ██████████████████████████████ 2');
    expect(lines).toContain('  2026-01  ███████████████ 1');
    expect(lines.some((l) => /manager +██████████ 33% \(1\)/.test(l))).toBe(true);
  });
});

describe('suggestPlaybook', () => {
  const rep = { name: 'Sam', slug: 'sam' };
  const low = summary('s2', 'Sam', '2026-02-10T09:00:00Z', { confidence: { value: 3, min: 1, max: 10 }, playbook: { id: 'one-to-one', title: 'x' } });
  const high = summary('s2', 'Sam', '2026-02-10T09:00:00Z', { confidence: { value: 8, min: 1, max: 10 }, playbook: { id: 'pipeline-review', title: 'x' } });
  it.each([
    ['no sessions yet', [], ['one-to-one', 'stalled-deal'], 'one-to-one'],
    ['low confidence, stalled-deal exists', [low], ['one-to-one', 'stalled-deal'], 'stalled-deal'],
    ['low confidence, no stalled-deal', [low], ['one-to-one'], 'one-to-one'],
    ['the usual playbook', [high, high], ['one-to-one', 'pipeline-review', 'stalled-deal'], 'pipeline-review'],
    ['the usual playbook no longer exists', [high], ['one-to-one'], 'one-to-one'],
  ])('%s', (_name, summaries, available, expected) => {
    expect(suggestPlaybook(rep, rollupOf(summaries).rows, available, 'one-to-one').playbook).toBe(expected);
  });
});

describe('findRep', () => {
  const reps = [
    { name: 'Sam Lee', slug: 'sam-lee' },
    { name: 'Sam Okafor', slug: 'sam-okafor' },
    { name: 'Ana Díaz', slug: 'ana-diaz' },
  ];
  it.each([
    ['Sam Lee', 'sam-lee'],
    ['sam lee', 'sam-lee'],
    ['ana diaz', 'ana-diaz'],
    ['Díaz', 'ana-diaz'],
    ['okafor', 'sam-okafor'],
  ])('%s → %s', (q, slug) => {
    expect(findRep(q, reps).slug).toBe(slug);
  });
  it('says which reps an ambiguous name matches', () => {
    expect(() => findRep('sam', reps)).toThrow(/matches 2 reps: Sam Lee, Sam Okafor/);
  });
  it('suggests a close name', () => {
    expect(() => findRep('Ana Diax', reps)).toThrow(/did you mean "Ana Díaz"/);
  });
});

describe('formatTable', () => {
  it('pads columns, aligns numbers right and strips escape sequences', () => {
    const lines = formatTable(['NAME', 'N'], [['Sam\u001b[2J', '3'], ['Ana Díaz', '12']], new Chalk({ level: 0 }), { right: [1] });
    expect(lines).toEqual(['NAME       N', 'Sam        3', 'Ana Díaz  12']);
  });
});
