/**
 * Several sessions with two reps, run through the real runner: last week's
 * commitments come back this week, one by one, before the playbook's
 * questions; outcomes are journaled, restored on resume, shown in the new
 * note and on the original action; prep, reps and stats see them.
 */
import { readFileSync } from 'node:fs';
import { Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { prep } from '../src/commands/prep.ts';
import { reps } from '../src/commands/reps.ts';
import { completeSession } from '../src/run/conversation.ts';
import { show } from '../src/commands/show.ts';
import { stats } from '../src/commands/stats.ts';
import { InterruptedError } from '../src/util/errors.ts';
import { deriveCommitments } from '../src/model/commitments.ts';
import { loadSummaries } from '../src/lookback/queries.ts';
import type { JournalEntry, ReviewEntry } from '../src/model/journal.ts';
import { findSession, SessionHandle } from '../src/store/store.ts';
import { openSettings } from '../src/config/settings.ts';
import { tempPaths } from './helpers.ts';
import { action, days, miniPlaybook, outcomes, runSession, scriptedPrompter, testContext } from './lookback-helpers.ts';
import { settingsOf } from './harness/data.ts';

const WEEK1 = new Date('2026-03-02T09:00:00Z');

async function weekOne(t: ReturnType<typeof testContext>) {
  t.clock.now = WEEK1;
  const sam = await runSession(t, {
    rep: 'Sam Lee',
    deal: 'Acme renewal',
    answers: {
      outcome: 'A plan for Acme',
      actions: [action('s1', 'Book a call with the CFO', 'rep', '2026-03-06'), action('s2', 'Draft the phased proposal', 'both', '2026-03-06')],
      confidence: 4,
    },
  });
  t.clock.now = new Date(WEEK1.getTime() + 3_600_000);
  const ana = await runSession(t, {
    rep: 'Ana Díaz',
    answers: { outcome: 'Pipeline', actions: [action('a1', 'Map who decides at Globex', 'rep', '2026-03-05')], confidence: 7 },
  });
  return { sam, ana };
}

describe('commitments carried forward', () => {
  it('reviews last week’s open actions one by one before the playbook’s questions, and the note says how they went', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    const week1 = await weekOne(t);
    // Week 1 had nothing to review.
    expect(week1.sam.prompter.asked.map((r) => r.question.id)).toEqual(['outcome', 'actions', 'confidence', 'learned']);

    t.clock.now = new Date(WEEK1.getTime() + days(7));
    const sam2 = await runSession(t, {
      rep: 'Sam Lee',
      answers: {
        ...outcomes({ 'Book a call': 'done', 'phased proposal': 'partly' }, { 'Book a call': 'Ask for the meeting early' }),
        outcome: 'Close the loop on Acme',
        actions: [action('s3', 'Send the mutual action plan', 'rep', '2026-03-13')],
        confidence: 6,
      },
    });
    // The review comes first (default placement), one commitment at a time, oldest first.
    const ids = sam2.prompter.asked.map((r) => r.question.id);
    expect(ids).toEqual(['commitment-outcome', 'commitment-learned', 'commitment-outcome', 'commitment-learned', 'outcome', 'actions', 'confidence', 'learned']);
    expect(sam2.prompter.asked[0]?.text).toContain('Book a call with the CFO');
    expect(sam2.prompter.asked[0]?.text).toContain('overdue');
    // Ana's commitment is not Sam's to review.
    expect(sam2.prompter.asked.some((r) => r.text.includes('Globex'))).toBe(false);

    // Each outcome is in the journal.
    const loaded = await findSession(paths, sam2.id);
    const reviews = loaded.entries.filter((e): e is ReviewEntry => e.type === 'review');
    expect(reviews.map((r) => [r.item.what, r.outcome, r.learned ?? null])).toEqual([
      ['Book a call with the CFO', 'done', null],
      ['Book a call with the CFO', 'done', 'Ask for the meeting early'],
      ['Draft the phased proposal', 'partly', null],
    ]);
    expect(reviews.every((r) => r.session === week1.sam.id && r.agreed === WEEK1.toISOString())).toBe(true);

    // The new note has "Since last time", well-formed.
    const note = readFileSync(loaded.state.notePath ?? '', 'utf8');
    expect(note).toContain('## Since last time');
    expect(note).toContain('- [x] Book a call with the CFO — Sam Lee, due 2026-03-06 (agreed 2026-03-02): **done**. Learned: Ask for the meeting early');
    expect(note).toContain('- [ ] Draft the phased proposal — Sam Lee and Jordan, due 2026-03-06 (agreed 2026-03-02): **partly done**.');
    const doc = new Parser().parse(note);
    const headings: string[] = [];
    const walker = doc.walker();
    for (let ev = walker.next(); ev; ev = walker.next()) {
      if (ev.entering && ev.node.type === 'heading' && ev.node.level === 2) headings.push(ev.node.firstChild?.literal ?? '');
    }
    expect(headings).toContain('Since last time');

    // The original action carries its outcome (derived, with the date) when week 1 is shown.
    const s = testContext(paths, t.clock.now);
    await show(s.ctx, { session: week1.sam.id, markdown: true });
    expect(s.out()).toContain('- [x] Book a call with the CFO — Sam Lee, due 2026-03-06 · done (2026-03-09)');
    expect(s.out()).toContain('- [ ] Draft the phased proposal — Sam Lee and Jordan, due 2026-03-06 · partly done (2026-03-09)');

    // Week 3: "partly" comes back, "done" does not; last week's new action joins it.
    t.clock.now = new Date(WEEK1.getTime() + days(14));
    const sam3 = await runSession(t, {
      rep: 'Sam Lee',
      answers: { ...outcomes({ 'phased proposal': 'dropped', 'mutual action plan': 'not-done' }), outcome: 'x', actions: [], confidence: 5 },
    });
    const reviewed = sam3.prompter.asked.filter((r) => r.question.id === 'commitment-outcome').map((r) => r.text);
    expect(reviewed).toHaveLength(2);
    expect(reviewed[0]).toContain('Draft the phased proposal');
    expect(reviewed[1]).toContain('Send the mutual action plan');

    const { items } = await loadSummaries(paths, await settingsOf(paths));
    const byWhat = new Map(deriveCommitments(items).map((c) => [c.item.what, c.status]));
    expect(Object.fromEntries(byWhat)).toEqual({
      'Book a call with the CFO': 'done',
      'Draft the phased proposal': 'dropped',
      'Send the mutual action plan': 'not-done',
      'Map who decides at Globex': 'open',
    });

    // prep shows what is still open, with overdue marked; reps and stats show follow-through.
    const p = testContext(paths, new Date(WEEK1.getTime() + days(15)));
    await prep(p.ctx, { rep: 'sam', json: true });
    const report = JSON.parse(p.out());
    expect(report.open.map((o: { what: string }) => o.what)).toEqual(['Send the mutual action plan']);
    expect(report.open[0]).toMatchObject({ due: '2026-03-13', overdue: true, lastOutcome: { outcome: 'not done', date: '2026-03-16' } });
    // Each at its latest outcome: "Book a call" done; "phased proposal" dropped (partly, then dropped); "mutual action plan" not done. (1 + 0) / 2
    expect(report.followThrough).toMatchObject({ done: 1, partly: 0, notDone: 1, dropped: 1, pending: 0 });
    expect(report.followThrough.rate).toBeCloseTo(0.5);

    const r = testContext(paths, p.ctx.now());
    await reps(r.ctx, { json: true });
    const list = JSON.parse(r.out()).reps;
    expect(list.map((x: { name: string; open: number; sessions: number }) => [x.name, x.sessions, x.open])).toEqual([
      ['Ana Díaz', 1, 1],
      ['Sam Lee', 3, 1],
    ]);

    const st = testContext(paths, p.ctx.now());
    await stats(st.ctx, { rep: 'Sam Lee' });
    expect(st.out()).toContain('Follow-through  50%');
    expect(st.out()).toMatch(/2026-03 {2}█+ 3/);
  });

  it('journals each outcome as it is given and, after Ctrl-C, asks only the ones left', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await weekOne(t);
    t.clock.now = new Date(WEEK1.getTime() + 2 * 3_600_000);
    await runSession(t, {
      rep: 'Ana Díaz',
      answers: { ...outcomes({ Globex: 'not-done' }), outcome: 'x', actions: [action('a2', 'Send Globex the pilot numbers', 'rep', '2026-03-10')], confidence: 6 },
    });

    t.clock.now = new Date(WEEK1.getTime() + days(7));
    const pb = miniPlaybook();
    const { startEntryFor } = await import('./lookback-helpers.ts');
    const { createSession } = await import('../src/store/store.ts');
    const start = startEntryFor(pb, 'Ana Díaz', t.clock.now);
    const session = await createSession(paths, start, t.clock.now);
    const first: JournalEntry = { type: 'start', v: 1, id: session.id, ...start };
    const settings = await openSettings(paths);

    // The second review is interrupted (Ctrl-C at the prompt).
    let reviewsAsked = 0;
    const interrupted = scriptedPrompter({
      'commitment-scope': 'all',
      'commitment-outcome': () => {
        reviewsAsked++;
        if (reviewsAsked === 2) throw new InterruptedError();
        return { kind: 'answer', value: 'done' };
      },
      'commitment-learned': () => ({ kind: 'answer', value: 'Book the slot before the call ends' }),
    });
    await expect(completeSession(t.ctx, settings, session, [first], interrupted)).rejects.toBeInstanceOf(InterruptedError);

    const paused = await findSession(paths, session.id);
    expect(paused.state.status).toBe('paused');
    expect([...paused.state.reviews.values()].map((r) => [r.item.what, r.outcome, r.learned])).toEqual([
      ['Map who decides at Globex', 'done', 'Book the slot before the call ends'],
    ]);

    // Resume: the first outcome is kept and not asked again; only the second is.
    t.clock.now = new Date(t.clock.now.getTime() + 600_000);
    const resumeEntry: JournalEntry = { type: 'resume', at: t.clock.now.toISOString() };
    const handle = new SessionHandle(paused.id, paused.file);
    await handle.append(resumeEntry);
    const resumed = scriptedPrompter({ ...outcomes({ 'pilot numbers': 'not-done' }), outcome: 'y', actions: [], confidence: 5 });
    await completeSession(t.ctx, settings, handle, [...paused.entries, resumeEntry], resumed);
    const asked = resumed.asked.filter((r) => r.question.id === 'commitment-outcome').map((r) => r.text);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Send Globex the pilot numbers');
    expect(asked[0]).toContain('Last time’s commitments · 2 of 2');

    const done = await findSession(paths, session.id);
    expect(done.state.status).toBe('done');
    const note = readFileSync(done.state.notePath ?? '', 'utf8');
    expect(note).toContain('Map who decides at Globex');
    expect(note).toContain('Send Globex the pilot numbers');
  });

  it('goes back to the previous commitment with /back and keeps the last answer', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await weekOne(t);
    t.clock.now = new Date(WEEK1.getTime() + days(7));
    let step = 0;
    const sam = await runSession(t, {
      rep: 'Sam Lee',
      answers: {
        'commitment-outcome': (req) => {
          step++;
          if (step === 1) return { kind: 'answer', value: 'done' }; // Book a call
          if (step === 2) return { kind: 'back' }; // from the phased proposal back to Book a call
          if (step === 3) {
            expect(req.initial).toBe('done');
            return { kind: 'answer', value: 'partly' }; // Book a call, corrected
          }
          return { kind: 'answer', value: 'dropped' }; // phased proposal
        },
        'commitment-learned': () => ({ kind: 'skip' }),
        outcome: 'x',
        actions: [],
        confidence: 5,
      },
    });
    const loaded = await findSession(paths, sam.id);
    expect([...loaded.state.reviews.values()].map((r) => [r.item.what, r.outcome])).toEqual([
      ['Book a call with the CFO', 'partly'],
      ['Draft the phased proposal', 'dropped'],
    ]);
  });

  it('places the review where the playbook says: at the start of a stage, or at its end', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await weekOne(t);
    t.clock.now = new Date(WEEK1.getTime() + days(7));
    const inReview = miniPlaybook('commitments:\n  stage: review\n  position: start\n');
    const a = await runSession(t, {
      rep: 'Sam Lee',
      playbook: inReview,
      answers: { ...outcomes({ 'Book a call': 'done', 'phased proposal': 'done' }), outcome: 'x', actions: [], confidence: 5 },
    });
    expect(a.prompter.asked.map((r) => r.question.id)).toEqual([
      'outcome',
      'actions',
      'commitment-outcome',
      'commitment-learned',
      'commitment-outcome',
      'commitment-learned',
      'confidence',
      'learned',
    ]);

    const atEnd = miniPlaybook('commitments:\n  stage: review\n  position: end\n');
    const b = await runSession(t, {
      rep: 'Ana Díaz',
      playbook: atEnd,
      answers: { ...outcomes({ Globex: 'done' }), outcome: 'x', actions: [], confidence: 5 },
    });
    expect(b.prompter.asked.map((r) => r.question.id)).toEqual(['outcome', 'actions', 'confidence', 'learned', 'commitment-outcome', 'commitment-learned']);
  });
});
