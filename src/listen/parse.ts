/**
 * A transcript's format, told from its content (an exported file is often
 * renamed, and Teams and Zoom both write .vtt), and the one entry point that
 * reads any of them into cues. webvtt-parser is imported here, on demand, for
 * WebVTT and SRT only: nothing else in repcoach loads it (start-up budgets).
 */
import { checkText } from './decode.ts';
import type { WebVttLibrary } from './cues.ts';
import { cleanText, splitLines, TranscriptError, type Cue, type Transcript, type TranscriptFormat } from './model.ts';
import { isOtterHeader, parseOtter } from './otter.ts';
import { countPrefixedLines, parsePlain } from './plain.ts';
import { parseMeetJson } from './meet.ts';
import { nameKey } from './speakers.ts';

const TIMING_LINE = /^\s*\d+(?::\d+){1,2}(?:[.,]\d*)?\s*-->/m;

const FORMATS_READ =
  'WebVTT (Zoom, Teams), SRT, Otter.ai text, Google Meet transcript entries as JSON, or "Name: text" lines';

export function detectFormat(text: string): TranscriptFormat | null {
  const body = text.replace(/^\ufeff/, '').trimStart();
  if (/^WEBVTT(\s|$)/.test(body)) return 'webvtt';
  if (body.startsWith('{') || body.startsWith('[')) return 'meet-json';
  if (TIMING_LINE.test(body)) return 'srt';
  const lines = splitLines(body);
  if (lines.some((l) => /^\s*Transcribed by\s+https?:\/\/otter\.ai/i.test(l))) return 'otter';
  let headers = 0;
  for (let k = 0; k < lines.length; k++) if (isOtterHeader(lines, k)) headers++;
  const prefixed = countPrefixedLines(body);
  if (headers > 0 && headers >= prefixed) return 'otter';
  if (prefixed > 0) return 'plain';
  return null;
}

let library: Promise<WebVttLibrary> | undefined;
async function webvtt(): Promise<WebVttLibrary> {
  library ??= import('webvtt-parser').then((m) => ((m as { default?: WebVttLibrary }).default ?? (m as unknown as WebVttLibrary)));
  return library;
}

/**
 * Read a transcript's text into cues. Throws TranscriptError (naming the
 * file and the line) for text that is not a transcript or a line that cannot
 * be read; never anything else.
 */
export async function parseTranscript(input: string, file: string): Promise<Transcript> {
  const text = checkText(input, file);
  const format = detectFormat(text);
  if (format === null) {
    throw new TranscriptError(file, null, `this is not a transcript repcoach can read: expected ${FORMATS_READ}.`, 'Export the transcript from the meeting app (Zoom: .vtt; Teams: .vtt; Otter: .txt; Meet: .json).');
  }
  let cues: Cue[];
  if (format === 'webvtt' || format === 'srt') {
    const { parseCueFile } = await import('./cues.ts');
    cues = parseCueFile(text, file, format, await webvtt());
  } else if (format === 'otter') cues = parseOtter(text, file);
  else if (format === 'meet-json') cues = parseMeetJson(text, file);
  else cues = parsePlain(text);
  cues = oneFormPerName(cues.filter((c) => cleanText(c.text) !== ''));
  if (cues.length === 0) {
    throw new TranscriptError(file, null, `this ${formatName(format)} file holds no words anyone said.`, 'Export the transcript again from the meeting app.');
  }
  return { format, cues };
}

/**
 * A speaker written two ways ("MARIA LOPEZ" in one caption, "Maria Lopez" in the
 * next; "José" and "Jose") is one speaker, under the form written most often.
 */
function oneFormPerName(cues: Cue[]): Cue[] {
  const forms = new Map<string, Map<string, number>>();
  for (const c of cues) {
    if (c.speaker === null) continue;
    const key = nameKey(c.speaker) || c.speaker;
    const counts = forms.get(key) ?? new Map<string, number>();
    counts.set(c.speaker, (counts.get(c.speaker) ?? 0) + 1);
    forms.set(key, counts);
  }
  const chosen = new Map<string, string>();
  for (const counts of forms.values()) {
    // The most written form; of equals, one not all in capitals (broadcast captions shout), then the first seen.
    const shouted = (form: string) => form === form.toUpperCase() && form !== form.toLowerCase();
    const better = (a: [string, number], b: [string, number]) => b[1] > a[1] || (b[1] === a[1] && shouted(a[0]) && !shouted(b[0]));
    const best = [...counts].reduce((a, b) => (better(a, b) ? b : a))[0];
    for (const form of counts.keys()) chosen.set(form, best);
  }
  return cues.map((c) => (c.speaker === null || chosen.get(c.speaker) === c.speaker ? c : { ...c, speaker: chosen.get(c.speaker) ?? c.speaker }));
}

export function formatName(format: TranscriptFormat): string {
  return { webvtt: 'WebVTT', srt: 'SRT', otter: 'Otter.ai text', 'meet-json': 'Google Meet JSON', plain: 'plain text' }[format];
}
