/**
 * The conversation mirror (issue 12): read a meeting transcript, compute the
 * manager's conversation habits. Loaded only by `repcoach listen`.
 */
export { decodeTranscript } from './decode.ts';
export { parseTranscript, detectFormat, formatName, FORMATS_READ } from './parse.ts';
export { computeFigures, clock, pct, type Figures, type ManagerFigures, type SpeakerFigures, type Moment } from './figures.ts';
export { nameMatches } from './speakers.ts';
export { TARGETS } from './targets.ts';
export { TranscriptError, type Cue, type Transcript, type TranscriptFormat } from './model.ts';
