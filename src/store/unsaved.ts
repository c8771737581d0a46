/**
 * When an answer cannot be saved — a full disk, a read-only or vanished folder,
 * the session taken over by another terminal — the answers are still in
 * memory. The run stops with UnsavedAnswersError, which carries the whole
 * journal so the command can write it somewhere else or print it
 * (run/unsaved.ts), instead of losing it with the process.
 */
import path from 'node:path';
import type { Sealer } from '../crypto/keyring.ts';
import { encodeJournal } from '../crypto/vault.ts';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/fs.ts';
import { serializeEntry, type JournalEntry } from '../model/journal.ts';
import { LockLostError } from './lock.ts';

/** Error codes meaning "this file cannot be written here now", not a bug. */
const IO_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'ENOENT', 'EISDIR', 'EIO', 'EBADF', 'EFBIG', 'ENAMETOOLONG', 'EEXIST', 'ELOOP']);

export function isWriteFailure(err: unknown): boolean {
  if (err instanceof LockLostError) return true;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && IO_CODES.has(code);
}

/** Why a write failed, in words. */
export function describeWriteFailure(err: unknown): string {
  if (err instanceof LockLostError) return err.message;
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EFBIG':
      return 'the file is too large for the disk';
    case 'EROFS':
      return 'the folder is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'the file or its folder is gone (moved, deleted, or not a folder)';
    case 'EIO':
      return 'the disk reported an error';
    case 'ENAMETOOLONG':
      return 'the file name or path is too long';
    case 'EEXIST':
      return 'a file is in the way of a folder';
    case 'EISDIR':
      return 'a folder stands where the file should be';
    case 'ELOOP':
      return 'the path goes round in a loop of links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

export interface UnsavedSession {
  id: string;
  file: string;
  sealer(): Promise<Sealer | undefined>;
}

export class UnsavedAnswersError extends UserError {
  override name = 'UnsavedAnswersError';
  constructor(
    readonly session: UnsavedSession,
    /** The whole journal as this process knows it, the unsaved entry last. */
    readonly entries: JournalEntry[],
    override readonly cause: unknown,
  ) {
    super(`The last answer could not be saved to ${session.file}: ${describeWriteFailure(cause)}.`);
  }

  get answers(): number {
    return this.entries.filter((e) => e.type === 'answer').length;
  }
}

/** Wrap a failed append: I/O failures become UnsavedAnswersError; anything else passes through. */
export function unsavedAnswers(err: unknown, session: UnsavedSession, entries: JournalEntry[]): unknown {
  return isWriteFailure(err) ? new UnsavedAnswersError(session, entries, err) : err;
}

/** The journal as text, one JSON entry per line: a copy that `repcoach resume` can continue. */
export function journalLines(entries: readonly JournalEntry[]): string[] {
  return entries.map(serializeEntry);
}

/** Write the whole journal to `<dir>/<id>.jsonl` (encrypted like the session, if it is); returns the path. */
export async function writeRescueCopy(dir: string, err: UnsavedAnswersError): Promise<string> {
  let sealer: Sealer | undefined;
  try {
    sealer = await err.session.sealer();
  } catch {
    sealer = undefined;
  }
  const file = path.join(dir, `${err.session.id}.jsonl`);
  await writeFileAtomic(file, encodeJournal(journalLines(err.entries), sealer));
  return file;
}
