/**
 * The note with hostile answers: whatever a rep says, the note keeps its
 * structure (checked with a real CommonMark parser) and says exactly what was said.
 */
import type { Node } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { renderNote } from '../src/note/render.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import type { ActionItem, AnswerValue, Playbook } from '../src/playbook/schema.ts';
import { foldJournal, type JournalEntry } from '../src/model/journal.ts';
import { answerSections, headings, normalize, splitNote, textOf, topLevel, typesUnder } from './support/markdown.ts';
import { startEntry } from './support/session.ts';

const HOSTILE: Array<[name: string, answer: string]> = [
  ['an ATX heading', '# Big news'],
  ['a level-6 heading', '###### small'],
  ['a heading after spaces', '   ## indented heading'],
  ['control characters around a tab', '\u0000\t\u0000'],
  ['a heading behind a control character', '\u0001 # not a heading'],
  ['a closed heading', '## title ##'],
  ['a thematic break ---', '---'],
  ['a thematic break ***', '***'],
  ['a thematic break ___', '___'],
  ['a spaced thematic break', '- - -'],
  ['a setext = underline', 'Title\n====='],
  ['a setext - underline', 'Title\n---'],
  ['a ``` code fence', '```js\nalert(1)\n```'],
  ['a ~~~ code fence', '~~~\ncode\n~~~'],
  ['an unclosed fence', '```\nnever closed'],
  ['indented code', '    indented code\n\tand a tab'],
  ['a - list', '- one\n- two'],
  ['a * list', '* one\n* two'],
  ['a + list', '+ one\n+ two'],
  ['a 1. list', '1. first\n2. second'],
  ['a 1) list', '1) first'],
  ['a year that looks like a list', '2026. A big year'],
  ['a task list', '- [ ] fake task\n- [x] done'],
  ['a block quote', '> quoted\n> more'],
  ['an HTML block', '<div>\n<b>bold</b>\n</div>'],
  ['a script tag', '<script>alert(1)</script>'],
  ['an HTML comment', '<!-- hidden -->visible'],
  ['inline HTML', 'a <span style="x">b</span> c'],
  ['an autolink', '<https://example.com>'],
  ['a processing instruction', '<?php echo 1; ?>'],
  ['a CDATA block', '<![CDATA[x]]>'],
  ['a pipe table', '| a | b |\n|---|---|\n| 1 | 2 |'],
  ['pipes in text', 'either | or'],
  ['a link reference definition', '[ref]: https://evil.example "title"'],
  ['a link and an image', '[click](https://x.example) ![img](x.png)'],
  ['a reference link', '[ref]\n\n[ref]: /url'],
  ['front matter', '---\ntitle: injected\n---'],
  ['emphasis and code', '*emph* _under_ **strong** `code` ~~strike~~'],
  ['backslashes', 'C:\\Users\\sam\\ and \\* and \\'],
  ['a trailing backslash', 'ends with \\'],
  ['entities', '&amp; &#x41; &copy; &'],
  ['CRLF line ends', 'first\r\nsecond\r\n\r\nthird'],
  ['lone CR', 'first\rsecond'],
  ['control characters', 'bell\u0007 esc\u001b[31m red nul\u0000 del\u007f c1\u0085'],
  ['hard break by two spaces', 'line one  \nline two'],
  ['blank lines and spaces', '\n\n   \n  a  \n\n\n\n  b  \n\n'],
  ['only markup characters', '* - + = # > | ` ~ _ [ ] < > ! &'],
  ['a lone dash', '-'],
  ['a lone plus', '+'],
  ['equals signs', '==='],
  ['a footnote', '[^1]: note'],
  ['math and braces', '$x$ {{rep}} %s'],
  ['unicode', 'Zoë → ✓ 王伟 \u2028 next'],
  ['many paragraphs', 'a\n\nb\n\n# c\n\n---\n\nd'],
];

