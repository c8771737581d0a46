/**
 * Plain "Name: text" lines, without times: a transcript pasted from anywhere.
 * A line without a name goes on with the speaker above it (a wrapped
 * paragraph); lines before any name have no speaker.
 */
import { cleanText, knownSpeaker, speakerLabels, splitLines, splitSpeakerPrefix, type Cue } from './model.ts';

export function parsePlain(text: string): Cue[] {
  const out: { speaker: string | null; text: string[]; line: number }[] = [];
  const lines = splitLines(text);
  const bare = (line: string) => line.replace(/^\s*[-–—•*]\s+/, '');
  const speakers = speakerLabels(lines.map(bare));
  lines.forEach((line, k) => {
    // Blank lines, and the lone timestamps some exports put between paragraphs (Meet's "00:05:00").
    if (line.trim() === '' || /^\s*\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\]?\s*$/.test(line)) return;
    const [name, rest] = splitSpeakerPrefix(bare(line), speakers);
    if (name !== null) out.push({ speaker: knownSpeaker(name), text: [rest], line: k + 1 });
    else {
      const last = out[out.length - 1];
      if (last) last.text.push(line);
      else out.push({ speaker: null, text: [line], line: k + 1 });
    }
  });
  return out.map((p) => ({ speaker: p.speaker, start: null, end: null, text: cleanText(p.text.join(' ')), line: p.line })).filter((c) => c.text !== '');
}

/** Lines that read "Name: text". */
export function countPrefixedLines(text: string): number {
  let n = 0;
  for (const line of splitLines(text)) if (line.trim() !== '' && splitSpeakerPrefix(line)[0] !== null) n++;
  return n;
}
