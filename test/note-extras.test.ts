import { Chalk } from 'chalk';
import { Parser } from 'commonmark';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderAgenda } from '../src/note/agenda.ts';
import { actionLine, frontMatter, renderNote, reviewLine } from '../src/note/render.ts';
import { inlineForTerminal, noteForTerminal } from '../src/note/terminal.ts';
import type { OpenCommitment } from '../src/report/prep.ts';
import { visibleSteps } from '../src/model/engine.ts';
import { foldJournal, type JournalEntry } from '../src/model/journal.ts';
import { reviewDue } from '../src/run/review.ts';
import { action, miniPlaybook, startEntryFor } from './lookback-helpers.ts';

const c0 = new Chalk({ level: 0 });

describe('the note: Since last time, and outcomes on the original actions', () => {
  const hostile = '**bold** <b>x</b> [link](http://x) `code`';
  const item = action('a1', `Send the plan ${hostile}`, 'both', '2026-03-06');
  it.each([
    ['done', undefined, `- [x] Send the plan \\*\\*bold\\*\\* \\<b\\>x\\</b\\> \\[link\\](http://x) \\\`code\\\` — Sam and the manager, due 2026-03-06 (agreed 2026-03-02): **done**.`],
    ['not-done', 'Too busy # really', '- [ ] Send the plan'],
  ] as const)('%s', (outcome, learned, start) => {
    const line = reviewLine({ type: 'review', at: '2026-03-09T09:00:00Z', session: 's1', agreed: '2026-03-02T09:00:00Z', item, outcome, learned }, 'Sam');
    expect(line.startsWith(start)).toBe(true);
    if (learned) expect(line).toContain('Learned: Too busy \\# really');
  });

  it('marks a done action and lists its outcomes in order', () => {
    expect(
      actionLine(item, 'Sam', [
        { session: 's2', at: '2026-03-09T09:00:00Z', outcome: 'partly' },
        { session: 's3', at: '2026-03-16T09:00:00Z', outcome: 'done' },
      ]),
    ).toMatch(/^- \[x\] .* · partly done \(2026-03-09\), done \(2026-03-16\)$/);
    expect(actionLine(item, 'Sam')).toMatch(/^- \[ \] .*due 2026-03-06$/);
  });

  it('renders Since last time as a task list that CommonMark reads as one list', () => {
    const pb = miniPlaybook();
    const entries: JournalEntry[] = [
      { type: 'start', v: 1, id: 's2', ...startEntryFor(pb, 'Sam', new Date('2026-03-09T09:00:00Z')) },
      { type: 'review', at: '2026-03-09T09:01:00Z', session: 's1', agreed: '2026-03-02T09:00:00Z', item, outcome: 'done', learned: 'line one\nline two' },
      { type: 'review', at: '2026-03-09T09:02:00Z', session: 's1', agreed: '2026-03-02T09:00:00Z', item: action('a2', '- [x] fake'), outcome: 'dropped' },
      { type: 'answer', at: '2026-03-09T09:03:00Z', question: 'outcome', value: 'x' },
    ];
    const note = renderNote(foldJournal(entries));
    const lists: number[] = [];
    const walker = new Parser().parse(note).walker();
    let inSince = false;
    for (let ev = walker.next(); ev; ev = walker.next()) {
      if (ev.entering && ev.node.type === 'heading') inSince = ev.node.firstChild?.literal === 'Since last time';
      if (ev.entering && inSince && ev.node.type === 'list') {
        let n = 0;
        for (let child = ev.node.firstChild; child; child = child.next) n++;
        lists.push(n);
      }
    }
    expect(lists).toEqual([2]);
    expect(note).toContain('Learned: line one line two');
    expect(note).toContain('- [ ] - \\[x\\] fake — Sam (agreed 2026-03-02): **dropped**.');
  });
});

describe('noteForTerminal', () => {
  it.each([
    ['a \\*star\\* and \\_under\\_', 'a *star* and _under_'],
    ['**Playbook:** Mini (v1\\.0.0)', 'Playbook: Mini (v1.0.0)'],
    ['\\# not a heading', '# not a heading'],
    ['*Skipped.*', 'Skipped.'],
  ])('%j → %j', (md, text) => {
    expect(inlineForTerminal(md, c0)).toBe(text);
  });
  it('drops the front matter and draws task boxes and headings', () => {
    const out = noteForTerminal('---\nrep: Sam\n---\n\n# Coaching note: Sam\n\n## Actions\n\n- [ ] Call — Sam\n- [x] Done thing\n\nline\\\nnext\n', c0);
    expect(out).toBe('Coaching note: Sam\n\nActions\n\n☐ Call — Sam\n☑ Done thing\n\nline\nnext\n');
  });
  it('draws the deeper headings of the manager’s part (####) as headings too', () => {
    expect(noteForTerminal('### Private notes\n\n#### If you offered an idea, what was it?\n\nText\n', c0)).toBe('Private notes\n\nIf you offered an idea, what was it?\n\nText\n');
  });
  it('removes escape sequences that a hand-edited journal smuggled in', () => {
    expect(noteForTerminal('text \u001b[2J\u001b]0;x\u0007 end\n', c0)).toBe('text  end\n');
  });
});

