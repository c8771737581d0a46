import fs from 'node:fs/promises';
import path from 'node:path';
import { isEncryptedText } from '../crypto/envelope.ts';
import { UserError } from '../util/errors.ts';
import type { Sealer } from '../crypto/keyring.ts';
import { decodeDataText, encodeDataText } from '../crypto/vault.ts';
import { localDay } from '../util/dates.ts';
import { ensureDir, isInside, realDir, writeFileAtomic, writeFileExclusive } from '../util/fs.ts';
import { slugify } from '../util/names.ts';
import type { SessionState } from '../model/journal.ts';
import { renderNote, type NoteOptions } from './render.ts';

/**
 * `<rep>/<date>-<playbook>.md`, relative to the notes folder (`.json` for a JSON
 * export). Every part is slugified again: a hand-edited journal must not steer a
 * note out of its folder.
 */
function noteRelativePath(state: SessionState, ext: '.md' | '.json' = '.md'): string {
  const { start } = state;
  return noteName(start.rep.slug, start.at, start.playbook.id, ext);
}

/** The same name from its parts, for callers that have a session's summary rather than its state. */
export function noteName(repSlug: string, startedIso: string, playbookId: string, ext: '.md' | '.json' = '.md'): string {
  const date = /^\d{4}-\d{2}-\d{2}/.test(startedIso) ? localDay(startedIso) : 'undated';
  return path.join(slugify(repSlug, 'rep'), `${date}-${slugify(playbookId)}${ext}`);
}

/**
 * Where this session's note goes in `notesDir`: the plain name, unless a note of
 * another session already holds it (two sessions with one rep, one playbook, one
 * day), then the name with the session id. Writing the same session again
 * replaces its note, never duplicates it. For a note being written, writeNote
 * claims the plain name exclusively instead: two runs finishing at once must not
 * both see it free.
 */
export async function notePathFor(notesDir: string, state: SessionState, ext: '.md' | '.json' = '.md'): Promise<string> {
  const plain = path.join(notesDir, noteRelativePath(state, ext));
  const owner = await noteSessionId(plain);
  if (owner === FREE || owner === state.start.id) return plain;
  return withSessionId(plain, state, ext);
}

function withSessionId(plain: string, state: SessionState, ext: string): string {
  return plain.slice(0, -ext.length) + `-${slugify(state.start.id)}${ext}`;
}

/** No file by that name: the name is free. Anything else there, even a file that cannot be read, holds it. */
const FREE = Symbol('free');

async function noteSessionId(file: string): Promise<string | typeof FREE> {
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
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? FREE : '';
  }
  if (isEncryptedText(head)) {
    // An encrypted note names its session inside: decrypt it (the key is at hand, a note is being written).
    try {
      head = await decodeDataText(await fs.readFile(file, 'utf8'), file);
    } catch {
      return '';
    }
  }
  // A note's front matter says `session: <id>`; a JSON record starts with `"id": "<id>"`.
  const m = /^session: "?([^"\n]+)"?$/m.exec(head) ?? /^ {2}"id": "([^"\n]+)",?$/m.exec(head);
  return m?.[1] ?? '';
}

/**
 * A rep's folder that is a link out of the notes folder would send notes about
 * people somewhere nobody chose (issue 15): refused, by name. The notes folder
 * itself may be a link (to a vault): that is where the manager pointed it.
 */
async function refuseLinkOut(notesDir: string, repDir: string, id: string): Promise<void> {
  let st;
  try {
    st = await fs.lstat(repDir);
  } catch {
    return; // not there yet: made as a plain folder
  }
  if (!st.isSymbolicLink()) return;
  const target = await fs.realpath(repDir).catch(() => '');
  if (target && isInside(realDir(notesDir), target)) return;
  throw new UserError(
    `The note was not written: ${repDir} is a link to ${target || 'a missing folder'}, outside the notes folder ${notesDir}. Every answer is saved in session ${id}.`,
    `Remove the link (notes are written only inside the notes folder), then run \`repcoach resume ${id}\` to write the note.`,
  );
}

/**
 * Write (or replace) the session's note; encrypted when a sealer is given
 * (encryption is on). A note this session wrote before (a finish cut off after
 * the note) is replaced; otherwise the plain name is claimed exclusively (a hard
 * link, which fails when the name is taken, as O_EXCL does), and when another
 * session holds it, or takes it first, the note gets the name with the session id.
 */
export async function writeNote(
  notesDir: string,
  state: SessionState,
  opts: NoteOptions & { sealer?: Sealer | undefined } = {},
): Promise<string> {
  const data = encodeDataText(renderNote(state, opts), opts.sealer);
  const plain = path.join(notesDir, noteRelativePath(state));
  await refuseLinkOut(notesDir, path.dirname(plain), state.start.id);
  const own = withSessionId(plain, state, '.md');
  const owner = await noteSessionId(plain);
  if (owner === state.start.id) {
    await writeFileAtomic(plain, data);
    return plain;
  }
  if (owner === FREE && (await noteSessionId(own)) === FREE) {
    await ensureDir(path.dirname(plain));
    try {
      await writeFileExclusive(plain, data);
      return plain;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  await writeFileAtomic(own, data);
  return own;
}
