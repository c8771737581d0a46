/**
 * WebVTT (Zoom's `Name: text` cues, Teams' `<v Name>` voice spans) and SRT.
 *
 * webvtt-parser (the W3C's own parser, CC0) reads what is hard about the
 * format: the timing line, each timestamp, the cue settings after it, and the
 * cue text with its tags, voice spans (kept, closed or not) and character
 * references. This file only splits the file into blocks, which it does
 * itself so that each cue keeps the line it begins on and so that a `-->`
 * inside cue text stays text (the spec would end the cue there and drop it).
 *
 * Lenient where real exports differ from the spec (a missing blank line, a
 * comma before the milliseconds as in SRT, two-digit or missing
 * milliseconds); strict about a timing line that cannot be read: that is an
 * error naming the line and column (issue 12).
 */
import type VttLib from 'webvtt-parser';
import type { VttNode } from 'webvtt-parser';
import { cleanText, countWords, knownSpeaker, speakerLabels, splitLines, splitSpeakerPrefix, TranscriptError, type Cue } from './model.ts';

export type WebVttLibrary = typeof VttLib;

/** The character references that real exports use; webvtt-parser's own default table lacks the `;` forms. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': ' ',
  '&quot;': '"',
  '&apos;': "'",
  '&lrm;': '',
  '&rlm;': '',
  '&rsquo;': '’',
  '&lsquo;': '‘',
  '&ldquo;': '“',
  '&rdquo;': '”',
  '&ndash;': '–',
  '&mdash;': '—',
  '&hellip;': '…',
};

/** A line that is a timing line, even where a cue's text should be: "00:01:02.000 --> …". */
const TIMING_LIKE = /^\s*\d+(?::\d+){1,2}(?:[.,]\d*)?\s*-->/;
/** A line that starts with a timestamp: a timing line that lost its arrow. */
const TIMESTAMP_START = /^\s*\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}\b/;
const SRT_NUMBER = /^\s*\d+\s*$/;
/** A Teams cue id ("9f1c3a2e-7b4d-…/17-0"), or part of one. */
const CUE_ID = /^\s*[0-9a-f]{8}-[0-9a-f-]*(?:\/[\d-]*)?\s*$/i;
const BLOCK_KEYWORD = /^(NOTE|STYLE|REGION)(\s|$)/;

interface Block {
  line: number;
  start: number;
  end: number;
  raw: string[];
}

