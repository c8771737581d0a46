/**
 * Issue 10: the commitment review asks what is due (or overdue, or has no due
 * date) by default, lists the rest and reviews them on request; "not due yet"
 * and "skip the rest" leave commitments open with no outcome; everything is
 * journaled as given, so a resumed session asks nothing twice; stats, prep,
 * reps and the note agree on each commitment's status.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeSession } from '../src/run/conversation.ts';
import { prep } from '../src/commands/prep.ts';
import { stats } from '../src/commands/stats.ts';
import { InterruptedError } from '../src/util/errors.ts';
import { isDue, outcomeQuestion, reviewTally, splitByDue } from '../src/run/review.ts';
import type { Commitment } from '../src/model/commitments.ts';
import type { JournalEntry } from '../src/model/journal.ts';
import { createSession, findSession, SessionHandle } from '../src/store/store.ts';
import { openSettings } from '../src/config/settings.ts';
import { tempPaths } from './helpers.ts';
import { action, days, miniPlaybook, outcomes, runSession, scriptedPrompter, startEntryFor, testContext } from './lookback-helpers.ts';

const WEEK1 = new Date('2026-12-06T10:00:00Z');

function commitment(id: string, due?: string, agreed = '2026-12-06T10:00:00.000Z'): Commitment {
  return { key: `s#${id}`, session: 's', rep: { name: 'Sam Lee', slug: 'sam-lee' }, agreed, item: action(id, `action ${id}`, 'rep', due), outcomes: [], status: 'open' };
}

describe('what is due', () => {
  it.each<[string, string | undefined, boolean]>([
    ['overdue', '2026-12-10', true],
    ['due today', '2026-12-13', true],
    ['no due date: nothing says it can wait', undefined, true],
    ['due tomorrow', '2026-12-14', false],
  ])('%s', (_name, due, expected) => {
    expect(isDue(commitment('a', due), '2026-12-13')).toBe(expected);
  });

  it('puts the due ones first, as given, then those not due yet, soonest first', () => {
    const list = [commitment('a', '2026-12-30'), commitment('b', '2026-12-10'), commitment('c', '2026-12-20'), commitment('d')];
    const { due, notDue } = splitByDue(list, '2026-12-13');
    expect(due.map((c) => c.item.id)).toEqual(['b', 'd']);
    expect(notDue.map((c) => c.item.id)).toEqual(['c', 'a']);
  });

  it('offers "not due yet" and "skip the rest", and says overdue once, without nested brackets', () => {
    const q = outcomeQuestion(commitment('a', '2026-12-10'), 'Sam Lee', '2026-12-13', 2);
    expect(q.text).toBe('“action a” (Sam Lee, agreed 2026-12-06, due 2026-12-10, overdue). How did it go?');
    expect(q.options?.map((o) => (typeof o === 'object' ? o.value : o))).toEqual(['done', 'partly', 'not-done', 'dropped', 'not-due', 'skip-rest']);
    expect(JSON.stringify(q.options)).toContain('leave this one and the 2 after it open');
  });

  it('tallies outcomes apart from the ones left open', () => {
    const list = [commitment('a'), commitment('b'), commitment('c'), commitment('d')];
    const text = reviewTally(list, new Map([['s#a', { outcome: 'done' as const }]]), new Map([['s#b', { reason: 'not-due' as const }], ['s#c', { reason: 'skipped' as const }], ['s#d', { reason: 'skipped' as const }]]));
    expect(text).toBe('Reviewed: 1 done. Not due yet: 1. Left for next time: 2. Open ones come back next time.');
  });
});

async function weekOne(t: ReturnType<typeof testContext>) {
  t.clock.now = WEEK1;
  return runSession(t, {
    rep: 'Sam Lee',
    answers: {
      outcome: 'A plan for Acme',
      actions: [
        action('s1', 'Send the proposal', 'rep', '2026-12-30'),
        action('s2', 'Call Dana', 'rep', '2026-12-10'),
        action('s3', 'Map the committee', 'rep'),
        action('s4', 'Book the pilot review', 'rep', '2026-12-20'),
      ],
      confidence: 6,
    },
  });
}

describe('the review in a run', () => {
  it('reviews the due ones by default, lists the rest, and leaves them open everywhere', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await weekOne(t);
    t.clock.now = new Date(WEEK1.getTime() + days(7));
    const week2 = await runSession(t, {
      rep: 'Sam Lee',
      answers: { ...outcomes({ 'Call Dana': 'done', 'Map the committee': 'partly' }, {}, 'due'), outcome: 'x', actions: [], confidence: 5 },
    });
    const asked = week2.prompter.asked.filter((r) => r.question.id.startsWith('commitment-'));
    expect(asked.map((r) => r.question.id)).toEqual(['commitment-scope', 'commitment-outcome', 'commitment-learned', 'commitment-outcome', 'commitment-learned']);
    // The review's own counter, not a stage's.
    expect(asked[1]?.text).toMatch(/^Last time’s commitments · 1 of 2: “Call Dana”/);
    expect(asked[3]?.text).toMatch(/^Last time’s commitments · 2 of 2: “Map the committee”/);
    expect(asked[0]?.text).toContain('2 of 4 are due now or overdue');
    expect(week2.prompter.messages.join('\n')).toContain('Not due yet: “Book the pilot review” (due 2026-12-20), “Send the proposal” (due 2026-12-30).');

    const s = testContext(paths, t.clock.now);
    await stats(s.ctx, { rep: 'Sam Lee', json: true });
    expect(JSON.parse(s.out()).followThrough).toMatchObject({ done: 1, partly: 1, notDone: 0, dropped: 0, pending: 2 });
    const p = testContext(paths, t.clock.now);
    await prep(p.ctx, { rep: 'Sam Lee', json: true });
    expect(JSON.parse(p.out()).open.map((o: { what: string }) => o.what)).toEqual(['Book the pilot review', 'Send the proposal', 'Map the committee']);

    // A week later the pilot review is due: it is asked without the scope question; the proposal is still not due.
    t.clock.now = new Date(WEEK1.getTime() + days(14));
    const week3 = await runSession(t, {
      rep: 'Sam Lee',
      answers: { ...outcomes({ 'pilot review': 'done', 'Map the committee': 'done' }, {}, 'due'), outcome: 'x', actions: [], confidence: 5 },
    });
    const texts = week3.prompter.asked.filter((r) => r.question.id === 'commitment-outcome').map((r) => r.text);
    expect(texts).toHaveLength(2);
    expect(texts.some((x) => x.includes('Send the proposal'))).toBe(false);
  });

  it('"not due yet" and "skip the rest" are journaled, counted as no outcome, and not asked again on resume', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await weekOne(t);
    t.clock.now = new Date(WEEK1.getTime() + days(7));
    const pb = miniPlaybook();
    const start = startEntryFor(pb, 'Sam Lee', t.clock.now);
    const session = await createSession(paths, start, t.clock.now);
    const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
    const settings = await openSettings(paths);
    // All four, on request: Call Dana done; the committee "not due yet"; the pilot review "skip the rest"; then Ctrl-C.
    const replies: Record<string, string> = { 'Call Dana': 'done', 'Map the committee': 'not-due', 'pilot review': 'skip-rest' };
    const seen: string[] = [];
    const first1 = scriptedPrompter({
      'commitment-scope': 'all',
      'commitment-outcome': (req) => {
        const key = Object.keys(replies).find((k) => req.text.includes(k));
        seen.push(req.text);
        return key ? { kind: 'answer', value: replies[key] ?? '' } : undefined;
      },
      'commitment-learned': () => ({ kind: 'skip' }),
      outcome: () => {
        throw new InterruptedError();
      },
    });
    await expect(completeSession(t.ctx, settings, session, [first], first1)).rejects.toBeInstanceOf(InterruptedError);
    expect(seen.map((x) => x.replace(/: “(.*?)”.*/, ': $1'))).toEqual([
      'Last time’s commitments · 1 of 4: Call Dana',
      'Last time’s commitments · 2 of 4: Map the committee',
      'Last time’s commitments · 3 of 4: Book the pilot review',
    ]);
    const paused = await findSession(paths, session.id);
    expect([...paused.state.reviews.values()].map((r) => [r.item.what, r.outcome])).toEqual([['Call Dana', 'done']]);
    expect([...paused.state.reviewPasses.values()].map((r) => [r.item.what, r.reason])).toEqual([
      ['Map the committee', 'not-due'],
      ['Book the pilot review', 'skipped'],
      ['Send the proposal', 'skipped'],
    ]);
    expect(paused.state.reviewScope).toBe('all');

    // Resumed: nothing of the review is asked again.
    const resumeEntry: JournalEntry = { type: 'resume', at: t.clock.now.toISOString() };
    const handle = new SessionHandle(paused.id, paused.file);
    await handle.append(resumeEntry);
    const resumed = scriptedPrompter({ outcome: 'y', actions: [], confidence: 5 });
    await completeSession(t.ctx, settings, handle, [...paused.entries, resumeEntry], resumed);
    await session.close();
    expect(resumed.asked.map((r) => r.question.id)).toEqual(['outcome', 'actions', 'confidence', 'learned']);

    // Stats: one outcome; the three left open are not reviewed yet. The note names only the outcome given.
    const s = testContext(paths, t.clock.now);
    await stats(s.ctx, { rep: 'Sam Lee', json: true });
    expect(JSON.parse(s.out()).followThrough).toMatchObject({ done: 1, partly: 0, notDone: 0, dropped: 0, pending: 3 });
    const done = await findSession(paths, session.id);
    const note = readFileSync(done.state.notePath ?? '', 'utf8');
    expect(note).toContain('Call Dana');
    expect(note).not.toMatch(/Map the committee.*\*\*/);
    expect(note).toContain('- [ ] Map the committee (agreed 2026-12-06): not due yet.');
    expect(note).toContain('- [ ] Book the pilot review, due 2026-12-20 (agreed 2026-12-06): not reviewed, left for next time.');

    // Next week all three come back.
    t.clock.now = new Date(WEEK1.getTime() + days(30));
    const later = await runSession(t, { rep: 'Sam Lee', answers: { ...outcomes({ committee: 'done', pilot: 'done', proposal: 'dropped' }), outcome: 'z', actions: [], confidence: 5 } });
    expect(later.prompter.asked.filter((r) => r.question.id === 'commitment-outcome')).toHaveLength(3);
  });

  it('going back to a commitment left "not due yet" offers it as the answer, and an outcome then replaces it', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await weekOne(t);
    t.clock.now = new Date(WEEK1.getTime() + days(7));
    let step = 0;
    const run = await runSession(t, {
      rep: 'Sam Lee',
      answers: {
        'commitment-scope': 'due',
        'commitment-outcome': (req) => {
          step++;
          if (step === 1) return { kind: 'answer', value: 'not-due' }; // Call Dana
          if (step === 2) return { kind: 'back' }; // from the committee
          if (step === 3) {
            expect(req.initial).toBe('not-due');
            return { kind: 'answer', value: 'done' };
          }
          return { kind: 'answer', value: 'not-done' };
        },
        'commitment-learned': () => ({ kind: 'skip' }),
        outcome: 'x',
        actions: [],
        confidence: 5,
      },
    });
    const loaded = await findSession(paths, run.id);
    expect([...loaded.state.reviews.values()].map((r) => [r.item.what, r.outcome])).toEqual([
      ['Call Dana', 'done'],
      ['Map the committee', 'not-done'],
    ]);
    expect(loaded.state.reviewPasses.size).toBe(0);
  });
});
