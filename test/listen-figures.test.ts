// Issue 12: the figures of a conversation against values computed by hand,
// and the sentence rules (question, open question, advice, inquiry, reflection).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeFigures, decodeTranscript, nameMatches, parseTranscript, type Cue } from '../src/listen/index.ts';
import { isAdvice, isInquiry, isOpenQuestion, isQuestion, isReflection, splitSentences } from '../src/listen/habits.ts';
import { wholePercents } from '../src/listen/figures.ts';
import { renderFigures, shortName } from '../src/listen/render.ts';
import { textWidth } from '../src/util/width.ts';

const figuresOf = async (name: string, manager = 'Maria', rep?: string) => {
  const file = new URL(`./fixtures/transcripts/${name}`, import.meta.url);
  const t = await parseTranscript(decodeTranscript(readFileSync(file), name), name);
  return computeFigures(t.cues, t.format, { manager, rep, file: name });
};

/*
 * The ten-cue one-to-one, by hand. Maria's cues: 0-6, 16-22, 34-40, 40-44,
 * 44-50, 60-64 = 32 s; Sam's: 6-16, 22-34, 50-60, 64-72 = 40 s; 72 s in all.
 * Maria's words: 16 + 13 + 13 + 3 + 5 + 5 = 55; Sam's: 14 + 9 + 11 + 11 = 45.
 * Questions: "What do you want…?", "What have you already tried?", "Is the
 * champion still there?", "So, how will you ask?" = 4, open 3 (not "Is…").
 * One reflection ("It sounds like…"). Longest monologue: 34-50 (three cues in
 * a row) = 16 s; Sam's longest stretch 22-34 = 12 s. The inquiry (16 s) comes
 * before the advice ("You should try their CFO.", 34 s). One rescue sentence.
 */
const TIMED = {
  talkShare: 0.4444,
  sentences: 9,
  questions: 4,
  openQuestions: 3,
  questionsPerMinute: 3.33, // 4 / 1.2 min
  reflections: 1,
  reflectionToQuestion: 0.25,
  longestMonologueSeconds: 16,
  adviceBeforeInquiry: false,
  firstAdvice: { text: 'You should try their CFO.', at: 34 },
  firstInquiry: { text: 'What have you already tried?', at: 16 },
  rescue: [{ text: "Leave it with me, I'll call their VP.", at: 34 }],
};

describe('the figures of the one-to-one, in every format', () => {
  it.each(['zoom.vtt', 'teams.vtt', 'meeting.srt', 'meet.json'])('%s', async (name) => {
    const f = await figuresOf(name);
    expect(f.shareBy).toBe('seconds');
    expect(f.durationSeconds).toBe(72);
    expect(f.speakers).toEqual([
      { name: 'Maria Lopez', role: 'manager', seconds: 32, words: 55, share: 0.4444 },
      { name: 'Sam Carter', role: 'rep', seconds: 40, words: 45, share: 0.5556 },
    ]);
    expect(f.manager).toMatchObject(TIMED);
    expect(f.rep).toEqual({ name: 'Sam Carter', talkShare: 0.5556, longestStretchSeconds: 12, longestStretchWords: 14 });
    expect(f.warnings.map((w) => w.figure)).toEqual(['rescue', 'reflectionToQuestion']);
  });

  it('otter.txt: the last paragraph ends 4 s after it starts (11 words), so Sam has 36 s of 68', async () => {
    const f = await figuresOf('otter.txt');
    expect(f.speakers.map((s) => [s.name, s.seconds, s.share])).toEqual([
      ['Maria Lopez', 32, 0.4706],
      ['Sam Carter', 36, 0.5294],
    ]);
    expect(f.manager).toMatchObject({ ...TIMED, talkShare: 0.4706, questionsPerMinute: 3.53 });
  });

  it('plain.txt: no times, so shares by words (55 of 100) and no seconds', async () => {
    const f = await figuresOf('plain.txt');
    expect(f.shareBy).toBe('words');
    expect(f.speakers).toEqual([
      { name: 'Maria Lopez', role: 'manager', seconds: null, words: 55, share: 0.55 },
      { name: 'Sam Carter', role: 'rep', seconds: null, words: 45, share: 0.45 },
    ]);
    expect(f.manager).toMatchObject({
      ...TIMED,
      talkShare: 0.55,
      questionsPerMinute: null,
      longestMonologueSeconds: null,
      longestMonologueWords: 21,
      firstAdvice: { text: 'You should try their CFO.', at: null },
      firstInquiry: { text: 'What have you already tried?', at: null },
      rescue: [{ text: "Leave it with me, I'll call their VP.", at: null }],
    });
  });

  it('the real SRT file: ALICE as the manager, JOHN the rep, the sound cue apart', async () => {
    const f = await figuresOf('public/subsrt-sample.srt', 'Alice');
    // ALICE 0.599-4.16 and 6.77-10.88 = 7.671 s; JOHN 4.16-6.77 = 2.61 s.
    expect(f.speakers.map((s) => [s.name, s.role, s.seconds])).toEqual([
      ['ALICE', 'manager', 7.671],
      ['JOHN', 'rep', 2.61],
    ]);
    expect(f.manager.talkShare).toBe(Math.round((7.671 / 10.281) * 1e4) / 1e4);
    expect(f.unattributed).toEqual({ cues: 1, seconds: 4.78, words: 10 });
  });
});

