/**
 * Encryption at rest: `repcoach encryption on|off|status` (and `setEncryption`,
 * which `repcoach config set encryption on|off` calls), and `repcoach decrypt`
 * to read an encrypted note or session.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { convertData, type ConversionResult } from '../crypto/convert.ts';
import { deriveMasterKey, newKdf } from '../crypto/envelope.ts';
import {
  getPassphrase,
  markerPath,
  masterKey,
  newMarker,
  readMarker,
  rememberMaster,
  setPassphraseSource,
  writeMarker,
  type Sealer,
} from '../crypto/keyring.ts';
import { passphraseSource } from '../crypto/passphrase.ts';
import { decodeDataText } from '../crypto/vault.ts';
import { UsageError, UserError } from '../errors.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { ensureDir, syncDir, writeFileAtomic } from '../util/fs.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from './context.ts';

export interface EncryptionOptions {
  /** A file holding the passphrase (else the global source: env file or prompt). */
  passphraseFile?: string | undefined;
}

/** Turn encryption on or off for the data folder, converting what is stored. */
export async function setEncryption(ctx: CommandContext, on: boolean, opts: EncryptionOptions = {}): Promise<ConversionResult> {
  if (opts.passphraseFile) {
    setPassphraseSource(passphraseSource({ file: opts.passphraseFile, env: ctx.env, cwd: ctx.cwd, interactive: ctx.stdinIsTTY }));
  }
  await ensureDir(ctx.paths.sessions);
  await cleanLeftovers(ctx.paths, ctx.paths.notes);
  const marker = await readMarker(ctx.paths);
  if (on) {
    let sealer: Sealer;
    let created = false;
    if (marker) {
      // Already on (or a change that stopped midway): the same passphrase finishes the job.
      sealer = { kdf: marker.kdf, master: await masterKey(marker.kdf, marker.check, markerPath(ctx.paths)) };
    } else {
      const passphrase = await getPassphrase('Encryption needs a passphrase', true);
      const kdf = newKdf();
      sealer = { kdf, master: await deriveMasterKey(passphrase, kdf) };
      rememberMaster(kdf, sealer.master);
      created = true;
    }
    try {
      return await convertData(ctx.paths, sealer, () => writeMarker(ctx.paths, newMarker(sealer.master, sealer.kdf)));
    } catch (err) {
      // Phase 1 failed: no file was converted, so the setting goes back to what it was.
      if (created) await fs.rm(markerPath(ctx.paths), { force: true });
      throw err;
    }
  }
  if (marker) await masterKey(marker.kdf, marker.check, markerPath(ctx.paths));
  const result = await convertData(ctx.paths, undefined);
  await fs.rm(markerPath(ctx.paths), { force: true });
  await syncDir(ctx.paths.data);
  return result;
}

export interface EncryptionCommandOptions extends EncryptionOptions {
  state: string;
}

export async function encryption(ctx: CommandContext, opts: EncryptionCommandOptions): Promise<void> {
  const state = opts.state.toLowerCase();
  if (state === 'status') {
    const on = Boolean(await readMarker(ctx.paths));
    println(ctx.stdout, `Encryption is ${on ? 'on' : 'off'}.`);
    return;
  }
  if (state !== 'on' && state !== 'off') {
    throw new UsageError(`"${opts.state}" is not on, off or status.`, 'For example: repcoach encryption on');
  }
  printConversion(ctx, state === 'on', await setEncryption(ctx, state === 'on', opts));
}

/** What `encryption on|off` (and `config set encryption`) tells the user afterwards. */
export function printConversion(ctx: CommandContext, on: boolean, result: ConversionResult): void {
  for (const w of result.warnings) println(ctx.stderr, `warning: ${safeText(w)}`);
  const what = `${result.sessions} ${result.sessions === 1 ? 'session' : 'sessions'} and ${result.notes} ${result.notes === 1 ? 'note' : 'notes'}`;
  if (on) {
    println(ctx.stdout, `Encryption is on: ${what} encrypted; new sessions and notes will be encrypted too.`);
    println(ctx.stdout, 'Keep the passphrase safe: without it your sessions and notes cannot be read, and it cannot be recovered.');
  } else {
    println(ctx.stdout, `Encryption is off: ${what} decrypted.`);
  }
}

export interface DecryptOptions {
  file: string;
  out?: string | undefined;
}

/** Print (or write to --out) an encrypted note or session as plain text. */
export async function decrypt(ctx: CommandContext, opts: DecryptOptions): Promise<void> {
  const file = path.resolve(ctx.cwd, opts.file);
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  const text = await decodeDataText(raw, file);
  if (opts.out) {
    const out = path.resolve(ctx.cwd, opts.out);
    await writeFileAtomic(out, text);
    println(ctx.stderr, safeText(`Written to ${out} (readable by you only).`));
    return;
  }
  ctx.stdout.write(safeText(text));
}
