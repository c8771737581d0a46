/**
 * The look-back commands as a user runs them, with a CommandContext built
 * here: history, show, search, export (notes, JSON, stdout, calendar), prep
 * with an agenda, reps, stats and config. Hostile answers included.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { config } from '../src/commands/config.ts';
import { exportNotes } from '../src/commands/export.ts';
import { history } from '../src/commands/history.ts';
import { prep } from '../src/commands/prep.ts';
import { reps } from '../src/commands/reps.ts';
import { search } from '../src/commands/search.ts';
import { show } from '../src/commands/show.ts';
import { stats } from '../src/commands/stats.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { action, MINI_YAML, miniPlaybook, outcomes, runSession, testContext } from './lookback-helpers.ts';

const HOSTILE = [
  '# Not a heading',
  '---',
  '```js',
  'alert(1) <script>x</script> | a | b |',
  '- [x] fake task',
  'price (list) * 2 [a](http://x) \u001b[31mred\u001b[0m \u001b]0;title\u0007',
].join('\n');

/** The mini playbook with one question private to the manager. */
const PRIVATE_PB = miniPlaybook(`      - id: my_note
        text: Your own note (private)
        private: true
        required: false
`);

async function twoReps() {
  const paths = tempPaths();
  const t = testContext(paths);
  const sam1 = await runSession(t, {
    rep: 'Sam Lee',
    deal: 'Acme renewal',
    playbook: PRIVATE_PB,
    answers: {
      outcome: HOSTILE,
      actions: [action('s1', 'Call the CFO; ask: budget, timing', 'rep', '2026-03-06'), action('s2', 'Intro to our CFO', 'manager')],
      confidence: 4,
      my_note: 'I nearly took over the call',
    },
  });
  // A second session with Sam on the same day and playbook: its note gets the session id in its name.
  t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
  const sam2 = await runSession(t, { rep: 'Sam Lee', playbook: PRIVATE_PB, answers: { ...outcomes({ 'Call the CFO': 'partly', 'Intro to our CFO': 'done' }), outcome: 'Follow-up', actions: [], confidence: 5 } });
  t.clock.now = new Date('2026-03-04T10:00:00Z');
  const ana = await runSession(t, { rep: 'Ana Díaz', answers: { outcome: 'Pipeline: the champion is quiet', actions: [action('a1', 'Map who decides at Globex', 'rep', '2026-03-20')], confidence: 8 } });
  return { paths, t, sam1, sam2, ana };
}

describe('history', () => {
  it('lists the sessions newest first, with their actions, and filters by rep and date', async () => {
    const { paths, sam1, sam2, ana } = await twoReps();
    const h = testContext(paths, new Date('2026-03-10T10:00:00Z'));
    await history(h.ctx, { json: true });
    const rows = JSON.parse(h.out());
    expect(rows.total).toBe(3);
    expect(rows.sessions.map((r: { id: string }) => r.id)).toEqual([ana.id, sam2.id, sam1.id]);
    expect(rows.sessions[2]).toMatchObject({ rep: { name: 'Sam Lee', slug: 'sam-lee' }, deal: 'Acme renewal', status: 'done', actions: 2, open: 1, reviewed: 0 });
    expect(rows.sessions[1]).toMatchObject({ actions: 0, reviewed: 2 });

    const only = testContext(paths, new Date('2026-03-10T10:00:00Z'));
    await history(only.ctx, { rep: 'ana' });
    expect(only.out()).toMatch(/^DATE +REP +PLAYBOOK/);
    expect(only.out()).toContain('Ana Díaz');
    expect(only.out()).not.toContain('Sam Lee');

    const since = testContext(paths, new Date('2026-03-10T10:00:00Z'));
    await history(since.ctx, { since: '2026-03-03', limit: '5', json: true });
    expect(JSON.parse(since.out()).sessions.map((r: { id: string }) => r.id)).toEqual([ana.id]);

    await expect(history(testContext(paths).ctx, { limit: '0' })).rejects.toThrow(/--limit/);
  });
});