/**
 * Answers typed as a list stay a list (issue 10): the words a reader sees, item by
 * item, without the markers. Every other answer is paragraphs of the text as typed.
 */
const AS_LIST: Record<string, string> = {
  'a - list': 'one two',
  'a * list': 'one two',
  'a + list': 'one two',
  'a 1. list': 'first second',
  'a task list': '[ ] fake task [x] done',
};

/** The note without its opening summary (tested in summary.test.ts): these tests are about the answers. */
function withoutSummary(nodes: Node[]): Node[] {
  const at = nodes.findIndex((n) => n.type === 'heading' && n.level === 2 && textOf(n) === 'Summary');
  if (at === -1) return nodes;
  const next = nodes.findIndex((n, i) => i > at && n.type === 'heading');
  return [...nodes.slice(0, at), ...nodes.slice(next)];
}

/** Text with the characters the note drops (controls), and CR as a line break, as a person would read it. */
function expectedText(answer: string): string {
  return normalize(
    answer
      .replace(/\r\n?/g, '\n')
      .replace(/(?![\t\n])\p{Cc}/gu, ''),
  );
}

function hostilePlaybook(n: number): Playbook {
  const questions = Array.from({ length: n }, (_, i) => `      - {id: q${i}, text: "Question ${i}?", type: ${i % 2 ? 'text' : 'long-text'}}`);
  return parsePlaybook(
    `id: hostile\ntitle: Hostile\ndescription: D\nversion: "1.0.0"\nstages:\n  - id: s\n    title: Questions\n    goal: G\n    questions:\n${questions.join('\n')}\n`,
    'hostile.yaml',
  );
}

function noteFor(pb: Playbook, answers: Record<string, AnswerValue>, opts: Parameters<typeof startEntry>[1] = {}, status: 'done' | 'paused' = 'done') {
  const start = startEntry(pb, opts);
  const entries: JournalEntry[] = [start];
  for (const [question, value] of Object.entries(answers)) entries.push({ type: 'answer', at: start.at, question, value });
  entries.push(status === 'done' ? { type: 'finish', at: '2026-11-18T09:30:00.000Z' } : { type: 'pause', at: '2026-11-18T09:30:00.000Z' });
  const note = renderNote(foldJournal(entries));
  // The manager's part (rescue check, self-check) follows the rep's answers; these tests are about the answers.
  const cut = note.indexOf('\n---\n\n## For the manager only');
  expect(cut).toBeGreaterThan(0);
  return note.slice(0, cut + 1);
}

