// A long one-to-one transcript for `npm run bench` and the speed test of
// `repcoach listen` (issue 12): by default two hours, about 2,500 cues, as
// Zoom writes WebVTT ("Name: text" cues), or as Teams (<v Name> spans) or SRT.
// Deterministic for a seed; plain JavaScript so bench.mjs imports it as is.
//
//   import { generateTranscript } from './lib/generate-transcript.mjs';
//   generateTranscript({ cues: 2500, seconds: 7200, format: 'zoom', seed: 1 })

const MANAGER = [
  'What have you already tried?',
  'So, what would you do if I were not here?',
  'It sounds like the champion has gone quiet.',
  'How will you handle this next time?',
  'You should loop in their CFO.',
  'Leave it with me, I will call their VP.',
  'Tell me more about the last call.',
  'Is the budget still there?',
  'What I am hearing is that legal is the blocker.',
  'Walk me through the timeline.',
  'I would send them the case study.',
  'And who else is involved?',
  'Okay.',
  'That makes sense, go on.',
];
const REP = [
  'I emailed the champion twice and called once.',
  'Nothing back since the demo, which worries me.',
  'I think procurement is slowing it down & nobody told me.',
  'I could ask the SE who knows her from a previous deal.',
  'I will book a call with them by Friday.',
  'Honestly I am not sure what the next step is.',
  'The pricing came up again on the last call.',
  'They said the quarter is tight but the need is real.',
];

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function stamp(seconds, sep) {
  const ms = Math.round(seconds * 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor((ms % 3600000) / 60000))}:${pad(Math.floor((ms % 60000) / 1000))}${sep}${pad(ms % 1000, 3)}`;
}

/**
 * @param {{ cues?: number, seconds?: number, format?: 'zoom' | 'teams' | 'srt', seed?: number,
 *           manager?: string, rep?: string }} [options]
 * @returns {string}
 */
export function generateTranscript(options = {}) {
  const { cues = 2500, seconds = 7200, format = 'zoom', seed = 1, manager = 'Maria Lopez', rep = 'Sam Carter' } = options;
  const random = rng(seed);
  const step = seconds / cues;
  const out = [format === 'srt' ? '' : 'WEBVTT\n'];
  let speaker = manager;
  for (let i = 0; i < cues; i++) {
    // Turns of one to four cues, the rep speaking a little more.
    if (random() < 0.4) speaker = speaker === manager ? rep : manager;
    const pool = speaker === manager ? MANAGER : REP;
    const text = pool[Math.floor(random() * pool.length)];
    const start = i * step;
    const end = start + step * (0.8 + random() * 0.2);
    if (format === 'teams') {
      out.push(`8d2f1e7a-5c3b-4a19-9e60-1f2a3b4c5d6e/${i}-0\n${stamp(start, '.')} --> ${stamp(end, '.')}\n<v ${speaker}>${text.replace(/&/g, '&amp;')}</v>\n`);
    } else {
      out.push(`${i + 1}\n${stamp(start, format === 'srt' ? ',' : '.')} --> ${stamp(end, format === 'srt' ? ',' : '.')}\n${speaker}: ${text}\n`);
    }
  }
  return out.join('\n').replace(/^\n/, '');
}