describe('show', () => {
  it('renders the note for the terminal: no front matter, no markdown escapes, no escape sequences', async () => {
    const { paths, sam1 } = await twoReps();
    const s = testContext(paths);
    await show(s.ctx, { session: sam1.id.slice(0, 15) });
    const out = s.out();
    expect(out).not.toContain('playbook_version:');
    expect(out).toContain('price (list) * 2');
    expect(out).not.toContain('\\*');
    expect(out).not.toContain('\u001b');
    expect(out).toContain('☐ Call the CFO; ask: budget, timing — Sam Lee, due 2026-03-06 · partly done (2026-03-02)');
    expect(out).toContain('☑ Intro to our CFO — Jordan · done (2026-03-02)');
    expect(out).toContain('I nearly took over the call');
  });

  it('gives the rep’s copy without what is private, and the whole record as JSON', async () => {
    const { paths, sam1 } = await twoReps();
    const r = testContext(paths);
    await show(r.ctx, { session: sam1.id, forRep: true, markdown: true });
    expect(r.out()).not.toContain('I nearly took over the call');
    expect(r.out()).toContain('copy: "rep"');

    const j = testContext(paths);
    await show(j.ctx, { session: sam1.id, json: true });
    const record = JSON.parse(j.out());
    expect(record).toMatchObject({ id: sam1.id, recordVersion: 2, rep: { name: 'Sam Lee' }, status: 'done', deal: 'Acme renewal' });
    expect(record.answers.find((a: { question: string }) => a.question === 'outcome').value).toBe(HOSTILE);
    expect(record.actions[0]).toMatchObject({ id: 's1', owner: 'rep', outcomes: [{ outcome: 'partly' }] });
    expect(record.journal[0].type).toBe('start');

    const jr = testContext(paths);
    await show(jr.ctx, { session: sam1.id, json: true, forRep: true });
    const repCopy = JSON.parse(jr.out());
    expect(repCopy.journal).toBeUndefined();
    expect(JSON.stringify(repCopy)).not.toContain('I nearly took over the call');
  });
});

describe('search', () => {
  it('finds answers literally, with hostile text made harmless, and highlights only with colour', async () => {
    const { paths, sam1, ana } = await twoReps();
    const plain = testContext(paths);
    await search(plain.ctx, { text: '(list) *' });
    expect(plain.out()).toContain(sam1.id);
    expect(plain.out()).toContain('price (list) * 2');
    expect(plain.out()).not.toContain('\u001b');

    const coloured = testContext(paths, undefined, 1);
    await search(coloured.ctx, { text: 'champion' });
    const out = coloured.out();
    expect(out).toContain(ana.id);
    expect(out).toContain('\u001b[7m');
    // The only escape sequences are the colours this command adds.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC [ … m is the colour code this command adds
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toContain('\u001b');

    const json = testContext(paths);
    await search(json.ctx, { text: 'CFO', rep: 'Sam', json: true });
    const hits = JSON.parse(json.out()).hits;
    expect(hits.map((h: { question: string; answer: string }) => [h.question, h.answer])).toEqual([
      ['actions', 'Call the CFO; ask: budget, timing'],
      ['actions', 'Intro to our CFO'],
    ]);
    expect(hits[0].questionText).toBe('What will you do, and by when?');

    const none = testContext(paths);
    await search(none.ctx, { text: '.*' });
    expect(none.out()).toContain('Nothing found');
    await expect(search(testContext(paths).ctx, { text: '  ' })).rejects.toThrow(/Give some text/);
  });
});

