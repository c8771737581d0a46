// Issue 12: every transcript format read into one shape of cues, each oddity
// of real exports, and each error with the file and the line it names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTranscript, detectFormat, parseTranscript, TranscriptError, type Cue } from '../src/listen/index.ts';

const fixture = (name: string) => new URL(`./fixtures/transcripts/${name}`, import.meta.url);
const readFixture = (name: string) => decodeTranscript(readFileSync(fixture(name)), name);
const parse = (text: string, file = 't.vtt') => parseTranscript(text, file);
const brief = (cues: Cue[]) => cues.map((c) => [c.speaker, c.start, c.end, c.text]);

async function failure(text: string, file = 't.vtt'): Promise<TranscriptError> {
  try {
    await parseTranscript(text, file);
  } catch (e) {
    if (e instanceof TranscriptError) return e;
    throw new Error(`threw ${String(e)}, not a TranscriptError`);
  }
  throw new Error('did not throw');
}

const TEN = [
  ['Maria Lopez', 0, 6, 'Hi Sam, thanks for making time. What do you want to walk out of this with?'],
  ['Sam Carter', 6, 16, "The Acme deal. It's gone quiet for two weeks and I'm not sure why."],
  ['Maria Lopez', 16, 22, 'It sounds like the silence is worrying you. What have you already tried?'],
  ['Sam Carter', 22, 34, 'I emailed the champion twice & called once. Nothing back.'],
  ['Maria Lopez', 34, 40, "You should try their CFO. Leave it with me, I'll call their VP."],
  ['Maria Lopez', 40, 44, 'Actually, scratch that.'],
  ['Maria Lopez', 44, 50, 'Is the champion still there?'],
  ['Sam Carter', 50, 60, 'I think so. I could ask the SE who knows her.'],
  ['Maria Lopez', 60, 64, 'So, how will you ask?'],
  ['Sam Carter', 64, 72, "I'll message the SE today and book a call by Friday."],
];

describe('each format, as its app writes it', () => {
  it.each([
    ['zoom.vtt', 'webvtt'],
    ['teams.vtt', 'webvtt'],
    ['meeting.srt', 'srt'],
    ['meet.json', 'meet-json'],
  ])('%s reads as the ten cues of the one-to-one', async (name, format) => {
    const t = await parseTranscript(readFixture(name), name);
    expect(t.format).toBe(format);
    expect(brief(t.cues)).toEqual(TEN);
  });

  it('zoom.vtt keeps the line of each cue', async () => {
    const t = await parseTranscript(readFixture('zoom.vtt'), 'zoom.vtt');
    expect(t.cues.map((c) => c.line)).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 37, 41]);
  });

  it('otter.txt: headers give the starts, the next header the end, the last from its words', async () => {
    const t = await parseTranscript(readFixture('otter.txt'), 'otter.txt');
    expect(t.format).toBe('otter');
    expect(t.cues.map((c) => [c.speaker, c.start, c.end, c.line])).toEqual([
      ['Maria Lopez', 0, 6, 1],
      ['Sam Carter', 6, 16, 4],
      ['Maria Lopez', 16, 22, 7],
      ['Sam Carter', 22, 34, 10],
      ['Maria Lopez', 34, 50, 13],
      ['Sam Carter', 50, 60, 16],
      ['Maria Lopez', 60, 64, 19],
      // 11 words at 150 a minute: 4.4 s, rounded.
      ['Sam Carter', 64, 68, 22],
    ]);
    expect(t.cues.some((c) => /Transcribed by/.test(c.text))).toBe(false);
  });

  it('plain.txt: no times; a line without a name goes on with the speaker above', async () => {
    const t = await parseTranscript(readFixture('plain.txt'), 'plain.txt');
    expect(t.format).toBe('plain');
    expect(t.cues.map((c) => [c.speaker, c.start, c.end, c.text])).toEqual(TEN.map(([s, , , text]) => [s, null, null, text]));
  });

  it('a real public WebVTT file (subsrt 1.1.1, the W3C example): NOTE and STYLE blocks, ids, no hours', async () => {
    const t = await parseTranscript(readFixture('public/subsrt-sample.vtt'), 'sample.vtt');
    expect(t.format).toBe('webvtt');
    expect(t.cues.map((c) => [c.start, c.end])).toEqual([
      [1, 4],
      [5, 9],
      [20, 22],
      [22, 24],
      [24, 30],
    ]);
    expect(t.cues[0]?.text).toBe("— Hi, my name is Alice Miller and this is John Brown. — And we're the owners of Miller Bakery.");
    expect(t.cues.every((c) => c.speaker === null)).toBe(true);
    expect(t.cues.some((c) => /papayawhip|lip-reading/.test(c.text))).toBe(false);
  });

  it('a real public SRT file (subsrt 1.1.1): ">> NAME:" speakers, a sound cue left out', async () => {
    const t = await parseTranscript(readFixture('public/subsrt-sample.srt'), 'sample.srt');
    expect(t.format).toBe('srt');
    expect(t.cues.map((c) => [c.speaker, c.start, c.end])).toEqual([
      ['ALICE', 0.599, 4.16],
      ['JOHN', 4.16, 6.77],
      ['ALICE', 6.77, 10.88],
      [null, 16.7, 21.48],
    ]);
    expect(t.cues[2]?.text).toBe("Today we'll be teaching you how to make our famous chocolate chip cookies!");
  });
});

