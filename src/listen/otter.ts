/**
 * Otter.ai's text export:
 *
 *     Maria Lopez  0:04
 *     Thanks for making time. How's the week been?
 *
 *     Unknown Speaker  1:02:13
 *     …
 *
 *     Transcribed by https://otter.ai
 *
 * A header gives a speaker and the time the paragraph starts (M:SS, or H:MM:SS
 * past the hour); a paragraph ends where the next one starts. The last one has
 * no next, so it is given the time its words take at 150 words a minute.
 */
import { cleanText, countWords, isNameLike, knownSpeaker, splitLines, TranscriptError, type Cue } from './model.ts';

/** "Name  0:04", "Name 1:02:13", or a time alone (an export without speaker names). */
const HEADER = /^(?:(.*?\S)\s+)?(\d{1,2}:\d{2}(?::\d{2})?)\s*$/;
/** A header whose time cannot be read: "Maria Lopez  0:6x". */
const BAD_HEADER = /^(.*?\S)\s{2,}(\d[\d:.]*[^\s]*)\s*$/;
const FOOTER = /^\s*Transcribed by\b/i;
/** Seconds a word takes, for the last paragraph only. */
const SECONDS_PER_WORD = 60 / 150;

function seconds(time: string): number | null {
  const parts = time.split(':').map(Number);
  if (parts.some((p) => !Number.isInteger(p))) return null;
  if (parts.length === 2) {
    const [m, s] = parts as [number, number];
    return s < 60 ? m * 60 + s : null;
  }
  const [h, m, s] = parts as [number, number, number];
  return m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
}

function headerOf(line: string): { speaker: string | null; start: number } | null {
  const m = HEADER.exec(line);
  if (!m) return null;
  const name = m[1]?.trim() ?? '';
  // "Sam: see you at 3:30" is a plain line, not an Otter header.
  if (name.length > 60 || /[.?!,;:]$|:\s/.test(name) || name.split(/\s+/).length > 6) return null;
  const start = seconds(m[2] ?? '');
  if (start === null) return null;
  return { speaker: knownSpeaker(name), start };
}

/** A line that is a header: it stands after a blank line (or first), and text follows it. */
export function isOtterHeader(lines: readonly string[], k: number): boolean {
  const line = lines[k] ?? '';
  const next = lines[k + 1] ?? '';
  if (!headerOf(line)) return false;
  const before = k === 0 || (lines[k - 1] ?? '').trim() === '';
  const after = next.trim() !== '' && !headerOf(next);
  // Two spaces before the time is how Otter writes it; with one, only where it stands alone.
  return /\S\s{2,}\d/.test(line) ? before || after : before && after;
}

/**
 * Otter's export without timestamps: the speaker's name alone on a line, after
 * a blank line, before the paragraph.
 */
function nameHeader(lines: readonly string[], k: number): { speaker: string | null; start: null } | null {
  const line = (lines[k] ?? '').trim();
  const before = k === 0 || (lines[k - 1] ?? '').trim() === '';
  const after = (lines[k + 1] ?? '').trim() !== '';
  if (!before || !after || line.split(/\s+/).length > 5 || /[.?!,:;…]$/.test(line) || !isNameLike(line)) return null;
  return { speaker: knownSpeaker(line), start: null };
}

export function parseOtter(text: string, file: string): Cue[] {
  const lines = splitLines(text);
  const timed = lines.some((_, k) => isOtterHeader(lines, k));
  const out: { speaker: string | null; start: number | null; text: string[]; line: number }[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] ?? '';
    if (FOOTER.test(line)) break;
    if (line.trim() === '') continue;
    const h = timed ? (isOtterHeader(lines, k) ? headerOf(line) : null) : nameHeader(lines, k);
    if (h) {
      const previous = out[out.length - 1];
      if (previous && h.start !== null && previous.start !== null && h.start < previous.start) {
        throw new TranscriptError(file, k + 1, `the time ${line.trim().split(/\s+/).pop()} is before the time of the paragraph above it (line ${previous.line}).`, 'Otter headers read "Name  M:SS" in order.');
      }
      out.push({ speaker: h.speaker, start: h.start, text: [], line: k + 1 });
      continue;
    }
    const bad = BAD_HEADER.exec(line);
    if (bad && /:/.test(bad[2] ?? '') && (k === 0 || (lines[k - 1] ?? '').trim() === '')) {
      throw new TranscriptError(file, k + 1, `bad time "${bad[2]}" after ${bad[1]}: a time reads M:SS or H:MM:SS.`, 'Otter headers read "Name  M:SS", e.g. "Maria Lopez  1:04".');
    }
    const into = out[out.length - 1];
    if (into) into.text.push(line);
    else out.push({ speaker: null, start: timed ? 0 : null, text: [line], line: k + 1 });
  }
  return out
    .map((p, k) => {
      const text = cleanText(p.text.join(' '));
      const next = out[k + 1];
      const end = p.start === null ? null : next ? next.start : p.start + Math.max(1, Math.round(countWords(text) * SECONDS_PER_WORD));
      return { speaker: p.speaker, start: p.start, end, text, line: p.line };
    })
    .filter((c) => c.text !== '');
}