export function parseCueFile(text: string, file: string, kind: 'webvtt' | 'srt', lib: WebVttLibrary): Cue[] {
  const lines = splitLines(text);
  const n = lines.length;
  const line = (k: number) => lines[k] ?? '';
  const blank = (k: number) => line(k).trim() === '';
  let i = 0;
  if (kind === 'webvtt') {
    // The signature line, then header lines (Kind:, Language:) up to the first blank line.
    i = 1;
    while (i < n && !blank(i) && !TIMING_LIKE.test(line(i))) i++;
  }
  const blocks: Block[] = [];
  let previousStart = 0;
  while (i < n) {
    while (i < n && blank(i)) i++;
    if (i >= n) break;
    const first = line(i);
    if (kind === 'webvtt' && BLOCK_KEYWORD.test(first)) {
      while (i < n && !blank(i)) i++;
      continue;
    }
    let timingAt: number;
    if (first.includes('-->')) timingAt = i;
    else if (i + 1 < n && line(i + 1).includes('-->')) timingAt = i + 1;
    else {
      if (TIMESTAMP_START.test(first)) throw badTiming(file, i, first, 'there is no "-->" between the start and the end time.');
      if (i + 1 < n && TIMESTAMP_START.test(line(i + 1))) throw badTiming(file, i + 1, line(i + 1), 'there is no "-->" between the start and the end time.');
      if ((SRT_NUMBER.test(first) || CUE_ID.test(first)) && isEnd(lines, i + 1)) {
        throw new TranscriptError(file, i + 1, `cue ${first.trim()} has no timing line: the file looks cut off.`, 'Export the transcript again; the end of the file is missing.');
      }
      // Text with no timing of its own: the previous cue's, broken by a blank line.
      const into = blocks[blocks.length - 1];
      while (i < n && !blank(i)) {
        if (into) into.raw.push(line(i));
        i++;
      }
      continue;
    }
    const [start, end] = readTiming(lib, line(timingAt), file, timingAt, previousStart);
    previousStart = start;
    const raw: string[] = [];
    let j = timingAt + 1;
    while (j < n && !blank(j)) {
      const l = line(j);
      // A cue that begins without the blank line before it.
      // Only a line that reads as a timing line: "10:30 --> moved to 11" in the text stays text.
      if (isTiming(lib, l)) break;
      if (SRT_NUMBER.test(l) && j + 1 < n && isTiming(lib, line(j + 1))) break;
      raw.push(l);
      j++;
    }
    if (raw.length === 0 && isEnd(lines, j)) {
      throw new TranscriptError(
        file,
        timingAt + 1,
        'the file ends after this timing line, with no text: it looks cut off.',
        'Export the transcript again; the end of the file is missing.',
      );
    }
    blocks.push({ line: timingAt + 1, start, end, raw });
    i = j;
  }
  // Counted on the text as read: without tags (<i>Ana:</i>) and SRT positioning codes ({\\an8}).
  const speakers = speakerLabels(blocks.flatMap((b) => b.raw.map((l) => bareLine(l.replace(/\{\\[^}]*\}|<[^>]*>/g, '')))));
  return blocks.flatMap((b) => cuesOf(lib, b, kind, speakers));
}

/** A line that is a whole, readable timing line. */
function isTiming(lib: WebVttLibrary, line: string): boolean {
  // After the two times, cue settings only ("align:start"), never words.
  if (!TIMING_LIKE.test(line) || !/^\s*\S+\s*-->\s*\S+(?:\s+[^\s:]+:\S+)*\s*$/.test(line)) return false;
  const cue: { startTime?: number | undefined; endTime?: number | undefined } = {};
  return new lib.WebVTTCueTimingsAndSettingsParser(normaliseTiming(line), () => {}).parse(cue, 0) === true && cue.endTime !== undefined;
}

/** Only blank lines from k to the end. */
function isEnd(lines: readonly string[], k: number): boolean {
  for (let m = k; m < lines.length; m++) if ((lines[m] ?? '').trim() !== '') return false;
  return true;
}

function badTiming(file: string, index: number, line: string, problem: string, column?: number): TranscriptError {
  const shown = line.length > 60 ? line.slice(0, 60) + '…' : line;
  return new TranscriptError(
    file,
    index + 1,
    `bad timing line "${shown.trim()}": ${problem}`,
    'A timing line reads like 00:01:02.000 --> 00:01:05.500 (WebVTT) or 00:01:02,000 --> 00:01:05,500 (SRT).',
    column,
  );
}

/** Real exports' variants made standard: "00:01:02,5" → "00:01:02.500", "00:01:02" → "00:01:02.000". */
function normaliseTiming(line: string): string {
  return line.replace(/(^|[\s>])(\d+(?::\d+){1,2})(?:[.,](\d{1,3}))?(?=\s|$|-)/g, (_m, pre: string, hms: string, frac: string | undefined) => {
    return `${pre}${hms}.${(frac ?? '').padEnd(3, '0')}`;
  });
}

