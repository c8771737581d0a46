import fs from 'node:fs/promises';
import path from 'node:path';
import { slugify, writeFileAtomic } from '../util/fs.ts';
import type { SessionState } from '../session/journal.ts';
import { renderNote, type NoteOptions } from './render.ts';

/** `<rep>/<date>-<playbook>.md`, relative to the notes folder (`.json` for a JSON export). */
export function noteRelativePath(state: SessionState, ext: '.md' | '.json' = '.md'): string {
  const { start } = state;
  return noteName(start.rep.slug, start.at, start.playbook.id, ext);
}

/** The same name from its parts, for callers that have a session's summary rather than its state. */
export function noteName(repSlug: string, startedIso: string, playbookId: string, ext: '.md' | '.json' = '.md'): string {
  return path.join(repSlug, `${startedIso.slice(0, 10)}-${slugify(playbookId)}${ext}`);
}

/**
 * Where this session's note goes in `notesDir`: the plain name, unless a note of
 * another session already holds it (two sessions with one rep, one playbook, one
 * day), then the name with the session id. Writing the same session again
 * replaces its note, never duplicates it.
 */
export async function notePathFor(notesDir: string, state: SessionState, ext: '.md' | '.json' = '.md'): Promise<string> {
  const plain = path.join(notesDir, noteRelativePath(state, ext));
  const owner = await noteSessionId(plain);
  if (owner === undefined || owner === state.start.id) return plain;
  return plain.slice(0, -ext.length) + `-${state.start.id}${ext}`;
}

async function noteSessionId(file: string): Promise<string | undefined> {
  let head: string;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  // A note's front matter says `session: <id>`; a JSON record starts with `"id": "<id>"`.
  const m = /^session: "?([^"\n]+)"?$/m.exec(head) ?? /^ {2}"id": "([^"\n]+)",?$/m.exec(head);
  return m?.[1] ?? '';
}

export async function writeNote(notesDir: string, state: SessionState, opts: NoteOptions = {}): Promise<string> {
  const file = await notePathFor(notesDir, state);
  await writeFileAtomic(file, renderNote(state, opts));
  return file;
}
