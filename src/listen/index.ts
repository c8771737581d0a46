/**
 * The conversation mirror (issue 12): read a meeting transcript, compute the
 * manager's conversation habits. Loaded only by `repcoach listen`.
 */
export { decodeTranscript } from './decode.ts';
export { parseTranscript, detectFormat } from './parse.ts';
export { computeFigures } from './figures.ts';
export { nameMatches } from './speakers.ts';
export { TARGETS } from './targets.ts';
export { TranscriptError, type Cue } from './model.ts';
