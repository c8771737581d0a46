// Issue 12: property tests of the transcript parsers. Whatever the text, a
// parser returns cues or throws our TranscriptError, never anything else; and
// cues written in each format read back as they were.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTranscript, TranscriptError } from '../src/listen/index.ts';

async function readsOrRefuses(text: string): Promise<void> {
  try {
    await parseTranscript(text, 'p.txt');
  } catch (e) {
    if (!(e instanceof TranscriptError)) throw e;
  }
}

const FIXTURES = ['zoom.vtt', 'teams.vtt', 'meeting.srt', 'otter.txt', 'meet.json', 'plain.txt'].map((n) =>
  readFileSync(new URL(`./fixtures/transcripts/${n}`, import.meta.url), 'utf8').replace(/^\ufeff/, ''),
);

const PIECES = ['WEBVTT', '\n', '\r\n', ' --> ', '00:00:01.000', '00:01,500', '<v Ana>', '</v>', '&amp;', '&', '<', 'NOTE', 'STYLE', ': ', 'Ana', '1', '{', '}', '[', ']', '"', 'Transcribed by', '  0:05', '\u0000', '\ufffd'];

describe('the parsers never throw anything but TranscriptError', () => {
  it('on arbitrary text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), readsOrRefuses), { numRuns: 300 });
  });

  it('on text made of the formats’ own pieces', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')), readsOrRefuses), { numRuns: 400 });
  });

  it('on real exports cut, spliced or damaged anywhere', async () => {
    const damaged = fc
      .tuple(fc.constantFrom(...FIXTURES), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }))
      .map(([text, a, b, insert]) => {
        const i = a % (text.length + 1);
        const j = Math.min(text.length, i + (b % 40));
        return text.slice(0, i) + insert + text.slice(j);
      });
    await fc.assert(fc.asyncProperty(damaged, readsOrRefuses), { numRuns: 500 });
  });
});

/** Cues with names, texts and times that every format can carry. */
const name = fc
  .array(fc.constantFrom('Ana', 'Ben', 'María', 'Lopez', 'Cy', 'O’Neil', 'Zoë', 'Wu'), { minLength: 1, maxLength: 3 })
  .map((w) => w.join(' '));
const word = fc.constantFrom('deal', 'call', 'the', 'VP', 'Acme', 'week', '2.5', 'yes', 'ok', 'Q&A', 'café', 'why?', 'go.', 'now,');
const text = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const cues = fc
  .array(fc.record({ speaker: name, gap: fc.integer({ min: 0, max: 5000 }), length: fc.integer({ min: 1, max: 20000 }), text }), { minLength: 1, maxLength: 25 })
  .map((rows) => {
    let t = 0;
    return rows.map((r) => {
      const start = t + r.gap;
      t = start + r.length;
      return { speaker: r.speaker, start: start / 1000, end: t / 1000, text: r.text };
    });
  });

type Gen = { speaker: string; start: number; end: number; text: string };
const stamp = (s: number, sep: '.' | ',', hours = true) => {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const sec = Math.floor((ms % 60000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${hours || h > 0 ? pad(h) + ':' : ''}${pad(m)}:${pad(sec)}${sep}${pad(ms % 1000, 3)}`;
};
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const WRITERS: Record<string, (cs: Gen[]) => string> = {
  zoom: (cs) => 'WEBVTT\n\n' + cs.map((c, i) => `${i + 1}\n${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n${c.speaker}: ${c.text}\n`).join('\n'),
  teams: (cs) =>
    '\ufeffWEBVTT\r\n\r\n' +
    cs.map((c, i) => `0a1b2c3d-4e5f-6789-abcd-ef0123456789/${i}-0\r\n${stamp(c.start, '.', false)} --> ${stamp(c.end, '.', false)}\r\n<v ${c.speaker}>${escapeText(c.text)}${i % 2 ? '' : '</v>'}\r\n`).join('\r\n'),
  srt: (cs) => cs.map((c, i) => `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${c.speaker}: ${c.text}\n`).join('\n'),
  meet: (cs) =>
    JSON.stringify({
      transcriptEntries: cs.map((c) => ({ participant: { displayName: c.speaker }, text: c.text, startOffset: `${c.start}s`, endOffset: `${c.end}s` })),
    }),
};

describe('cues written in each format read back as they were', () => {
  it.each(Object.keys(WRITERS))('%s', async (format) => {
    await fc.assert(
      fc.asyncProperty(cues, async (cs) => {
        const write = WRITERS[format];
        if (!write) throw new Error(`no writer for ${format}`);
        const t = await parseTranscript(write(cs), `round.${format}`);
        expect(t.cues.map((c) => ({ speaker: c.speaker, start: c.start, end: c.end, text: c.text }))).toEqual(cs);
      }),
      { numRuns: 150 },
    );
  });

  it('plain: speakers and texts come back, without times', async () => {
    await fc.assert(
      fc.asyncProperty(cues, async (cs) => {
        const t = await parseTranscript(cs.map((c) => `${c.speaker}: ${c.text}`).join('\n'), 'round.txt');
        expect(t.cues.map((c) => [c.speaker, c.text])).toEqual(cs.map((c) => [c.speaker, c.text]));
      }),
      { numRuns: 150 },
    );
  });

  it('otter: speakers, texts and starts come back, each end the next start', async () => {
    await fc.assert(
      fc.asyncProperty(cues, async (cs) => {
        // Otter writes whole seconds, one paragraph per speaker change.
        const merged: { speaker: string; start: number; text: string }[] = [];
        for (const c of cs) {
          const last = merged[merged.length - 1];
          if (last && last.speaker === c.speaker) last.text += ' ' + c.text;
          else merged.push({ speaker: c.speaker, start: Math.floor(c.start), text: c.text });
        }
        const clock = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}` : `${Math.floor(s / 60)}`) + `:${String(s % 60).padStart(2, '0')}`;
        const written = merged.map((p) => `${p.speaker}  ${clock(p.start)}\n${p.text}\n`).join('\n') + '\n\nTranscribed by https://otter.ai\n';
        const t = await parseTranscript(written, 'round.txt');
        expect(t.format).toBe('otter');
        expect(t.cues.map((c) => [c.speaker, c.start, c.text])).toEqual(merged.map((p) => [p.speaker, p.start, p.text]));
        expect(t.cues.slice(0, -1).map((c) => c.end)).toEqual(t.cues.slice(1).map((c) => c.start));
      }),
      { numRuns: 150 },
    );
  });
});

describe('a two-hour transcript (the bench\'s)', () => {
  it.each(['zoom', 'teams', 'srt'] as const)('%s: 2,500 cues, read with figures well under a second', async (format) => {
    const { generateTranscript } = await import('../scripts/lib/generate-transcript.mjs');
    const { computeFigures } = await import('../src/listen/index.ts');
    const text = generateTranscript({ format });
    const t0 = performance.now();
    const t = await parseTranscript(text, `long.${format}`);
    const f = computeFigures(t.cues, t.format, { manager: 'Maria', file: 'long' });
    const ms = performance.now() - t0;
    expect(t.cues).toHaveLength(2500);
    expect(f.durationSeconds).toBeGreaterThan(7190);
    expect(f.speakers.map((s) => s.role).sort()).toEqual(['manager', 'rep']);
    // The bench's budget is 1 s for the whole command; a shared machine gets slack here.
    expect(ms).toBeLessThan(3000);
  });
});