const cue = (speaker: string | null, start: number | null, end: number | null, text: string, line = 1): Cue => ({ speaker, start, end, text, line });

describe('figures on small conversations', () => {
  it('advice before any inquiry is flagged, with where it was', () => {
    const f = computeFigures(
      [
        cue('Maria', 0, 10, 'Morning.'),
        cue('Sam', 10, 20, 'Acme went dark.'),
        cue('Maria', 20, 30, "I'd go over their head. What have you tried?"),
      ],
      'webvtt',
      { manager: 'Maria', file: 'x' },
    );
    expect(f.manager.adviceBeforeInquiry).toBe(true);
    expect(f.manager.firstAdvice).toEqual({ text: "I'd go over their head.", at: 20 });
    expect(f.warnings.map((w) => w.figure)).toContain('adviceBeforeInquiry');
  });

  it('no advice at all is not advice before inquiry', () => {
    const f = computeFigures([cue('Maria', 0, 1, 'Hello.'), cue('Sam', 1, 2, 'Hi.')], 'webvtt', { manager: 'Maria', file: 'x' });
    expect(f.manager.adviceBeforeInquiry).toBe(false);
    expect(f.manager.reflectionToQuestion).toBeNull();
  });

  it('a monologue over 2 minutes and a talk share over 60% are warned', () => {
    const f = computeFigures(
      [cue('Maria', 0, 100, 'One.'), cue(null, 100, 101, 'cough'), cue('Maria', 101, 131, 'Two.'), cue('Maria', 131, 200, 'Three.'), cue('Sam', 200, 260, 'Ok.')],
      'webvtt',
      { manager: 'Maria', file: 'x' },
    );
    // The unattributed cue breaks the turn: 0-100, then 101-200 = 99 s … under 2 minutes.
    expect(f.manager.longestMonologueSeconds).toBe(100);
    // Shares leave the unattributed second out: 199 of 259.
    expect(f.manager.talkShare).toBe(Math.round((199 / 259) * 1e4) / 1e4);
    expect(f.unattributed).toEqual({ cues: 1, seconds: 1, words: 1 });
    expect(f.warnings.map((w) => w.figure)).toEqual(['talkShare']);
    const g = computeFigures([cue('Maria', 0, 60, 'One.'), cue('Maria', 60, 121, 'Two.'), cue('Sam', 121, 400, 'Ok.')], 'webvtt', { manager: 'Maria', file: 'x' });
    expect(g.manager.longestMonologueSeconds).toBe(121);
    expect(g.warnings.map((w) => w.figure)).toEqual(['longestMonologueSeconds']);
  });

  it('a sentence split over two cues is one sentence, at the first cue', () => {
    const f = computeFigures(
      [cue('Maria', 5, 6, 'So what have you'), cue('Maria', 6, 7, 'already tried? Leave it'), cue('Maria', 7, 8, 'with me.'), cue('Sam', 8, 9, 'Ok.')],
      'webvtt',
      { manager: 'Maria', file: 'x' },
    );
    expect(f.manager.questions).toBe(1);
    expect(f.manager.openQuestions).toBe(1);
    expect(f.manager.firstInquiry).toEqual({ text: 'So what have you already tried?', at: 5 });
    expect(f.manager.rescue).toEqual([{ text: 'Leave it with me.', at: 6 }]);
  });

  it('three speakers and no --rep: the one who spoke most after the manager is the rep, and it says so', () => {
    const f = computeFigures(
      [cue('Maria Lopez', 0, 10, 'Hi.'), cue('Priya', 10, 15, 'Hello.'), cue('Sam', 15, 40, 'Hey.'), cue('Priya', 40, 41, 'Bye.')],
      'webvtt',
      { manager: 'maria', file: 'x' },
    );
    expect(f.speakers.map((s) => [s.name, s.role])).toEqual([
      ['Maria Lopez', 'manager'],
      ['Priya', 'other'],
      ['Sam', 'rep'],
    ]);
    expect(f.notes).toEqual(['Took Maria Lopez for the manager and Sam for the rep (who spoke most after the manager); Priya counted as other. Pass --rep to choose.']);
    const g = computeFigures(
      [cue('Maria Lopez', 0, 10, 'Hi.'), cue('Priya', 10, 15, 'Hello.'), cue('Sam', 15, 40, 'Hey.')],
      'webvtt',
      { manager: 'maria', rep: 'priya', file: 'x' },
    );
    expect(g.speakers.map((s) => s.role)).toEqual(['manager', 'rep', 'other']);
    expect(g.notes).toEqual([]);
  });

  it.each([
    [undefined, /Who is the manager in x\? Speakers: Ana, Ben\./],
    ['Zed', /No speaker in x matches the manager "Zed"\. Speakers: Ana, Ben\./],
  ])('manager %s: a clear error listing the speakers', (manager, message) => {
    expect(() => computeFigures([cue('Ana', 0, 1, 'a'), cue('Ben', 1, 2, 'b')], 'webvtt', { manager, file: 'x' })).toThrowError(message);
  });

  it('a rep that matches no one is a clear error', () => {
    expect(() => computeFigures([cue('Ana', 0, 1, 'a'), cue('Ben', 1, 2, 'b')], 'webvtt', { manager: 'Ana', rep: 'Cy', file: 'x' })).toThrowError(/matches the rep "Cy"/);
  });
});

