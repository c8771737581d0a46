/**
 * The rep's voice (issue 10): the agenda `prep --agenda` writes reads well for every
 * playbook, has room for the rep's own topics, and `run --agenda` brings the topics
 * the rep wrote back into the session (shown as Contracting opens, journaled) and
 * into the note, the rep's copy too.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prep } from '../src/commands/prep.ts';
import { run } from '../src/commands/run.ts';
import { show } from '../src/commands/show.ts';
import { agendaText, renderAgenda } from '../src/note/agenda.ts';
import { MAX_TOPICS, readReturnedAgenda } from '../src/note/topics.ts';
import { builtinDir } from '../src/playbook/load.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { parseJournal } from '../src/model/journal.ts';
import { listSessions } from '../src/store/store.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { action, MINI_YAML, miniPlaybook, runSession, testContext } from './lookback-helpers.ts';

describe('agendaText: questions that quote an answer not given yet', () => {
  it.each([
    ['a quoted answer reads "that"', 'Walk me through what is happening with {{answers.topic}}, in your own words.', 'Walk me through what is happening with that, in your own words.'],
    ['spaces inside the braces', 'For {{ answers.focus_deals }}, what next?', 'For that, what next?'],
    ['an aside in brackets is left out', 'What could you ask your champion ({{answers.champion}}) that would help?', 'What could you ask your champion that would help?'],
    ['quotes around it go too', 'Looking again at “{{answers.the_question}}”, what was asked?', 'Looking again at that, what was asked?'],
    ['a fallback is kept for fill()', 'If you were {{answers.who_asked | the buyer}}, how sure?', 'If you were {{answers.who_asked | the buyer}}, how sure?'],
    ['rep and deal are left for fill()', 'How is {{deal}} going, {{rep}}?', 'How is {{deal}} going, {{rep}}?'],
    ['two in one text', '{{answers.a}} and {{answers.b}}', 'that and that'],
  ])('%s', (_name, text, expected) => {
    expect(agendaText(text)).toBe(expected);
  });
});

describe('the agenda of every built-in playbook', () => {
  const files = readdirSync(builtinDir()).filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s reads with nothing left unfilled, and has room for the rep’s topics', (file) => {
    const pb = parsePlaybook(readFileSync(path.join(builtinDir(), file), 'utf8'), file);
    for (const deal of [undefined, 'Acme renewal']) {
      const text = renderAgenda({ rep: 'Sam Lee', deal, manager: 'Maria', date: '2026-12-07', playbook: pb, open: [] });
      const questions = text.split('\n').filter((l) => l.startsWith('- ') && l.length > 2);
      expect(questions.length).toBeGreaterThan(0);
      for (const q of questions) {
        expect(q).not.toMatch(/…|\(not answered\)|\{\{|\}\}|\(\s*\)|“\s*”/);
        expect(q).not.toMatch(/\bthat that\b/);
      }
      expect(text).toContain('## Your topics');
      expect(text).toContain('send this file back to Maria');
      expect(readReturnedAgenda(text, file)).toEqual({ rep: 'Sam Lee', playbook: pb.id, deal, topics: [] });
    }
  });
});

describe('readReturnedAgenda: the topics, however the rep edited them', () => {
  const mini = miniPlaybook();
  const agenda = renderAgenda({ rep: 'Sam Lee', deal: 'Acme', manager: 'Maria', date: '2026-03-09', playbook: mini, open: [] });
  const blank = /- \n- \n-\n$/;
  expect(agenda).toMatch(blank);
  const edit = (lines: string) => agenda.replace(blank, `${lines}\n`);

  it.each<[string, string, string[]]>([
    ['dashes on the lines offered', edit('- Pricing for Q2\n- My quota\n-'), ['Pricing for Q2', 'My quota']],
    ['stars, pluses and pasted bullets', edit('* Pricing\n+ Quota\n• Territory'), ['Pricing', 'Quota', 'Territory']],
    ['numbered lines', edit('1. Pricing\n2) Quota'), ['Pricing', 'Quota']],
    ['task boxes', edit('- [ ] Pricing\n- [x] Quota'), ['Pricing', 'Quota']],
    ['plain lines, blank lines between', edit('Pricing\n\n\nQuota\n'), ['Pricing', 'Quota']],
    ['an indented line goes on with its topic', edit('- Pricing for the Q2 start\n  (and who signs it)\n- Quota'), ['Pricing for the Q2 start (and who signs it)', 'Quota']],
    ['nothing written', agenda, []],
    ['the instructions deleted', agenda.replace(/^> .*\n/m, '').replace(blank, '- Pricing'), ['Pricing']],
    ['the instructions reworded but still a quote', agenda.replace(/^> .*$/m, '> my notes:').replace(blank, '- Pricing'), ['Pricing']],
    ['CRLF line ends and a byte-order mark', `\uFEFF${edit('- Pricing\n- Quota')}`.replace(/\n/g, '\r\n'), ['Pricing', 'Quota']],
    ['a signature after the topics', edit('- Pricing\n\n--\nSam Lee\nAcme Sales'), ['Pricing']],
    ['a heading of their own ends the topics', edit('- Pricing\n\n## Notes\n- not a topic'), ['Pricing']],
    ['the heading typed without #', agenda.replace('## Your topics', 'Your topics:').replace(blank, '- Pricing'), ['Pricing']],
    ['control characters are dropped', edit('- Pri\u001b[31mcing\u0007'), ['Pri [31mcing']],
    ['markup is kept as text', edit('- **Pricing** <b>now</b> # and `code`'), ['**Pricing** <b>now</b> # and `code`']],
  ])('%s', (_name, text, topics) => {
    expect(readReturnedAgenda(text, 'a.md').topics).toEqual(topics);
  });

  it('reads the rep, playbook and deal from the front matter, and copes without it', () => {
    expect(readReturnedAgenda(edit('- Pricing'), 'a.md')).toEqual({ rep: 'Sam Lee', playbook: 'mini', deal: 'Acme', topics: ['Pricing'] });
    const bare = edit('- Pricing').replace(/^---\n[\s\S]*?\n---\n/, '');
    expect(readReturnedAgenda(bare, 'a.md')).toEqual({ rep: undefined, playbook: undefined, deal: undefined, topics: ['Pricing'] });
    const broken = edit('- Pricing').replace('rep: Sam Lee', 'rep: [Sam');
    expect(readReturnedAgenda(broken, 'a.md').topics).toEqual(['Pricing']);
  });

  it.each<[string, string, RegExp]>([
    ['an answers file', 'goal: A plan\nconfidence: 7\n', /a\.md is not an agenda: it has no “Your topics” part/],
    ['a coaching note', '---\nrep: "Sam"\n---\n\n# Coaching note: Sam\n\n- Pricing\n', /is not an agenda/],
    ['too many topics', edit(Array.from({ length: MAX_TOPICS + 1 }, (_, i) => `- Topic ${i}`).join('\n')), /21 topics; at most 20/],
    ['a topic too long', edit(`- ${'long '.repeat(120)}`), /topic 1 is \d+ characters long; at most 500/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => readReturnedAgenda(text, 'a.md')).toThrow(message);
  });
});

describe('the agenda round trip: prep writes it, the rep edits it, run --agenda reads it', () => {
  async function setUp() {
    const paths = tempPaths();
    mkdirSync(paths.playbooks, { recursive: true });
    writeFileSync(path.join(paths.playbooks, 'mini.yaml'), MINI_YAML);
    const t = testContext(paths);
    await runSession(t, { rep: 'Sam Lee', deal: 'Acme', answers: { outcome: 'A plan', actions: [action('s1', 'Call the CFO', 'rep', '2026-03-06')], confidence: 6 } });
    const p = testContext(paths, new Date('2026-03-09T08:00:00Z'));
    const file = path.join(tempDir(), 'agenda.md');
    await prep(p.ctx, { rep: 'sam', playbook: 'mini', agenda: file });
    const answers = path.join(tempDir(), 'answers.yaml');
    writeFileSync(answers, 'outcome: Leave with a plan\nactions:\n  - {what: Send the deck, owner: rep}\nconfidence: 7\n');
    return { paths, file, answers };
  }

  it('brings the topics into the journal and the note, the rep’s copy too', async () => {
    const { paths, file, answers } = await setUp();
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('## Your topics');
    // As a rep would: the instructions deleted, stars, a blank line, Windows line ends.
    const returned = written
      .replace(/^> .*\n\n/m, '')
      .replace(/- \n- \n-\n$/, '* Pricing for the <b>Q2</b> start\n\n* My quota\n')
      .replace(/\n/g, '\r\n');
    writeFileSync(file, returned);

    const r = testContext(paths, new Date('2026-03-09T09:00:00Z'));
    await run(r.ctx, { agenda: file, answers, input: false });
    const { sessions } = await listSessions(paths);
    const latest = sessions.find((s) => s.state.start.at.startsWith('2026-03-09'));
    expect(latest).toBeDefined();
    // The rep, playbook and deal came from the agenda.
    expect(latest?.state.start).toMatchObject({ rep: { name: 'Sam Lee' }, playbook: { id: 'mini' }, deal: 'Acme', topics: ['Pricing for the <b>Q2</b> start', 'My quota'] });
    const journal = parseJournal(readFileSync(latest?.file ?? '', 'utf8'));
    expect(journal.damage).toBeUndefined();
    expect(journal.entries[0]).toMatchObject({ type: 'start', topics: ['Pricing for the <b>Q2</b> start', 'My quota'] });

    for (const forRep of [false, true]) {
      const s = testContext(paths);
      await show(s.ctx, { session: latest?.id ?? '', markdown: true, forRep });
      expect(s.out()).toContain('## Sam Lee’s topics\n\n- Pricing for the \\<b\\>Q2\\</b\\> start\n- My quota\n');
    }
  });

  it('refuses another rep’s agenda, and says so when no topics were added', async () => {
    const { paths, file, answers } = await setUp();
    const r = testContext(paths, new Date('2026-03-09T09:00:00Z'));
    await expect(run(r.ctx, { agenda: file, rep: 'Ana Díaz', answers, input: false })).rejects.toThrow(/is the agenda for Sam Lee, not Ana Díaz/);
    await expect(run(r.ctx, { agenda: path.join(tempDir(), 'none.md'), answers, input: false })).rejects.toThrow(/No agenda at/);
    await expect(run(r.ctx, { agenda: answers, answers, input: false })).rejects.toThrow(/is not an agenda/);
    await run(r.ctx, { agenda: file, rep: 'sam lee', answers, input: false });
    expect(r.err()).toContain('has no topics of the rep’s own');
  });
});

describe('the topics in a live session', () => {
  it('are shown as the first stage opens, before its first question', async () => {
    const t = testContext(tempPaths());
    const { prompter } = await runSession(t, { rep: 'Sam Lee', topics: ['Pricing', 'My quota'], answers: { outcome: 'A plan', actions: [], confidence: 6 } });
    const shown = prompter.messages.filter((m) => m.includes('Pricing'));
    expect(shown).toEqual(['Sam Lee’s topics, from the agenda:\n  • Pricing\n  • My quota\nStart from what Sam Lee wants to talk about.']);
    expect(prompter.asked[0]?.question.id).toBe('outcome');
  });

  it('are not shown without an agenda', async () => {
    const t = testContext(tempPaths());
    const { prompter } = await runSession(t, { rep: 'Sam Lee', answers: { outcome: 'A plan', actions: [], confidence: 6 } });
    expect(prompter.messages.join('\n')).not.toContain('topics');
  });
});

describe('topics in the journal', () => {
  const start = (extra: Record<string, unknown>) =>
    JSON.stringify({ type: 'start', v: 1, at: '2026-03-09T09:00:00Z', id: 'x', rep: { name: 'Sam', slug: 'sam' }, playbook: { id: 'mini', version: '1.0.0' }, ...extra, snapshot: miniPlaybook() }) + '\n';
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['a journal from before topics reads as ever', {}, undefined],
    ['a list of text', { topics: ['Pricing', 'Quota'] }, undefined],
    ['anything else is damage, named', { topics: [1, 2] }, 'start "topics" must be a list of text'],
    ['not a list', { topics: 'Pricing' }, 'start "topics" must be a list of text'],
  ])('%s', (_name, extra, damage) => {
    expect(parseJournal(start(extra)).damage?.reason).toBe(damage);
  });
});
