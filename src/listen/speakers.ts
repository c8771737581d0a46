/**
 * Who is who in a transcript: the manager (matched leniently by name), the
 * rep (named, or the other main speaker), anyone else "other".
 */
import { UserError } from '../util/errors.ts';
import type { Cue } from './model.ts';

export type Role = 'manager' | 'rep' | 'other';

/** Lower case, accents and punctuation gone: "María López (she/her)" → ["maria", "lopez", "she", "her"]. */
function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/@.*$/, '') // maria.lopez@acme.com → maria.lopez
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

/** One key for the forms of one name: "MARIA LOPEZ", "Maria Lopez" and "María López" are one speaker. */
export function nameKey(name: string): string {
  return nameTokens(name).join(' ');
}

const tokenMatches = (a: string, b: string) => a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));

/**
 * "Maria" matches "Maria Lopez", "Lopez, Maria", "maria.lopez@acme.com" and
 * "María López (Host)"; "M. Lopez" matches "Maria Lopez"; "Maria" does not
 * match "Mariana". Every word of the shorter name must be a word of the
 * longer (an initial stands for its word).
 */
export function nameMatches(query: string, name: string): boolean {
  const q = nameTokens(query);
  const n = nameTokens(name);
  if (q.length === 0 || n.length === 0) return false;
  const [short, long] = q.length <= n.length ? [q, n] : [n, q];
  // An initial alone ("M") matches too much.
  if (short.every((t) => t.length === 1)) return false;
  return short.every((t) => long.some((u) => tokenMatches(t, u)));
}

export interface SpeakerTotal {
  name: string;
  seconds: number | null;
  words: number;
}

export interface Roles {
  manager: string;
  rep: string | null;
  roles: Map<string, Role>;
  /** Sentences that say what was guessed ("Took Sam Carter for the rep…"). */
  notes: string[];
}

function pick(query: string, speakers: readonly SpeakerTotal[], weight: (s: SpeakerTotal) => number): SpeakerTotal[] {
  const exact = speakers.filter((s) => nameTokens(s.name).join(' ') === nameTokens(query).join(' '));
  if (exact.length > 0) return exact;
  return speakers.filter((s) => nameMatches(query, s.name)).sort((a, b) => weight(b) - weight(a));
}

/**
 * Roles from names. Throws a UserError (listing the speakers) when no
 * speaker matches the manager or the rep asked for.
 */
export function assignRoles(speakers: readonly SpeakerTotal[], manager: string | undefined, rep: string | undefined, file: string): Roles {
  const weight = (s: SpeakerTotal) => s.seconds ?? s.words;
  const listed = speakers.map((s) => s.name).join(', ');
  const notes: string[] = [];
  if (!manager) {
    throw new UserError(
      `Who is the manager in ${file}? Speakers: ${listed}.`,
      'Pass --manager "<name>" (a first name is enough), or set your name once: repcoach config set manager "<name>".',
    );
  }
  const managers = pick(manager, speakers, weight);
  const m = managers[0];
  if (!m) {
    throw new UserError(`No speaker in ${file} matches the manager "${manager}". Speakers: ${listed}.`, 'Pass --manager with the name as the transcript writes it (a first name is enough).');
  }
  if (managers.length > 1) notes.push(`"${manager}" matches ${managers.map((s) => s.name).join(' and ')}; took ${m.name} (who spoke most) for the manager.`);
  const rest = speakers.filter((s) => s !== m);
  let r: SpeakerTotal | undefined;
  if (rep) {
    const reps = pick(rep, rest, weight);
    if (reps.length === 0) {
      if (pick(rep, [m], weight).length > 0) {
        throw new UserError(`"${rep}" is ${m.name}, the manager in ${file}: the rep is someone else. Speakers: ${listed}.`, 'Pass --rep with the rep\'s name, or --manager with yours if the manager was taken wrongly.');
      }
      throw new UserError(`No speaker in ${file} matches the rep "${rep}". Speakers: ${listed}.`, 'Pass --rep with the name as the transcript writes it (a first name is enough).');
    }
    r = reps[0];
    if (reps.length > 1) notes.push(`"${rep}" matches ${reps.map((s) => s.name).join(' and ')}; took ${r?.name} (who spoke most) for the rep.`);
  } else {
    r = [...rest].sort((a, b) => weight(b) - weight(a))[0];
    if (r && rest.length > 1) {
      const others = rest.filter((s) => s !== r).map((s) => s.name);
      notes.push(`Took ${m.name} for the manager and ${r.name} for the rep (who spoke most after the manager); ${others.join(', ')} counted as other. Pass --rep to choose.`);
    }
  }
  const roles = new Map<string, Role>();
  for (const s of speakers) roles.set(s.name, s === m ? 'manager' : s === r ? 'rep' : 'other');
  return { manager: m.name, rep: r?.name ?? null, roles, notes };
}

/** Seconds and words each named speaker has, in order of first appearance. */
export function speakerTotals(cues: readonly Cue[], timed: boolean, words: (c: Cue) => number): SpeakerTotal[] {
  const by = new Map<string, SpeakerTotal>();
  for (const c of cues) {
    if (c.speaker === null) continue;
    let t = by.get(c.speaker);
    if (!t) by.set(c.speaker, (t = { name: c.speaker, seconds: timed ? 0 : null, words: 0 }));
    t.words += words(c);
    if (timed && t.seconds !== null) t.seconds += (c.end ?? 0) - (c.start ?? 0);
  }
  return [...by.values()];
}