describe('export', () => {
  it('writes one note per session with the run’s names, replaces on a second export, and keeps hostile text inside its answer', async () => {
    const { paths, sam1, sam2 } = await twoReps();
    const out = tempDir();
    const e = testContext(paths);
    await exportNotes(e.ctx, { sessions: [], all: true, out });
    const files = () => readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort();
    const first = files();
    expect(first).toEqual(
      [path.join('ana-diaz', '2026-03-04-mini.md'), path.join('sam-lee', '2026-03-02-mini.md'), path.join('sam-lee', `2026-03-02-mini-${sam2.id}.md`)].sort(),
    );
    // The same names as the run's own notes.
    const runNote = readFileSync(path.join(paths.notes, 'sam-lee', '2026-03-02-mini.md'), 'utf8');
    expect(runNote).toContain(`session: "${sam1.id}"`);

    await exportNotes(testContext(paths).ctx, { sessions: [], all: true, out });
    await exportNotes(testContext(paths).ctx, { sessions: [sam2.id], out });
    expect(files()).toEqual(first);

    const note = readFileSync(path.join(out, 'sam-lee', '2026-03-02-mini.md'), 'utf8');
    expect(note).toContain(`session: "${sam1.id}"`);
    expect(note).toContain('· partly done (2026-03-02)');
    const doc = new Parser().parse(note);
    const kinds = new Map<string, number>();
    const walker = doc.walker();
    for (let ev = walker.next(); ev; ev = walker.next()) {
      if (!ev.entering) continue;
      kinds.set(ev.node.type, (kinds.get(ev.node.type) ?? 0) + 1);
      if (ev.node.type === 'heading' && ev.node.level === 1) expect(ev.node.firstChild?.literal).toMatch(/^Coaching note/);
    }
    // Nothing in the answer became structure: one h1, no code block, no HTML, no thematic break after the front matter.
    expect(kinds.get('code_block') ?? 0).toBe(0);
    expect(kinds.get('html_block') ?? 0).toBe(0);
    expect(kinds.get('html_inline') ?? 0).toBe(0);
    expect(kinds.get('link') ?? 0).toBe(0);
    expect(note).not.toContain('\u001b');
  });

  it('exporting again leaves a note that is as it would be written alone and replaces one that changed', async () => {
    const { paths, sam1 } = await twoReps();
    const out = tempDir();
    await exportNotes(testContext(paths).ctx, { sessions: [], all: true, out });
    const ana = path.join(out, 'ana-diaz', '2026-03-04-mini.md');
    const sam = path.join(out, 'sam-lee', '2026-03-02-mini.md');
    const written = readFileSync(sam, 'utf8');
    const before = { ana: statSync(ana).ino, sam: statSync(sam).ino };
    expect(written).toContain('Call the CFO');
    writeFileSync(sam, written.replace('Call the CFO', 'Edited by hand'));
    await exportNotes(testContext(paths).ctx, { sessions: [], all: true, out });
    expect(statSync(ana).ino).toBe(before.ana);
    expect(readFileSync(sam, 'utf8')).toBe(written);
    expect(readFileSync(sam, 'utf8')).toContain(`session: "${sam1.id}"`);
    expect(readdirSync(out, { recursive: true }).map(String).filter((f) => f.includes('.repcoach-tmp-'))).toEqual([]);
  });

  it('exports a journal named otherwise (moved back from quarantine) like any other', async () => {
    const { paths, sam1 } = await twoReps();
    renameSync(path.join(paths.sessions, `${sam1.id}.jsonl`), path.join(paths.sessions, `20260305T090000Z-${sam1.id}.jsonl`));
    const out = tempDir();
    await exportNotes(testContext(paths).ctx, { sessions: [sam1.id], out });
    expect(readFileSync(path.join(out, 'sam-lee', '2026-03-02-mini.md'), 'utf8')).toContain(`session: "${sam1.id}"`);
  });

  it('writes JSON records, prints to stdout, and leaves private answers out of the rep’s copies', async () => {
    const { paths, sam1 } = await twoReps();
    const out = tempDir();
    await exportNotes(testContext(paths).ctx, { sessions: [], rep: 'Sam Lee', format: 'json', out });
    const record = JSON.parse(readFileSync(path.join(out, 'sam-lee', '2026-03-02-mini.json'), 'utf8'));
    expect(record).toMatchObject({ id: sam1.id, rep: { slug: 'sam-lee' }, note: null });
    await exportNotes(testContext(paths).ctx, { sessions: [], rep: 'Sam Lee', format: 'json', out });
    expect(readdirSync(path.join(out, 'sam-lee')).sort()).toHaveLength(2);

    const s = testContext(paths);
    await exportNotes(s.ctx, { sessions: [], all: true, format: 'json', stdout: true });
    const all = JSON.parse(s.out());
    expect(all.sessions).toHaveLength(3);
    expect(s.err()).toBe('');

    const md = testContext(paths);
    await exportNotes(md.ctx, { sessions: [sam1.id], stdout: true, forRep: true });
    expect(md.out()).toContain('copy: "rep"');
    expect(md.out()).not.toContain('I nearly took over the call');
    expect(md.out().match(/^# Coaching note/gm)).toHaveLength(1);
  });

  it('writes the open commitments with a due date as a calendar file', async () => {
    const { paths, sam1 } = await twoReps();
    const dir = tempDir();
    const e = testContext(paths, new Date('2026-03-05T08:00:00Z'));
    await exportNotes(e.ctx, { sessions: [], all: true, ics: path.join(dir, 'follow-ups.ics') });
    const ics = readFileSync(path.join(dir, 'follow-ups.ics'), 'utf8');
    expect(e.out()).toContain('Wrote 2 follow-up events');
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:${sam1.id}-s1@repcoach`);
    expect(unfolded).toContain('SUMMARY:Sam Lee: Call the CFO\\; ask: budget\\, timing');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20260306');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20260320');
    // Done, and without a due date: not in the calendar.
    expect(unfolded).not.toContain('Intro to our CFO');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('says what is missing', async () => {
    const paths = tempPaths();
    await expect(exportNotes(testContext(paths).ctx, { sessions: [], all: true })).rejects.toThrow(/Where to/);
    await expect(exportNotes(testContext(paths).ctx, { sessions: [], out: 'x' })).rejects.toThrow(/Which sessions/);
    await expect(exportNotes(testContext(paths).ctx, { sessions: [], all: true, out: 'x', format: 'pdf' })).rejects.toThrow(/--format/);
    await expect(exportNotes(testContext(paths).ctx, { sessions: ['nope'], out: 'x' })).rejects.toThrow(/No session "nope"/);
  });
});

describe('prep', () => {
  it('shows the open commitments, overdue marked, and writes an agenda for the rep without private questions', async () => {
    const { paths } = await twoReps();
    const p = testContext(paths, new Date('2026-03-09T08:00:00Z'));
    const agenda = path.join(tempDir(), 'agenda.md');
    await expect(prep(p.ctx, { rep: 'sam lee', agenda, playbook: path.join(paths.data, 'pb.yaml') })).rejects.toThrow(/No playbook/);
    expect(existsSync(agenda)).toBe(false);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(paths.data, 'pb.yaml'), MINI_YAML.replace('        required: false\n', '        required: false\n      - id: secret\n        text: My private worry\n        private: true\n'));
    const q = testContext(paths, new Date('2026-03-09T08:00:00Z'));
    await prep(q.ctx, { rep: 'sam lee', agenda, playbook: path.join(paths.data, 'pb.yaml') });
    const out = q.out();
    expect(out).toContain('Sam Lee');
    expect(out).toContain('Open commitments (1)');
    expect(out).toContain('Call the CFO; ask: budget, timing');
    expect(out).toContain('due 2026-03-06, overdue');
    expect(out).toContain('partly done on 2026-03-02');
    expect(out).toContain(`Agenda written: ${agenda}`);

    const text = readFileSync(agenda, 'utf8');
    expect(text).toContain('## Since last time');
    expect(text).toContain('- [ ] Call the CFO; ask: budget, timing — Sam Lee, due 2026-03-06 (overdue)');
    expect(text).toContain('What do you want from today, Sam Lee?');
    expect(text).not.toContain('My private worry');
    expect(new Parser().parse(text).firstChild?.type).toBe('thematic_break');

    const j = testContext(paths, new Date('2026-03-09T08:00:00Z'));
    await prep(j.ctx, { rep: 'Ana', json: true });
    const report = JSON.parse(j.out());
    expect(report).toMatchObject({ rep: { name: 'Ana Díaz' }, sessions: 1, lastSession: { confidence: 8 }, agenda: null });
    expect(report.open).toEqual([
      expect.objectContaining({ what: 'Map who decides at Globex', due: '2026-03-20', overdue: false, ageDays: 5, lastOutcome: null }),
    ]);
    // "mini" is not installed: the default is suggested.
    expect(report.suggestion).toEqual({ playbook: 'one-to-one', reason: 'the default playbook' });
  });
});

describe('reps and stats', () => {
  it('lists reps with their open commitments, and gives stats as JSON', async () => {
    const { paths } = await twoReps();
    const r = testContext(paths, new Date('2026-03-09T08:00:00Z'));
    await reps(r.ctx, {});
    const lines = r.out().split('\n');
    expect(lines[0]).toMatch(/^REP +SESSIONS +LAST SESSION +OPEN +FOLLOW-THROUGH$/);
    // Its one commitment was reviewed "partly" (before it was due): that is its follow-through (issue 10).
    expect(lines.find((l) => l.startsWith('Sam Lee'))).toMatch(/Sam Lee +2 +2026-03-02 mini +1 \(1 overdue\) +50% of 1$/);

    const s = testContext(paths, new Date('2026-03-09T08:00:00Z'));
    await stats(s.ctx, { json: true });
    const st = JSON.parse(s.out());
    expect(Object.keys(st)).toEqual(['rep', 'range', 'months', 'sessions', 'followThrough', 'confidence', 'owners', 'rescue', 'conversation', 'reps']);
    expect(st.sessions.total).toBe(3);
    expect(st.owners).toMatchObject({ rep: 2, manager: 1, both: 0 });
    expect(st.reps.map((x: { name: string }) => x.name)).toEqual(['Ana Díaz', 'Sam Lee']);
  });
});

describe('config', () => {
  it('sets, gets, lists and unsets settings, checking each value', async () => {
    const paths = tempPaths();
    const t = testContext(paths);
    await config(t.ctx, { action: 'set', key: 'notes.git', value: 'on' });
    await config(t.ctx, { action: 'get', key: 'notes.git' });
    await config(t.ctx, { action: 'set', key: 'notesDir', value: 'notes-here' });
    expect(t.out()).toContain('notes.git = true\ntrue\n');
    const l = testContext(paths);
    await config(l.ctx, { action: 'list', json: true });
    expect(JSON.parse(l.out()).settings).toMatchObject({ 'notes.git': true, notesDir: path.join(paths.data, 'notes-here') });
    await config(l.ctx, { action: 'unset', key: 'notes.git' });
    const g = testContext(paths);
    await config(g.ctx, { action: 'get', key: 'notes.git', json: true });
    expect(JSON.parse(g.out())).toEqual({ 'notes.git': null });
    await expect(config(t.ctx, { action: 'set', key: 'notes.git', value: 'maybe' })).rejects.toThrow(/true or false/);
    await expect(config(t.ctx, { action: 'get', key: 'notes.gti' })).rejects.toThrow(/did you mean "notes.git"/);
  });
});