function readTiming(lib: WebVttLibrary, line: string, file: string, index: number, previousStart: number): [number, number] {
  let problem: { message: string; column: number } | undefined;
  const cue: { startTime?: number | undefined; endTime?: number | undefined } = {};
  const parser = new lib.WebVTTCueTimingsAndSettingsParser(normaliseTiming(line), (message, column) => {
    // Problems with cue settings (position:, align:) are not ours to refuse.
    problem ??= { message, column };
  });
  const ok = parser.parse(cue, previousStart);
  if (!ok || cue.startTime === undefined || cue.endTime === undefined) {
    throw badTiming(file, index, line, (problem?.message ?? 'the times cannot be read.').replace(/\.$/, '') + '.', problem?.column);
  }
  if (cue.endTime < cue.startTime) throw badTiming(file, index, line, 'the end time is before the start time.');
  // To the millisecond: the library sums the parts in floating point (4.7780000000000005).
  return [Math.round(cue.startTime * 1000) / 1000, Math.round(cue.endTime * 1000) / 1000];
}

/** "<" that does not open a tag the cue text may hold ("<5% chance") is text. */
function escapeStrayAngles(raw: string): string {
  return raw.replace(/<(?!\/?(?:v|c|i|b|u|ruby|rt|lang|font|span)(?=[\s.>])|\d+:\d{2}(?::\d{2})?\.\d{3}>)/gi, '&lt;');
}

interface Segment {
  speaker: string | null;
  text: string;
}

function cuesOf(lib: WebVttLibrary, block: Block, kind: 'webvtt' | 'srt', speakers: ReadonlySet<string>): Cue[] {
  let raw = block.raw.join('\n');
  if (kind === 'srt') raw = raw.replace(/\{\\[^}]*\}/g, ''); // {\an8}: ASS positioning some SRT writers add
  const tree = new lib.WebVTTCueTextParser(escapeStrayAngles(raw), () => {}, 'metadata', ENTITIES).parse(block.start, block.end);
  const segments: Segment[] = [];
  let loose = '';
  const flushLoose = () => {
    if (loose.trim() !== '') {
      const last = segments[segments.length - 1];
      // Text after a closed </v> is still that voice's.
      if (last && last.speaker !== null) last.text += loose;
      else segments.push(...prefixSegments(loose, speakers));
    }
    loose = '';
  };
  for (const node of tree.children) {
    if (node.type === 'object' && node.name === 'v') {
      flushLoose();
      segments.push({ speaker: knownSpeaker(typeof node.value === 'string' ? node.value : null), text: flatten(node) });
    } else loose += flatten(node);
  }
  flushLoose();
  const words = segments.map((s) => Math.max(1, countWords(s.text)));
  const total = words.reduce((a, b) => a + b, 0);
  const duration = block.end - block.start;
  const out: Cue[] = [];
  let at = block.start;
  segments.forEach((s, k) => {
    const text = cleanText(s.text);
    const share = segments.length === 1 ? duration : (duration * (words[k] ?? 1)) / total;
    const end = k === segments.length - 1 ? block.end : Math.round((at + share) * 1000) / 1000;
    // "[intro music]", "(laughs)", "♪": sounds, not words anyone said.
    if (text !== '' && !/^(?:\[[^\]]*\]|\([^)]*\)|♪[^♪]*♪?)$/.test(text)) out.push({ speaker: s.speaker, start: at, end, text, line: block.line });
    at = end;
  });
  return out;
}

/** "- Maria: …" (a dialogue dash), ">> MARIA: …" (broadcast captions' change of speaker): the line without its mark. */
function bareLine(line: string): string {
  return line.replace(/^\s*(?:[-–—]|>>)\s*/, '');
}

/** Lines of text without a voice span: each "Name: …" line of a speaker starts them, other lines go on with the last. */
function prefixSegments(text: string, speakers: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  for (const line of text.split('\n')) {
    const [name, rest] = splitSpeakerPrefix(bareLine(line), speakers);
    if (name !== null) out.push({ speaker: knownSpeaker(name), text: rest });
    else {
      const last = out[out.length - 1];
      if (last) last.text += '\n' + line;
      else out.push({ speaker: null, text: line });
    }
  }
  return out;
}

function flatten(node: VttNode): string {
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : '';
  if (node.type === 'timestamp') return '';
  // Ruby annotations (<rt>) are readings, not words said.
  if (node.name === 'rt') return '';
  return (node.children ?? []).map(flatten).join('');
}
