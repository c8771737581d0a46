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
export function splitSpeakerPrefix(text: string, speakers?: ReadonlySet<string>): [string | null, string] {
  const m = /^\s*([^:\n]{1,60}?)\s*:\s+([\s\S]*)$/.exec(text) ?? /^\s*([^:\n]{1,60}?)\s*:\s*$/.exec(text);
  if (!m) return [null, text];
  const name = (m[1] ?? '').replace(/^\*\*|\*\*$/g, '').trim();
  const rest = m[2] ?? '';
  if (!isNameLike(name) || (speakers && !speakers.has(name))) return [null, text];
  return [name, rest];
}

/** Words and phrases said before a colon that read like a capitalised name but are not one. */
const NOT_NAMES = new Set([
  'yes', 'no', 'ok', 'okay', 'well', 'so', 'right', 'sure', 'also', 'anyway', 'look', 'me', 'i', 'honestly', 'basically',
  'problem', 'risk', 'pricing', 'legal', 'correction', 'bottom line', 'action item', 'key point', 'big picture', 'good news',
  'bad news', 'my take', 'short answer', 'long story short', 'to be honest', 'deal status', 'plan b', 'the cfo', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'today', 'tomorrow', 'yesterday', 'first', 'second', 'third', 'finally', 'result',
]);

/** Small words of names written in lower case: "João da Silva", "Ludwig van Beethoven". */
const NAME_PARTICLES = new Set(['da', 'de', 'del', 'della', 'der', 'den', 'di', 'do', 'dos', 'das', 'du', 'van', 'von', 'la', 'le', 'bin', 'binti', 'al', 'el', 'y', 'e', 'ten', 'ter', 'zu']);

/**
 * Whether a "Label:" reads as a person's name on its own: every word capitalised
 * (or a name particle, an initial, a number as in "Speaker 2", a word of a script
 * without capitals), or an e-mail address (Teams labels guests so).
 */
function readsAsName(label: string): boolean {
  if (/^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(label)) return true;
  // Words said before a colon, not names: "Honestly: …", "Yes: …", "Bottom Line: …".
  if (NOT_NAMES.has(label.toLowerCase())) return false;
  // A number belongs to a numbered label ("Speaker 2"), not to "Step 1", "Q3 Forecast" or "Option 2".
  if (/\d/.test(label) && !/^(?:speaker|participant|guest|caller|user|attendee|interviewer|person)[\s_-]*\d+$/i.test(label)) return false;
  const words = label.replace(/\([^)]*\)/g, ' ').trim().split(/\s+/).filter(Boolean);
  return (
    words.length > 0 &&
    words.every((w) => {
      const word = w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      return word === '' || /^\p{Lu}/u.test(word) || /^\d+$/.test(word) || !/[\p{Ll}\p{Lu}]/u.test(word) || NAME_PARTICLES.has(word.toLowerCase());
    })
  );
}

/**
 * The "Label:" prefixes of a transcript that are its speakers: those that read as
 * a name on their own, and any other written as a prefix more than once ("sam:"
 * throughout a pasted chat). A one-off "First thing: I called Dana" or "Bottom
 * line: …" is what someone said, not a change of speaker.
 */
export function speakerLabels(lines: Iterable<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const [name] = splitSpeakerPrefix(line);
    if (name !== null) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const speakers = new Set([...counts].filter(([name, n]) => n > 1 || readsAsName(name)).map(([name]) => name));
  // "sam lee:" once beside "Sam Lee:" throughout is Sam Lee, not words for the speaker above.
  // So is "sam:" beside a Sam: someone's first name, written once.
  const keys = new Set([...speakers].flatMap((s) => [labelKey(s), labelKey(s).split(' ')[0] ?? '']));
  for (const name of counts.keys()) if (keys.has(labelKey(name))) speakers.add(name);
  return speakers;
}

function labelKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
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