describe('format detection from content, not the extension', () => {
  it.each([
    ['WEBVTT\n\n00:01.000 --> 00:02.000\nA: hi\n', 'webvtt'],
    ['\ufeffWEBVTT - Teams\r\n\r\n', 'webvtt'],
    ['1\n00:00:01,000 --> 00:00:02,000\nA: hi\n', 'srt'],
    ['00:00:01.000 --> 00:00:02.000\nA: hi\n', 'srt'],
    ['[{"text":"hi"}]', 'meet-json'],
    ['  {"transcriptEntries": []}', 'meet-json'],
    ['Maria Lopez  0:00\nHello there.\n', 'otter'],
    ['Some words\n\nTranscribed by https://otter.ai\n', 'otter'],
    ['Maria: hi\nSam: hello\n', 'plain'],
    ['just some prose with no speaker at all', null],
  ])('%j is %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });
});

describe('oddities of real exports', () => {
  const cases: [string, string, unknown[][]][] = [
    ['CRLF and a BOM', '\ufeffWEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\nAna: hi there\r\n', [['Ana', 1, 2, 'hi there']]],
    ['lone CR line ends', 'WEBVTT\r\r00:00:01.000 --> 00:00:02.000\rAna: hi\r', [['Ana', 1, 2, 'hi']]],
    ['no final newline', 'WEBVTT\n\n00:01.000 --> 00:02.500\nAna: hi', [['Ana', 1, 2.5, 'hi']]],
    ['timings without hours, and over an hour', 'WEBVTT\n\n59:59.000 --> 1:00:01.000\nAna: late', [['Ana', 3599, 3601, 'late']]],
    ['cue settings after the timings', 'WEBVTT\n\n00:01.000 --> 00:02.000 align:start position:10% line:0\nAna: hi', [['Ana', 1, 2, 'hi']]],
    ['unknown cue settings are no error', 'WEBVTT\n\n00:01.000 --> 00:02.000 region:fred weird:stuff\nAna: hi', [['Ana', 1, 2, 'hi']]],
    [
      'NOTE and STYLE blocks, header lines',
      'WEBVTT\nKind: captions\nLanguage: en\n\nSTYLE\n::cue { color: red }\n\nNOTE a comment\nover two lines\n\n00:01.000 --> 00:02.000\nAna: hi',
      [['Ana', 1, 2, 'hi']],
    ],
    ['a cue id that is text', 'WEBVTT\n\nintro-1\n00:01.000 --> 00:02.000\nAna: hi', [['Ana', 1, 2, 'hi']]],
    ['entities', 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana>Q&amp;A &lt;today&gt;&nbsp;ok &quot;yes&quot;</v>', [['Ana', 1, 2, 'Q&A <today> ok "yes"']]],
    ['"-->" inside cue text stays text', 'WEBVTT\n\n00:01.000 --> 00:02.000\nAna: step one --> step two\n--> and three', [['Ana', 1, 2, 'step one --> step two --> and three']]],
    ['a time and "-->" at the start of a text line stay text', 'WEBVTT\n\n00:01.000 --> 00:02.000\nAna: we moved it\n10:30 --> 11:00 works', [['Ana', 1, 2, 'we moved it 10:30 --> 11:00 works']]],
    ['a stray "<" is text', 'WEBVTT\n\n00:01.000 --> 00:02.000\nAna: odds are <5% now', [['Ana', 1, 2, 'odds are <5% now']]],
    [
      'Teams: unclosed voice span over two lines, class on the span',
      'WEBVTT\n\nabc/1-0\n00:00:01.000 --> 00:00:03.000\n<v.loud Lopez, María>Hola\nequipo\n\nabc/2-0\n00:00:03.000 --> 00:00:04.000\n<v Sam>ok</v> then',
      [
        ['Lopez, María', 1, 3, 'Hola equipo'],
        ['Sam', 3, 4, 'ok then'],
      ],
    ],
    [
      'two voices in one cue share its time by words',
      'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Ana>one two three</v><v Ben>four</v>',
      [
        ['Ana', 0, 3, 'one two three'],
        ['Ben', 3, 4, 'four'],
      ],
    ],
    ['a cue without a speaker', 'WEBVTT\n\n00:01.000 --> 00:02.000\nsomeone mumbles', [[null, 1, 2, 'someone mumbles']]],
    ['"Unknown Speaker" is no speaker', 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Unknown Speaker>hm', [[null, 1, 2, 'hm']]],
    ['a sentence with a colon is not a speaker', 'WEBVTT\n\n00:01.000 --> 00:02.000\nSo here is the thing: it slipped', [[null, 1, 2, 'So here is the thing: it slipped']]],
    // A one-off "Label:" that does not read as a name is what someone said (a blind trial found the rep's words taken for a speaker).
    [
      'a one-off label that is not a name stays text; a name used once is a speaker',
      'WEBVTT\n\n00:01.000 --> 00:02.000\nAna Ruiz: hi\n\n00:02.000 --> 00:03.000\nBottom line: the budget is frozen\n\n00:03.000 --> 00:04.000\nBen: ok',
      [['Ana Ruiz', 1, 2, 'hi'], [null, 2, 3, 'Bottom line: the budget is frozen'], ['Ben', 3, 4, 'ok']],
    ],
    ['a label written in lower case is a speaker once it recurs', 'WEBVTT\n\n00:01.000 --> 00:02.000\nsam: hi\n\n00:02.000 --> 00:03.000\nsam: yo', [['sam', 1, 2, 'hi'], ['sam', 2, 3, 'yo']]],
    [
      'one speaker in capitals and in mixed case is one speaker, under the mixed-case form',
      'WEBVTT\n\n00:01.000 --> 00:02.000\n>> MARIA LOPEZ: one\n\n00:02.000 --> 00:03.000\n- Maria Lopez: two\n\n00:03.000 --> 00:04.000\nMaría López: three',
      [['Maria Lopez', 1, 2, 'one'], ['Maria Lopez', 2, 3, 'two'], ['Maria Lopez', 3, 4, 'three']],
    ],
    ['non-ASCII names', 'WEBVTT\n\n00:01.000 --> 00:02.000\nJosé Núñez: sí\n\n00:02.000 --> 00:03.000\n王芳: 好', [['José Núñez', 1, 2, 'sí'], ['王芳', 2, 3, '好']]],
    ['a missing blank line before the next cue', 'WEBVTT\n\n00:01.000 --> 00:02.000\nAna: hi\n00:02.000 --> 00:03.000\nBen: yo', [['Ana', 1, 2, 'hi'], ['Ben', 2, 3, 'yo']]],
    ['a comma before the milliseconds in WebVTT', 'WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nAna: hi', [['Ana', 1, 2, 'hi']]],
    ['a blank line inside a cue: the text goes on', 'WEBVTT\n\n00:01.000 --> 00:02.000\nAna: one\n\ntwo', [['Ana', 1, 2, 'one two']]],
    ['SRT with dots, no numbers, tags, a positioning code', '00:00:01.000 --> 00:00:02.000\n{\\an8}<i>Ana:</i> <font color="#fff">hi</font>', [['Ana', 1, 2, 'hi']]],
    ['SRT: dialogue dashes, two speakers in one cue', '1\n00:00:01,000 --> 00:00:03,000\n- Ana: one two\n- Ben: three four', [['Ana', 1, 2, 'one two'], ['Ben', 2, 3, 'three four']]],
    ['SRT: no blank line between cues', '1\n00:00:01,000 --> 00:00:02,000\nAna: hi\n2\n00:00:02,000 --> 00:00:03,000\nBen: yo', [['Ana', 1, 2, 'hi'], ['Ben', 2, 3, 'yo']]],
  ];
  it.each(cases)('%s', async (_what, text, want) => {
    expect(brief((await parse(text)).cues)).toEqual(want);
  });

  it('Otter: H:MM:SS, Unknown Speaker, one space before the time, a paragraph over lines', async () => {
    const text = 'Maria Lopez  59:58\nStill there?\n\nUnknown Speaker  1:00:02\nyes\n\nSam 1:00:05\nI am, and\nI am listening.\n\nTranscribed by https://otter.ai';
    expect(brief((await parse(text, 'o.txt')).cues)).toEqual([
      ['Maria Lopez', 3598, 3602, 'Still there?'],
      [null, 3602, 3605, 'yes'],
      ['Sam', 3605, 3607, 'I am, and I am listening.'],
    ]);
  });

  it('Meet JSON: a bare array, participant objects, "12.5s" offsets', async () => {
    const text = JSON.stringify([
      { participant: { displayName: 'Ana' }, text: 'hi', startOffset: '1.5s', endOffset: '2s' },
      { speaker: 'Ben', text: 'yo', startTime: 2, endTime: 3.25 },
    ]);
    expect(brief((await parse(text, 'm.json')).cues)).toEqual([
      ['Ana', 1.5, 2, 'hi'],
      ['Ben', 2, 3.25, 'yo'],
    ]);
  });

  it('Meet JSON: an unresolved participant resource keeps its id', async () => {
    const text = JSON.stringify({ transcriptEntries: [{ participant: 'conferenceRecords/a/participants/x9', text: 'hi', startTime: '2024-01-01T10:00:00Z', endTime: '2024-01-01T10:00:04Z' }] });
    expect(brief((await parse(text, 'm.json')).cues)).toEqual([['participant x9', 0, 4, 'hi']]);
  });

  it('UTF-16 with its byte-order mark is read', async () => {
    const body = Buffer.from('WEBVTT\n\n00:01.000 --> 00:02.000\nZoë: hi\n', 'utf16le');
    const text = decodeTranscript(Buffer.concat([Buffer.from([0xff, 0xfe]), body]), 'u.vtt');
    expect(brief((await parse(text)).cues)).toEqual([['Zoë', 1, 2, 'hi']]);
  });
});

describe('errors name the file and the line', () => {
  const cases: [string, string, string, number | null, RegExp][] = [
    ['a bad timing line', 'zoom.vtt', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n2\n00:00:0x.000 --> 00:00:05.000\nA: ho', 8, /bad timing line "00:00:0x\.000 --> 00:00:05\.000"/],
    ['an end before the start', 'e.vtt', 'WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nA: hi', 3, /end time is before the start/],
    ['a timing line with no end', 'e.vtt', 'WEBVTT\n\n00:00:05.000 -->\nA: hi', 3, /bad timing line/],
    ['a timing line that lost its arrow', 'e.vtt', 'WEBVTT\n\n1\n00:00:05.000 00:00:07.000\nA: hi', 4, /no "-->"/],
    ['minutes over 59', 'e.srt', '1\n00:61:00,000 --> 00:62:00,000\nA: hi', 2, /bad timing line/],
    ['an SRT file cut off after a cue number', 'cut.srt', '1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n2\n', 5, /cut off/],
    ['a Teams file cut off after a cue id', 'cut.vtt', 'WEBVTT\n\n9f1c3a2e-7b4d-4e8a-b1c2-3d4e5f6a7b8c/17-0\n00:01.000 --> 00:02.000\n<v A>hi</v>\n\n9f1c3a2e-7b4d-4e8a', 7, /cue 9f1c3a2e-7b4d-4e8a has no timing line: the file looks cut off/],
    ['a file cut off after a timing line', 'cut.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nA: hi\n\n00:02.000 --> 00:03.000\n', 6, /cut off/],
    ['a file cut off inside a timing line', 'cut.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nA: hi\n\n00:02.000 --> 00:0', 6, /bad timing line/],
    ['JSON cut off', 'cut.json', '{"transcriptEntries": [\n  {"text": "hi",\n', 3, /cannot be read.*cut off/],
    ['JSON without entries', 'x.json', '{"hello": 1}', 1, /no transcript entries/],
    ['a bad time in Meet JSON', 'x.json', '[\n{"text": "hi", "startTime": "soon"}\n]', 2, /bad time "soon"/],
    ['a Meet entry that ends before it starts', 'x.json', '[\n{"participant": "Ana", "text": "hi", "startTime": "1s", "endTime": "2s"},\n{"participant": "Ben", "text": "yo", "startTime": "5s", "endTime": "1s"}\n]', 3, /entry 2 ends before it starts/],
    ['Otter: a bad time in a header', 'o.txt', 'Maria Lopez  0:00\nhi\n\nSam Carter  0:6x\nyo', 4, /bad time "0:6x"/],
    ['Otter: a time going back', 'o.txt', 'Maria Lopez  1:00\nhi\n\nSam Carter  0:30\nyo', 4, /before the time of the paragraph above/],
    ['empty', 'empty.vtt', '', null, /is empty/],
    ['blank', 'blank.vtt', ' \n\n \n', null, /is empty/],
    ['not a transcript', 'essay.txt', 'Just a paragraph of prose.\nAnother one.', null, /not a transcript repcoach can read/],
    ['a WebVTT file with no words', 'nowords.vtt', 'WEBVTT\n\nNOTE nothing\n', null, /holds no words/],
  ];
  it.each(cases)('%s', async (_what, file, text, line, message) => {
    const e = await failure(text, file);
    expect(e.file).toBe(file);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(line === null ? `${file}: ` : `${file}:${line}`)).toBe(true);
    expect(e.exitCode).toBe(1);
  });

  it('binary data is refused, naming the file', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => decodeTranscript(png, 'call.mp4')).toThrowError(/call\.mp4:3: this is not a text file/);
    expect(() => decodeTranscript(Buffer.alloc(0), 'none.vtt')).toThrowError(/none\.vtt: the file is empty/);
  });
});

describe('speaker prefixes', () => {
  it.each([
    ['Dr. Ana Ruiz: hello', 'Dr. Ana Ruiz'],
    ['J. R. Wu: hello', 'J. R. Wu'],
    ['Maria Lopez (she/her): hello', 'Maria Lopez (she/her)'],
    ['Lopez, Maria: hello', 'Lopez, Maria'],
    ['Speaker 1: hello', 'Speaker 1'],
    ['I said no. Then: hello', null],
    ['So here is the thing: hello', null],
    ['Note: hello', null],
    ['10: hello', null],
    ['https://acme.example: hello', null],
  ])('%j → %s', async (line, speaker) => {
    const t = await parseTranscript(`WEBVTT\n\n00:01.000 --> 00:02.000\n${line}`, 'p.vtt');
    expect(t.cues[0]?.speaker ?? null).toBe(speaker);
  });
});

describe('more export variants', () => {
  it('Otter without timestamps: the name alone on a line', async () => {
    const text = 'Maria Lopez\nWhat have you tried?\n\nSam Carter\nTwo emails.\n\nTranscribed by https://otter.ai\n';
    expect(brief((await parse(text, 'o.txt')).cues)).toEqual([
      ['Maria Lopez', null, null, 'What have you tried?'],
      ['Sam Carter', null, null, 'Two emails.'],
    ]);
  });

  it('Meet JSON with start times only: each entry ends where the next starts', async () => {
    const text = JSON.stringify({ entries: [{ speaker: 'Ana', text: 'one two', timestamp: '00:00:05' }, { speaker: 'Ben', text: 'three four five', timestamp: '00:00:09' }] });
    expect(brief((await parse(text, 'm.json')).cues)).toEqual([
      ['Ana', 5, 9, 'one two'],
      ['Ben', 9, 10, 'three four five'],
    ]);
  });

  it('Meet JSON with Unix times in milliseconds', async () => {
    const text = JSON.stringify([{ speaker: 'Ana', text: 'hi', startTime: 1714662000000, endTime: 1714662002500 }, { speaker: 'Ben', text: 'yo', startTime: 1714662002500, endTime: 1714662004000 }]);
    expect(brief((await parse(text, 'm.json')).cues)).toEqual([
      ['Ana', 0, 2.5, 'hi'],
      ['Ben', 2.5, 4, 'yo'],
    ]);
  });
});

it('plain text as a Meet transcript document reads: lone timestamps are not words', async () => {
  const text = 'Weekly 1:1 - Transcript\n00:00:00\n\nMaria Lopez: Hi Sam.\nSam Carter: Hi.\n00:05:00\n\nMaria Lopez: What have you tried?\n';
  expect(brief((await parse(text, 'meet.txt')).cues)).toEqual([
    [null, null, null, 'Weekly 1:1 - Transcript'],
    ['Maria Lopez', null, null, 'Hi Sam.'],
    ['Sam Carter', null, null, 'Hi.'],
    ['Maria Lopez', null, null, 'What have you tried?'],
  ]);
});

it('a "Name: text" line ending in a time is plain text, not an Otter header', async () => {
  const t = await parse('Maria: See you at 3:30\n', 'p.txt');
  expect(t.format).toBe('plain');
  expect(brief(t.cues)).toEqual([['Maria', null, null, 'See you at 3:30']]);
});

it('plain text: a one-off "Label:" in what the rep says goes on with the rep, not a speaker of its own', async () => {
  const text = 'Maria Lopez: What have you already tried?\nSam Lee: Two things.\nFirst thing: I called Dana at Acme.\nSecond, the budget: frozen until March.\nMaria Lopez: How will you handle March?\n';
  expect(brief((await parse(text, 'p.txt')).cues)).toEqual([
    ['Maria Lopez', null, null, 'What have you already tried?'],
    ['Sam Lee', null, null, 'Two things. First thing: I called Dana at Acme. Second, the budget: frozen until March.'],
    ['Maria Lopez', null, null, 'How will you handle March?'],
  ]);
});

it('plain text: names of one word, with particles, initials, numbers, e-mail addresses or no capitals are speakers when used once', async () => {
  const text = 'João da Silva: one\nJ. R. Wu: two\nSpeaker 2: three\nana.ruiz@acme.com: four\n田中 太郎: five\nSam: six\n';
  expect(brief((await parse(text, 'p.txt')).cues).map((c) => c[0])).toEqual(['João da Silva', 'J. R. Wu', 'Speaker 2', 'ana.ruiz@acme.com', '田中 太郎', 'Sam']);
});

it("plain text: a speaker's name written once in lower case, or by first name, is that speaker, not words for the one above", async () => {
  const text = 'Sam Lee: I called.\nMaria Lopez: And then?\nsam lee: I will take care of it myself.\nMaria Lopez: Okay.\nsam: Fine.\nSam Lee: Done.\n';
  const speakers = brief((await parse(text, 'p.txt')).cues).map((c) => c[0]);
  expect(speakers).toEqual(['Sam Lee', 'Maria Lopez', 'Sam Lee', 'Maria Lopez', 'sam', 'Sam Lee']);
});

it.each(['Honestly', 'Yes', 'Q3 Forecast', 'Step 1', 'Option 2', 'Bottom Line'])('plain text: "%s:" said once is not a speaker', async (label) => {
  const text = `Maria Lopez: What happened?\nSam Lee: Two things.\n${label}: the CFO is the blocker.\nMaria Lopez: Go on.\n`;
  expect(brief((await parse(text, 'p.txt')).cues).map((c) => c[0])).toEqual(['Maria Lopez', 'Sam Lee', 'Maria Lopez']);
});