describe('lenient name matching', () => {
  it.each([
    ['Maria', 'Maria Lopez', true],
    ['maria lopez', 'Maria Lopez', true],
    ['Maria Lopez', 'Lopez, Maria', true],
    ['Maria', 'María López (Host)', true],
    ['Maria Lopez', 'maria.lopez@acme.com', true],
    ['M. Lopez', 'Maria Lopez', true],
    ['Maria', 'Mariana Lopez', false],
    ['Maria Lopez', 'Maria Chen', false],
    ['M', 'Maria Lopez', false],
    ['', 'Maria', false],
  ])('%j ~ %j: %s', (q, name, want) => {
    expect(nameMatches(q, name)).toBe(want);
  });
});

describe('sentence rules', () => {
  it.each([
    ['What have you tried?', true, true],
    ['So, how will you ask?', true, true],
    ['And what else?', true, true],
    ['And so, who owns it?', true, true],
    ['Tell me more about it?', true, true],
    ['Walk me through the timeline?', true, true],
    ['Describe the call?', true, true],
    ['Which of them matters most?', true, true],
    ['Did you call them?', true, false],
    ['Why did that happen?', true, false],
    ['Is it "done"?', true, false],
    ['What a week.', false, false],
    ['Whatever works?', true, false],
    // Fillers before the question, and a polite frame around an open request.
    ['Okay, so what happened next?', true, true],
    ['Right, where were we?', true, true],
    ['Could you walk me through it?', true, true],
    ['Can you tell me what changed?', true, true],
    ['Could you call them?', true, false],
    ['Okay?', true, false],
    ['Good, did it work?', true, false],
  ])('%j: question %s, open %s', (s, q, open) => {
    expect(isQuestion(s)).toBe(q);
    expect(isOpenQuestion(s)).toBe(open);
  });

  it.each([
    ['You should call the CFO.', true],
    ["I'd send them the case study.", true],
    ['Have you thought of a discount?', true],
    ['Have you tried the SE?', true],
    ["Why don't you ask legal?", true],
    ['If I were you, I would wait.', true],
    ["I'd love to hear what you've tried.", false],
    ['What have you already tried?', false],
    ['What do you think you should do?', false],
    ['Thanks for coming.', false],
    ['My suggestion is a pilot.', true],
    ['You might try the CFO.', true],
    ["Here's what you do: call them.", true],
    ['Have you tried anything yet?', false],
  ])('advice: %j is %s', (s, want) => {
    expect(isAdvice(s)).toBe(want);
  });

  it.each([
    ['What have you already tried?', true],
    ['So what have you done so far?', true],
    ['What are you thinking of doing next?', true],
    ['How have you approached it?', true],
    ["Tell me what you've tried.", true],
    ['Walk me through your plan.', true],
    ['How was your weekend?', false],
    ['Have you tried the SE?', false],
    ['What time is it?', false],
    ['Have you tried anything yet?', true],
    ['Did you already try?', true],
    ['What did you already try?', true],
    ["What's your plan?", true],
    ['What are your options?', true],
    ['Did you try calling them?', false],
  ])('inquiry: %j is %s', (s, want) => {
    expect(isInquiry(s)).toBe(want);
  });

  it.each([
    ["So what you're saying is the budget moved.", true],
    ['It sounds like you are stuck.', true],
    ['Sounds like a lot.', true],
    ["What I'm hearing is that legal is the blocker.", true],
    ["Okay, so you're saying the champion left?", true],
    ['You sound frustrated.', true],
    ['It seems that legal is stuck.', true],
    ['That sounds hard.', false],
    ['What did they say?', false],
  ])('reflection: %j is %s', (s, want) => {
    expect(isReflection(s)).toBe(want);
  });

  it('splits sentences at . ? ! … followed by space, keeping decimals and closing quotes', () => {
    expect(splitSentences('It was 2.5 million. Was it? "Yes!" she said… ok').map((s) => s.text)).toEqual(['It was 2.5 million.', 'Was it?', '"Yes!"', 'she said…', 'ok']);
    expect(splitSentences('  One.  Two?').map((s) => s.offset)).toEqual([2, 8]);
  });
});

