import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { ActionItem } from '../src/playbook/schema.ts';
import { rescuePoint, rescueTrend } from '../src/mirror/trend.ts';
import { foldJournal, type JournalEntry } from '../src/model/journal.ts';

const PB = parsePlaybook(
  `id: tiny
title: Tiny
description: Actions only.
version: "1.0.0"
stages:
  - id: action
    title: Action
    goal: Next steps.
    questions:
      - id: actions
        text: What will you do?
        type: actions
`,
  'tiny.yaml',
);

let n = 0;
function session(rep: string, date: string, actions: Array<Partial<ActionItem> & { what: string }>, extra: JournalEntry[] = []) {
  const id = `2026${date.slice(5, 7)}${date.slice(8, 10)}-0900-${(n++).toString().padStart(4, 'a')}`;
  const at = `${date}T09:00:00.000Z`;
  const items: ActionItem[] = actions.map((a, i) => ({ id: `x${i}`, owner: 'rep', ...a }));
  return foldJournal([
    { type: 'start', v: 1, at, id, rep: { name: rep, slug: rep.toLowerCase() }, playbook: { id: 'tiny', version: '1.0.0', title: 'Tiny', hash: 'h', source: 'file', file: 'tiny.yaml' }, snapshot: PB },
    { type: 'answer', at, question: 'actions', value: items },
    ...extra,
    { type: 'finish', at },
  ]);
}

describe('rescueTrend', () => {
  const sam1 = session('Sam', '2026-10-01', [
    { what: 'Call their VP', owner: 'manager' },
    { what: 'Rewrite the proposal', owner: 'manager' },
    { what: 'Send the recap', owner: 'rep' },
    { what: 'Approve the discount', owner: 'manager' },
  ]);
  const sam2 = session(
    'Sam',
    '2026-11-01',
    [
      { what: 'Call their CFO', owner: 'manager' },
      { what: 'Book the demo', owner: 'rep' },
    ],
    [{ type: 'ownership', at: '2026-11-01T09:30:00.000Z', question: 'actions', action: 'x0', choice: 'hand-back', what: 'Sam calls their CFO' }],
  );
  const sam3 = session('Sam', '2026-12-01', [{ what: 'Map the buying committee', owner: 'rep' }]);
  const priya = session('Priya', '2026-10-15', [{ what: 'Take the next call', owner: 'manager' }]);
  const empty = session('Priya', '2026-11-15', []);

  it('counts one session: what the manager took on, kept, handed back, and the flags', () => {
    expect(rescuePoint(sam1)).toMatchObject({ rep: 'Sam', date: '2026-10-01', actions: 4, managerTookOn: 3, managerKept: 3, handedBack: 0, flags: 2, share: 0.75 });
    expect(rescuePoint(sam2)).toMatchObject({ actions: 2, managerTookOn: 1, managerKept: 0, handedBack: 1, flags: 1, share: 0.5 });
    expect(rescuePoint(empty)).toMatchObject({ actions: 0, flags: 0, share: null });
  });

  it('orders each rep’s sessions oldest first, so the habit can be seen fading', () => {
    const trend = rescueTrend([sam3, priya, sam1, empty, sam2]);
    expect(trend.reps.map((r) => r.rep)).toEqual(['Priya', 'Sam']);
    const sam = trend.reps.find((r) => r.rep === 'Sam');
    expect(sam?.points.map((p) => [p.date, p.share, p.flags])).toEqual([
      ['2026-10-01', 0.75, 2],
      ['2026-11-01', 0.5, 1],
      ['2026-12-01', 0, 0],
    ]);
    expect(sam?.totals).toEqual({ sessions: 3, actions: 7, managerTookOn: 4, managerKept: 3, handedBack: 1, flags: 3, share: 4 / 7, flagsPerSession: 1 });
    expect(trend.overall.totals).toMatchObject({ sessions: 5, actions: 8, managerTookOn: 5, flags: 4, share: 5 / 8, flagsPerSession: 4 / 5 });
    expect(trend.overall.points.map((p) => p.date)).toEqual(['2026-10-01', '2026-10-15', '2026-11-01', '2026-11-15', '2026-12-01']);
  });

  it('takes stored points as well as sessions', () => {
    const stored = [sam1, sam2].map((s) => rescuePoint(s));
    expect(rescueTrend([...stored, sam3])).toEqual(rescueTrend([sam1, sam2, sam3]));
    expect(rescueTrend([])).toEqual({ overall: { totals: { sessions: 0, actions: 0, managerTookOn: 0, managerKept: 0, handedBack: 0, flags: 0, share: null, flagsPerSession: null }, points: [] }, reps: [] });
  });
});
