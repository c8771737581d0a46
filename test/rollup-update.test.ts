/**
 * The index brings its rollup up to date one rep at a time (updateRollup): for any
 * store and any change to it, that must give exactly what working it out from every
 * summary gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../src/playbook/schema.ts';
import { REVIEW_OUTCOMES } from '../src/model/journal.ts';
import { rollupOf, updateRollup } from '../src/lookback/rollup.ts';
import type { SessionSummary } from '../src/model/summary.ts';
import { settingsOf } from './harness/data.ts';

const REPS = [
  { name: 'Sam Lee', slug: 'sam-lee' },
  { name: 'Ana Diaz', slug: 'ana-diaz' },
  { name: 'Zoë Berg', slug: 'zoë-berg' },
  { name: 'Kim Park', slug: 'kim-park' },
] as const;
const PLAYBOOKS = ['one-to-one', 'stalled-deal', 'pipeline'];

/** A store of summaries with ids s0…sN, whose reviews may name any session (of any rep). */
const store = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.array(
    fc.record({
      rep: fc.integer({ min: 0, max: REPS.length - 1 }),
      renamed: fc.boolean(),
      day: fc.integer({ min: 1, max: 9 }),
      playbook: fc.integer({ min: 0, max: PLAYBOOKS.length - 1 }),
      title: fc.constantFrom('Title A', 'Title B'),
      status: fc.constantFrom('done', 'done', 'paused', 'in-progress'),
      actions: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), owner: fc.constantFrom('rep', 'manager', 'both'), due: fc.option(fc.constantFrom('2026-03-05', '2026-03-20')) }), { maxLength: 3 }),
      reviews: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.constantFrom('a', 'b', 'c'), fc.constantFrom(...REVIEW_OUTCOMES)), { maxLength: 4 }),
      confidence: fc.option(fc.integer({ min: 1, max: 10 })),
    }),
    { minLength: n, maxLength: n },
  ),
);


function toSummary(d: {
  rep: number;
  renamed: boolean;
  day: number;
  playbook: number;
  title: string;
  status: string;
  actions: Array<{ id: string; owner: string; due: string | null }>;
  reviews: Array<[number, string, string]>;
  confidence: number | null;
}, i: number): SessionSummary {
  const rep = REPS[d.rep] ?? REPS[0];
  const reviews: SessionSummary['reviews'] = {};
  for (const [origin, action, outcome] of d.reviews) (reviews[`s${origin}`] ??= []).push([action, outcome] as never);
  return {
    id: `s${i}`,
    rep: { name: d.renamed ? rep.name.toUpperCase() : rep.name, slug: rep.slug },
    playbook: { id: PLAYBOOKS[d.playbook] ?? 'one-to-one', title: d.title },
    started: `2026-03-0${d.day}T09:00:00Z`,
    status: d.status as SessionSummary['status'],
    actions: d.actions.map((a): ActionItem => ({ id: a.id, what: `${a.id} of s${i}`, owner: a.owner as ActionItem['owner'], ...(a.due ? { due: a.due } : {}) })),
    reviews,
    rescue: [0, 0, 0, 0],
    ...(d.confidence === null ? {} : { confidence: { value: d.confidence, min: 1, max: 10 } }),
  };
}

/** Newest first, as the index gives them. */
const newestFirst = (xs: SessionSummary[]) =>
  [...xs].sort((a, b) => (a.started < b.started ? 1 : a.started > b.started ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : a.rep.slug < b.rep.slug ? 1 : a.rep.slug > b.rep.slug ? -1 : 0));