describe('renderNote with hostile answers', () => {
  const ANSWER_ONLY = new Set(['paragraph', 'text', 'softbreak', 'linebreak']);

  it.each(HOSTILE)('%s: the structure holds and the text round-trips', (name, answer) => {
    const pb = hostilePlaybook(2);
    const { body } = splitNote(noteFor(pb, { q0: answer, q1: answer }));
    const nodes = withoutSummary(topLevel(body));
    expect(headings(nodes)).toEqual([
      [1, 'Coaching note: Sam Lee, 2026-11-18'],
      [2, 'Q · Questions'],
      [3, 'Question 0?'],
      [3, 'Question 1?'],
    ]);
    const sections = answerSections(nodes);
    for (const q of ['Question 0?', 'Question 1?']) {
      const blocks = sections.get(q) ?? [];
      expect(blocks.length).toBeGreaterThan(0);
      const list = AS_LIST[name];
      const said = list ?? expectedText(answer);
      // A blank answer reads "*(empty)*": its emphasis is the note's, not the answer's.
      const allowed = new Set([...ANSWER_ONLY, ...(said === '' ? ['emph'] : []), ...(list ? ['list', 'item'] : [])]);
      expect([...typesUnder(blocks)].filter((t) => !allowed.has(t))).toEqual([]);
      if (list) expect(blocks.map((b) => b.type)).toEqual(['list']);
      expect(normalize(blocks.map(textOf).join('\n'))).toBe(said === '' ? '(empty)' : said);
    }
  });

  it('every hostile answer in one note: none leaks into the next question', () => {
    const pb = hostilePlaybook(HOSTILE.length);
    const answers = Object.fromEntries(HOSTILE.map(([, a], i) => [`q${i}`, a]));
    const { body } = splitNote(noteFor(pb, answers));
    const nodes = withoutSummary(topLevel(body));
    expect(headings(nodes)).toEqual([
      [1, 'Coaching note: Sam Lee, 2026-11-18'],
      [2, 'Q · Questions'],
      ...HOSTILE.map((_, i) => [3, `Question ${i}?`]),
    ]);
    const forbidden = ['html_block', 'html_inline', 'code_block', 'thematic_break', 'block_quote', 'link', 'image', 'code'];
    expect([...typesUnder(nodes)].filter((t) => forbidden.includes(t))).toEqual([]);
    // The only lists are the answers typed as lists, one each.
    expect(nodes.filter((n) => n.type === 'list')).toHaveLength(Object.keys(AS_LIST).length);
    const sections = answerSections(nodes);
    HOSTILE.forEach(([name, answer], i) => {
      const said = AS_LIST[name] ?? expectedText(answer);
      expect(normalize((sections.get(`Question ${i}?`) ?? []).map(textOf).join('\n'))).toBe(said === '' ? '(empty)' : said);
    });
  });

  it('question texts with markup become exactly one heading each', () => {
    const pb = parsePlaybook(
      `id: q\ntitle: Q\ndescription: D\nversion: "1.0.0"\nstages:\n  - id: s\n    title: "# Stage | <b>one</b>"\n    letter: S\n    goal: G\n    questions:\n      - {id: a, text: "What's \`next\` for <b>{{rep}}</b>? #1 ##"}\n      - {id: b, text: "- [x] *done* | 1. ok \\\\"}\n`,
      'q.yaml',
    );
    const { body } = splitNote(noteFor(pb, { a: 'x', b: 'y' }, { rep: '*Sam* <i>' }));
    expect(headings(withoutSummary(topLevel(body)))).toEqual([
      [1, 'Coaching note: *Sam* <i>, 2026-11-18'],
      [2, 'S · # Stage | <b>one</b>'],
      [3, "What's `next` for <b>*Sam* <i></b>? #1 ##"],
      [3, '- [x] *done* | 1. ok \\'],
    ]);
  });
});