describe('shown as whole percents, adding up to 100', () => {
  it.each([
    [[0.375, 0.625], [38, 62]],
    [[0.875, 0.125], [88, 12]],
    [[1 / 3, 1 / 3, 1 / 3], [34, 33, 33]],
    [[0.316, 0.632, 0.052], [32, 63, 5]],
    [[1], [100]],
    [[0.5, 0.5], [50, 50]],
  ])('%j → %j', (shares, want) => {
    expect(wholePercents(shares)).toEqual(want);
    expect(want.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('the name a line says', () => {
  it.each([
    ['Sam Carter', ['Maria Lopez', 'Sam Carter'], 'Sam'],
    ['Carter, Sam', ['Maria Lopez', 'Carter, Sam'], 'Sam'],
    ['Speaker 2', ['Maria Lopez', 'Speaker 2'], 'Speaker 2'],
    ['Guest', ['Maria Lopez', 'Guest'], 'Guest'],
    ['sam.lee@acme.com', ['Maria Lopez', 'sam.lee@acme.com'], 'sam.lee@acme.com'],
    // A first name two speakers share says nothing: the whole name.
    ['Sam Carter', ['Sam Lee', 'Sam Carter'], 'Sam Carter'],
    ['田中 太郎', ['Maria Lopez', '田中 太郎'], '田中 太郎'],
  ])('%j among %j → %j', (name, speakers, want) => {
    expect(shortName(name, speakers)).toBe(want);
  });
});

describe('the terminal report', () => {
  const plain = { bold: (s: string) => s, dim: (s: string) => s, good: (s: string) => s, warn: (s: string) => s, safe: (s: string) => s };

  it('lines up names of double-width characters, and says "1 word", "1 cue"', async () => {
    const text = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nMaria Lopez: What have you tried?\n\n00:00:03.000 --> 00:00:05.000\n田中 太郎: 電話\n\n00:00:05.000 --> 00:00:06.000\nsomething said: Yes';
    const t = await parseTranscript(text, 'x.vtt');
    const lines = renderFigures(computeFigures(t.cues, t.format, { manager: 'Maria', file: 'x.vtt' }), { file: 'x.vtt' }, plain);
    const rows = lines.filter((l) => / (manager|rep) /.test(l));
    expect(rows).toHaveLength(2);
    // The role column starts at the same terminal column on both rows.
    const roleAt = (l: string) => textWidth(l.slice(0, l.search(/ (manager|rep) /)));
    expect(roleAt(rows[0] ?? '')).toBe(roleAt(rows[1] ?? ''));
    expect(lines.join('\n')).toContain('1 word');
    expect(lines.join('\n')).not.toMatch(/\b1 (words|cues)\b/);
    expect(lines.join('\n')).toContain('1 cue with no speaker (3 words)');
    expect(lines.join('\n')).toContain('Advice before asking what 田中 太郎 tried');
  });
});

it("a turn lasts as long as its cues: a sound left out between two of them is not talk (the rep's stretch was once longer than their talk)", async () => {
  const text = 'WEBVTT\n\n00:02:00.000 --> 00:02:20.000\nMaria Lopez: What have you tried so far with the buyer?\n\n00:02:20.000 --> 00:02:25.000\nSam Lee: Two calls.\n\n00:02:25.000 --> 00:02:30.000\n[music]\n\n00:02:30.000 --> 00:02:40.000\nSam Lee: And an email to the CFO.';
  const t = await parseTranscript(text, 'x.vtt');
  const f = computeFigures(t.cues, t.format, { manager: 'Maria', file: 'x.vtt' });
  expect(f.speakers.find((s) => s.role === 'rep')?.seconds).toBe(15);
  expect(f.rep?.longestStretchSeconds).toBe(15);
  expect(f.manager.longestMonologueSeconds).toBe(20);
});

it('the talk-share row says the percent the table shows (three even speakers: 34, 33, 33)', async () => {
  const text = 'WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nAna Ruiz: What have you tried?\n\n00:00:10.000 --> 00:00:20.000\nMaria Lopez: Tell me more?\n\n00:00:20.000 --> 00:00:30.000\nBen Cho: Calls.';
  const t = await parseTranscript(text, 'x.vtt');
  const plain = { bold: (s: string) => s, dim: (s: string) => s, good: (s: string) => s, warn: (s: string) => s, safe: (s: string) => s };
  const lines = renderFigures(computeFigures(t.cues, t.format, { manager: 'Maria', file: 'x.vtt' }), { file: 'x.vtt' }, plain);
  const tableShare = lines.map((l) => /^\s+Maria Lopez\s+manager\s+(\d+)%/.exec(l)?.[1]).find((x) => x !== undefined);
  const rowShare = /Your talk share\s+(\d+)%/.exec(lines.find((l) => l.includes('Your talk share')) ?? '')?.[1];
  expect(tableShare).toBeDefined();
  expect(rowShare).toBe(tableShare);
});