describe('updateRollup', () => {
  it('gives, after any change to some sessions, what rollupOf gives over every summary', () => {
    fc.assert(
      fc.property(store, store, fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 2 }), (before, replacements, picks, copies) => {
        const old = newestFirst(before.map(toSummary));
        // Change, remove or add the picked sessions: s<k> takes replacement k's content (or is gone).
        const changed = new Set(picks.map((k) => `s${k}`));
        const byId = new Map(old.map((s) => [s.id, s]));
        for (const k of picks) {
          const r = replacements[k % replacements.length];
          if (k % 3 === 0 || !r) byId.delete(`s${k}`);
          else byId.set(`s${k}`, toSummary(r, k));
        }
        // A journal copied under another rep (a sync conflict, a hand edit): two sessions, one id.
        const kept = [...byId.values()];
        const copied = kept.length === 0 ? [] : copies.map((c) => {
          const s = kept[c % kept.length] as SessionSummary;
          const other = REPS[(REPS.findIndex((r) => r.slug === s.rep.slug) + 1) % REPS.length] ?? REPS[0];
          return { ...s, rep: { ...other } };
        });
        const now = newestFirst([...kept, ...copied]);
        const touched = [...old.filter((s) => changed.has(s.id)), ...now.filter((s) => changed.has(s.id)), ...copied];
        const affected = new Set(touched.map((s) => s.rep.slug));
        expect(updateRollup(rollupOf(old), affected, now)).toEqual(rollupOf(now));
      }),
      { numRuns: 400 },
    );
  });

  it('leaves the other reps’ parts as they were', () => {
    const s = (id: string, rep: number, day: number, title: string): SessionSummary =>
      toSummary({ rep, renamed: false, day, playbook: 0, title, status: 'done', actions: [{ id: 'a', owner: 'rep', due: null }], reviews: [], confidence: null }, Number(id));
    const before = newestFirst([s('0', 0, 1, 'Old'), s('1', 1, 2, 'Newer'), s('2', 0, 3, 'Newest')]);
    const prev = rollupOf(before);
    expect(prev.titles['one-to-one']).toBe('Newest');
    // Sam's newest session goes: the title falls back to Ana's, the newest left.
    const after = before.filter((x) => x.id !== 's2');
    const next = updateRollup(prev, new Set(['sam-lee']), after);
    expect(next.titles['one-to-one']).toBe('Newer');
    expect(next.reps['ana-diaz']).toBe(prev.reps['ana-diaz']);
    expect(next).toEqual(rollupOf(after));
  });
});

describe('the index’s rollup, brought up to date', () => {
  it('after a session is added, equals the rollup of every summary (for a name whose slug is not ASCII too)', async () => {
    const { tempPaths } = await import('./helpers.ts');
    const { action, outcomes, runSession, testContext } = await import('./lookback-helpers.ts');
    const { loadRollup, loadSummaries, loadSummariesOfRep } = await import('../src/lookback/queries.ts');
    const { slugify } = await import('../src/util/names.ts');
    // A name whose slug is not ASCII: the index writes it escaped, and the update must still find its lines.
    const maria = 'Мария Петрова';
    const slug = slugify(maria, 'rep');
    expect(slug).toMatch(/\P{ASCII}/u);
    const t = testContext(tempPaths());
    await runSession(t, { rep: maria, answers: { outcome: 'Plan', actions: [action('z1', 'Map the buyers', 'rep', '2026-03-10')], confidence: 6 } });
    // Three reps: a change to one rep's sessions is then worked out for that rep alone.
    await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'Win', actions: [action('s1', 'Call the CFO')], confidence: 5 } });
    await runSession(t, { rep: 'Ana Díaz', answers: { outcome: 'Plan', actions: [], confidence: 7 } });
    const first = await loadRollup(t.ctx.paths, await settingsOf(t.ctx.paths));
    expect(first.rollup.reps[slug]?.open.map((o) => o.what)).toEqual(['Map the buyers']);
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    // Her next session reviews her commitment: only her part is worked out again.
    const next1 = await runSession(t, { rep: maria, answers: { outcome: 'Next', actions: [], confidence: 8, ...outcomes({ 'Map the buyers': 'partly' }) } });
    expect(next1.prompter.asked.map((r) => r.question.id)).toContain('commitment-outcome');
    const next = await loadRollup(t.ctx.paths, await settingsOf(t.ctx.paths));
    expect(next.rollup).toEqual(rollupOf((await loadSummaries(t.ctx.paths, await settingsOf(t.ctx.paths))).items));
    expect(next.rollup.reps['sam-lee']).toEqual(first.rollup.reps['sam-lee']);
    expect(next.rollup.reps[slug]?.open.map((o) => [o.what, o.last?.outcome])).toEqual([['Map the buyers', 'partly']]);
    // A resumed run reads that rep's summaries alone.
    const all = (await loadSummaries(t.ctx.paths, await settingsOf(t.ctx.paths))).items;
    for (const rep of [slug, 'sam-lee']) expect((await loadSummariesOfRep(t.ctx.paths, await settingsOf(t.ctx.paths), rep)).items).toEqual(all.filter((x) => x.rep.slug === rep));
    // A session file removed: its rep's part goes with it.
    const { rmSync } = await import('node:fs');
    const { sessionFile } = await import('../src/store/store.ts');
    const sam = all.find((x) => x.rep.slug === 'sam-lee');
    if (!sam) throw new Error('no session of Sam');
    rmSync(sessionFile(t.ctx.paths, sam.id));
    const after = await loadRollup(t.ctx.paths, await settingsOf(t.ctx.paths));
    expect(after.rollup.reps['sam-lee']).toBeUndefined();
    expect(after.rollup).toEqual(rollupOf((await loadSummaries(t.ctx.paths, await settingsOf(t.ctx.paths))).items));
  });
});
