/**
 * How wide text is in a terminal, for tables and padding. Apart from term.ts
 * because string-width (and the Intl.Segmenter it builds when loaded) costs tens
 * of milliseconds at start-up: only the commands that print tables load it, never
 * a run before its first question.
 */
import stringWidth from 'string-width';

/**
 * Columns a text takes in a terminal: a CJK character or an emoji (a ZWJ family,
 * a flag, a skin tone) takes two, a combining accent none, colour codes none.
 * string-width keeps up with Unicode's width and emoji tables, which code-point
 * counting (issue 10: tables misaligned with emoji and CJK names) cannot.
 */
export function textWidth(s: string): number {
  return stringWidth(s);
}

/** `s` followed by spaces up to `width` columns. */
export function padEndTo(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - textWidth(s)));
}

/** Spaces, then `s`, up to `width` columns. */
export function padStartTo(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - textWidth(s))) + s;
}

// Made on first use: a Segmenter costs some start-up time, and most output is never cut.
let graphemes: Intl.Segmenter | undefined;

/**
 * `s` cut to at most `width` columns, ending in "…" when cut. Cut between whole
 * characters as seen on screen (grapheme clusters), so no emoji or accent is split.
 */
export function fitTo(s: string, width: number): string {
  if (textWidth(s) <= width) return s;
  let out = '';
  let used = 0;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(s)) {
    const w = textWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return width > 0 ? out + '…' : '';
}
