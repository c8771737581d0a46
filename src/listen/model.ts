/**
 * The common shape every transcript format is read into (issue 12), and the
 * one error a transcript can raise. Pure data: no I/O here.
 */
import { UserError } from '../util/errors.ts';

export type TranscriptFormat = 'webvtt' | 'srt' | 'otter' | 'meet-json' | 'plain';

/** One cue (a caption, an utterance, a paragraph of a speaker), whatever the format. */
export interface Cue {
  /** Who spoke, as the file writes it; null where the file names no one ("Unknown Speaker" too). */
  speaker: string | null;
  /** Seconds from the start of the recording; null where the format has no times. */
  start: number | null;
  end: number | null;
  /** What was said, tags and entities resolved, white space collapsed. */
  text: string;
  /** The line of the file where the cue begins (its timing line, its header, its entry). */
  line: number;
}

export interface Transcript {
  format: TranscriptFormat;
  cues: Cue[];
}

/**
 * A transcript that cannot be read: names the file and, where there is one,
 * the line (and column), so the manager can open it at the right place.
 */
export class TranscriptError extends UserError {
  override name = 'TranscriptError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
    hint?: string,
    readonly column?: number,
  ) {
    super(`${file}${line === null ? '' : `:${line}${column ? `:${column}` : ''}`}: ${problem}`, hint);
  }
}

/** Lines of a text, whatever its line endings. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Cue text as figures read it: no-break spaces and runs of white space made one space. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u200e\u200f\ufeff]+/g, ' ').trim();
}

export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

/** "Unknown Speaker" (Otter), "Unknown" (Teams): no one in particular, so no speaker. */
export function knownSpeaker(name: string | null | undefined): string | null {
  if (name == null) return null;
  const n = cleanText(name);
  if (n === '' || /^(unknown( speaker)?|unidentified( speaker)?|speaker \?)$/i.test(n)) return null;
  return n;
}

/** Words that end a "Label:" rather than name a speaker ("Note: the deal…", "Re: Acme"). */
const LABELS = new Set([
  'note', 'notes', 'ps', 'p.s', 'p.s.', 're', 'fyi', 'question', 'answer', 'update', 'todo', 'action', 'actions',
  'summary', 'agenda', 'important', 'example', 'e.g', 'i.e', 'tip', 'warning', 'next steps', 'subject', 'http', 'https',
]);

/**
 * "Maria Lopez: Hi Sam" → ["Maria Lopez", "Hi Sam"]: the speaker prefix Zoom
 * writes into cue text, and plain transcripts use. A prefix counts as a name
 * when it is short (six words at most), holds a letter, and reads like a name
 * rather than the start of a sentence ("So here's the thing: …").
 */
export function splitSpeakerPrefix(text: string): [string | null, string] {
  const m = /^\s*([^:\n]{1,60}?)\s*:\s+([\s\S]*)$/.exec(text) ?? /^\s*([^:\n]{1,60}?)\s*:\s*$/.exec(text);
  if (!m) return [null, text];
  const name = (m[1] ?? '').replace(/^\*\*|\*\*$/g, '').trim();
  const rest = m[2] ?? '';
  if (!isNameLike(name)) return [null, text];
  return [name, rest];
}

export function isNameLike(name: string): boolean {
  if (name === '' || name.length > 60) return false;
  if (!/\p{L}/u.test(name)) return false;
  if (/[?!;"“”…]|,\s.*,|https?$/.test(name)) return false;
  // A full stop ends a sentence, not a name, unless it ends a title or an initial ("Dr. Ana", "J. R. Wu").
  for (const m of name.matchAll(/(\S+)\.(?=\s)/g)) if (!/^(?:\p{Lu}|Dr|Mr|Mrs|Ms|Mx|Prof|St|Jr|Sr)$/u.test(m[1] ?? '')) return false;
  if (LABELS.has(name.toLowerCase())) return false;
  const words = name.split(/\s+/);
  if (words.length > 6) return false;
  // A sentence start: "So here's the thing", "And then I said".
  if (words.length >= 3 && /^(so|and|but|then|i|we|you|it|this|that|the|here|there|what|how|if|when)$/i.test(words[0] ?? '')) return false;
  return true;
}