describe('renderNote: other answer types with hostile text', () => {
  const pb = parsePlaybook(
    `id: kinds\ntitle: Kinds\ndescription: D\nversion: "1.0.0"\nstages:\n  - id: s\n    title: Action\n    goal: G\n    questions:\n` +
      `      - {id: acts, text: Actions?, type: actions}\n` +
      `      - {id: multi, text: Skills?, type: multi-choice, options: [{value: a, label: "# A | <b>"}, {value: b, label: "- B"}, {value: c, label: C}]}\n` +
      `      - {id: pick, text: Pick?, type: choice, options: [{value: x, label: "--- X ---"}, y]}\n` +
      `      - {id: yn, text: Yes?, type: yes-no}\n` +
      `      - {id: n, text: Number?, type: scale, labels: {"3": "<b>meh</b> | *so-so*"}}\n`,
    'kinds.yaml',
  );
  const actions: ActionItem[] = [
    { id: '1', what: '# Call <b>Acme</b>\n---\n| a |', owner: 'rep', due: '2026-11-20' },
    { id: '2', what: '- [x] [link](http://x) `code`', owner: 'manager' },
    { id: '3', what: '1. ```fence', owner: 'both', due: '2026-12-01' },
  ];
  const note = noteFor(pb, { acts: actions, multi: ['a', 'b'], pick: 'x', yn: false, n: 3 }, { rep: 'Sam | <Lee>' });
  const nodes = withoutSummary(topLevel(splitNote(note).body));

  it('has exactly the expected headings', () => {
    expect(headings(nodes)).toEqual([
      [1, 'Coaching note: Sam | <Lee>, 2026-11-18'],
      [2, 'Actions'],
      [2, 'A · Action'],
      [3, 'Actions?'],
      [3, 'Skills?'],
      [3, 'Pick?'],
      [3, 'Yes?'],
      [3, 'Number?'],
    ]);
  });

  it('lists are the action lists and the chosen options, with one item each, text intact', () => {
    const lists = nodes.filter((n) => n.type === 'list');
    const items = lists.map((l) => {
      const out: string[] = [];
      for (let i = l.firstChild; i; i = i.next) out.push(normalize(textOf(i)));
      return out;
    });
    const actionItems = [
      '[ ] # Call <b>Acme</b> --- | a | — Sam | <Lee>, due 2026-11-20',
      '[ ] - [x] [link](http://x) `code` — the manager',
      '[ ] 1. ```fence — Sam | <Lee> and the manager, due 2026-12-01',
    ];
    expect(items).toEqual([actionItems, actionItems, ['# A | <b>', '- B']]);
    const forbidden = ['html_block', 'html_inline', 'code_block', 'thematic_break', 'block_quote', 'link', 'image', 'code'];
    expect([...typesUnder(nodes)].filter((t) => forbidden.includes(t))).toEqual([]);
  });

  it('choice, yes/no and scale answers are single paragraphs', () => {
    const sections = answerSections(nodes);
    expect(sections.get('Pick?')?.map((n) => [n.type, textOf(n)])).toEqual([['paragraph', '--- X ---']]);
    expect(sections.get('Yes?')?.map((n) => [n.type, textOf(n)])).toEqual([['paragraph', 'No']]);
    expect(sections.get('Number?')?.map((n) => [n.type, textOf(n)])).toEqual([['paragraph', '3 / 10 (<b>meh</b> | *so-so*)']]);
  });
});

describe('the front matter', () => {
  const pb = hostilePlaybook(1);
  const NAMES = [
    'Sam Lee',
    '---',
    '--- \nrep: injected',
    'key: value',
    '"quoted"',
    "O'Brien",
    'yes',
    'no',
    'null',
    '~',
    '1.0',
    '0x1F',
    '2026-11-18',
    '# comment',
    '- item',
    '[a, b]',
    '{a: 1}',
    '*alias',
    '&anchor',
    '!tag',
    '%directive',
    '@at',
    '`tick`',
    '| pipe',
    '> folded',
    ' leading and trailing ',
    'multi\nline\n---\nname',
    'tab\there',
    'Zoë 王伟',
    '<script>',
    '\\back\\slash',
  ];

  it.each(NAMES)('rep, deal and manager %j come back exactly', (name) => {
    const note = noteFor(pb, { q0: 'x' }, { rep: name, deal: name, manager: name });
    const { front, body } = splitNote(note);
    expect(front).toMatchObject({
      rep: name,
      deal: name,
      manager: name,
      date: '2026-11-18',
      playbook: 'hostile',
      playbook_version: '1.0.0',
      status: 'done',
      duration_minutes: 30,
      session: '20261118-0900-abcd',
    });
    // The body still starts at its title, whatever the name held.
    const nodes = topLevel(body);
    const [level, title] = headings(nodes)[0] ?? [];
    expect([level, normalize(title ?? '')]).toEqual([1, `Coaching note: ${normalize(name)}, 2026-11-18`]);
  });

  it('a paused session says so, in the front matter and in the body', () => {
    const note = noteFor(pb, {}, {}, 'paused');
    const { front, body } = splitNote(note);
    expect(front).toMatchObject({ status: 'paused' });
    expect(body).toContain('**Unfinished:** this session is paused');
    expect(body).toContain('*Not answered yet.*');
  });
});