describe('renderAgenda', () => {
  const open: OpenCommitment[] = [
    { session: 's1', action: 'a', what: 'Call the CFO <b>now</b>', owner: 'rep', due: '2026-03-06', agreed: '2026-03-02', ageDays: 7, overdue: true, lastOutcome: { outcome: 'partly done', date: '2026-03-09', learned: null } },
  ];
  const pb = miniPlaybook();
  it('lists the commitments and the questions, with placeholders filled and nothing private', () => {
    const text = renderAgenda({ rep: 'Sam Lee', deal: 'Acme', date: '2026-03-16', playbook: pb, open });
    expect(text).toContain('# One-to-one with Sam Lee: agenda for 2026-03-16');
    expect(text).toContain('- [ ] Call the CFO \\<b\\>now\\</b\\> — Sam Lee, due 2026-03-06 (overdue) · agreed 2026-03-02 · partly done so far');
    expect(text).toContain('- What do you want from today, Sam Lee?');
    expect(text).toContain('type: agenda');
    expect(renderAgenda({ rep: 'Ana', date: '2026-03-16', playbook: pb, open: [] })).toContain('Nothing open from earlier sessions.');
  });
});

describe('reviewDue', () => {
  const pb = miniPlaybook();
  const steps = visibleSteps(pb, new Map());
  const [outcome, actions, confidence] = steps;
  const at = (extra: string) => miniPlaybook(extra);
  it.each([
    ['by default: as the first question comes, after its stage opens', pb, 'question', outcome, true],
    ['by default: not before the first stage opens', pb, 'stage', outcome, false],
    ['start of review: not yet in action', at('commitments:\n  stage: review\n'), 'question', actions, false],
    ['start of review: at its first question', at('commitments:\n  stage: review\n'), 'question', confidence, true],
    ['end of action: not within it', at('commitments:\n  stage: action\n  position: end\n'), 'question', actions, false],
    ['end of action: before review opens', at('commitments:\n  stage: action\n  position: end\n'), 'stage', confidence, true],
    ['end of the last stage: at the end', at('commitments:\n  stage: review\n  position: end\n'), 'end', undefined, true],
  ] as const)('%s', (_name, playbook, phase, next, due) => {
    expect(reviewDue(playbook, phase, next)).toBe(due);
  });
  it('refuses a placement naming an unknown stage, with a suggestion', () => {
    expect(() => miniPlaybook('commitments:\n  stage: reveiw\n')).toThrow(/"reveiw", which no stage has as its id \(did you mean "review"\?\)/);
    expect(() => miniPlaybook('commitments:\n  stage: review\n  where: start\n')).toThrow(/unknown key "where"/);
  });
});

describe('frontMatter', () => {
  const samples = [
    'Sam Lee', 'Ana Díaz', "Zoë O'Brien-Smith", 'Müller & Co', '2026-03-02', '20260302-0900-abcd', '1.0.0', '1.0', 'one-to-one',
    'true', 'True', 'null', 'yes', 'a: b', 'x #y', 'trailing ', ' leading', '123', '0900', '-dash', '~', 'Q3 -- or Q4?', 'a  b',
    '日本', 'line\nbreak', '"quoted"', "it's", '[list]', '{map}', '*star', '&anchor', '!tag', '%pct', '@at', '`tick`', '', '---',
  ];
  // The front matter is read back by YAML tools (Obsidian, static sites): every value must come back exactly, with its type.
  it.each(samples)('%j reads back exactly', (v) => {
    const front = { rep: v, date: '2026-03-02', duration_minutes: 12, tags: [v, 'general'] };
    expect(parse(frontMatter(front).join('\n'), { version: '1.1' })).toEqual(front);
    expect(parse(frontMatter(front).join('\n'))).toEqual(front);
  });
  it('any text reads back exactly, one line per field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }), fc.integer(), (text, tags, n) => {
        const front = { rep: text, deal: text.trim(), n, ...(tags.length ? { tags } : {}) };
        const lines = frontMatter(front);
        expect(lines).toHaveLength(Object.keys(front).length);
        expect(parse(lines.join('\n'))).toEqual(front);
      }),
      { numRuns: 2000 },
    );
  });
});
