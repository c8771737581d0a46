/**
 * The passphrase and the keys derived from it, for this process. The passphrase
 * is asked for (or read from a file) the first time an encrypted file is read or
 * written, then each master key is derived once per salt and kept in memory, so
 * a command that reads 1,000 sessions runs scrypt once.
 *
 * Whether new files are encrypted is a property of the data folder: the file
 * `<data>/encryption.json` (the key's parameters and check, no secret) exists
 * exactly when encryption is on.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { checkMatches, DecryptError, deriveMasterKey, keyCheck, type KdfParams } from './envelope.ts';

/** Where the passphrase comes from; `confirm` asks twice (a new passphrase). */
export type PassphraseSource = (req: { confirm: boolean; reason: string }) => Promise<string>;

let source: PassphraseSource | undefined;
let passphrase: Promise<string> | undefined;
const masters = new Map<string, Promise<Buffer>>();

/** Set once by the entry point (or a test); forgets any passphrase and keys held. */
export function setPassphraseSource(next: PassphraseSource | undefined): void {
  source = next;
  passphrase = undefined;
  masters.clear();
}

/** Use this passphrase from now on (a new one being set, or a test). */
export function usePassphrase(value: string): void {
  passphrase = Promise.resolve(value);
  masters.clear();
}

export class PassphraseNeededError extends UserError {
  override name = 'PassphraseNeededError';
  constructor(reason: string) {
    super(
      `${reason}, and no passphrase was given.`,
      'Give it with --passphrase-file <file> or REPCOACH_PASSPHRASE_FILE=<file> (a file holding the passphrase), or run in a terminal to type it.',
    );
  }
}

export async function getPassphrase(reason = 'Your repcoach data is encrypted', confirm = false): Promise<string> {
  if (confirm) {
    if (!source) throw new PassphraseNeededError(reason);
    const value = await source({ confirm: true, reason });
    usePassphrase(value);
    return value;
  }
  if (!passphrase) {
    if (!source) throw new PassphraseNeededError(reason);
    const asked = source({ confirm: false, reason });
    passphrase = asked;
    // A failed ask is not remembered, so a later call may ask again.
    asked.catch(() => {
      if (passphrase === asked) passphrase = undefined;
    });
  }
  return passphrase;
}

function cacheKeyOf(kdf: KdfParams): string {
  return JSON.stringify([kdf.N, kdf.r, kdf.p, kdf.salt]);
}

/** Keep a key just derived from the current passphrase (a new passphrase being set). */
export function rememberMaster(kdf: KdfParams, master: Buffer): void {
  masters.set(cacheKeyOf(kdf), Promise.resolve(master));
}

/** The master key for `kdf` under the current passphrase, checked against `check`. */
export async function masterKey(kdf: KdfParams, check: string, file: string): Promise<Buffer> {
  const cacheKey = cacheKeyOf(kdf);
  let pending = masters.get(cacheKey);
  if (!pending) {
    pending = getPassphrase().then((p) => deriveMasterKey(p, kdf));
    masters.set(cacheKey, pending);
    pending.catch(() => masters.delete(cacheKey));
  }
  const master = await pending;
  if (!checkMatches(master, check)) throw new DecryptError(file, 'passphrase');
  return master;
}

// ---------------------------------------------------------------------------
// The data folder's encryption setting

export interface EncryptionMarker {
  v: 1;
  kdf: KdfParams;
  check: string;
}

export function markerPath(paths: Paths): string {
  return path.join(paths.data, 'encryption.json');
}

export async function readMarker(paths: Paths): Promise<EncryptionMarker | undefined> {
  const file = markerPath(paths);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<EncryptionMarker>;
    if (v.v === 1 && v.kdf && typeof v.kdf.salt === 'string' && typeof v.check === 'string') return v as EncryptionMarker;
  } catch {
    // reported below
  }
  // Not quarantined: treating encryption as off would silently write plain text.
  throw new UserError(
    `${file} (which says encryption is on) is damaged.`,
    'Restore it from a backup, or delete it and run `repcoach encryption on` again with the same passphrase; your encrypted files keep their own headers.',
  );
}

export async function writeMarker(paths: Paths, marker: EncryptionMarker): Promise<void> {
  await writeFileAtomic(markerPath(paths), JSON.stringify(marker, null, 2) + '\n');
}

export function newMarker(master: Buffer, kdf: KdfParams): EncryptionMarker {
  return { v: 1, kdf, check: keyCheck(master) };
}

/** What it takes to encrypt a new file: the master key and its parameters. */
export interface Sealer {
  kdf: KdfParams;
  master: Buffer;
}

/** The sealer for new files in this data folder, or undefined when encryption is off. */
export async function sealerFor(paths: Paths): Promise<Sealer | undefined> {
  const marker = await readMarker(paths);
  if (!marker) return undefined;
  return { kdf: marker.kdf, master: await masterKey(marker.kdf, marker.check, markerPath(paths)) };
}
