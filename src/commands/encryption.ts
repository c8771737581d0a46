/**
 * Encryption at rest: `repcoach encryption on|off|status` (and `setEncryption`,
 * which `repcoach config set encryption on|off` calls), and `repcoach decrypt`
 * to read an encrypted note or session.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { convertData, type ConversionResult } from '../upkeep/encryption.ts';
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
import { passphraseSource } from '../prompts/passphrase.ts';
import { decodeDataText } from '../crypto/vault.ts';
import { UsageError, UserError } from '../util/errors.ts';
import { cleanLeftovers } from '../util/cleanup.ts';
import { ensureDir, syncDir, writeFileAtomic } from '../util/fs.ts';
import { notesDir, openSettings } from '../config/settings.ts';
import { isInGitRepository } from '../note/git.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';

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
  const settings = await openSettings(ctx.paths);
  const notes = notesDir(settings, ctx.paths);
  await cleanLeftovers(ctx.paths, notes);
  const scope = { notesDir: notes, convertOutside: ctx.stdinIsTTY ? (files: readonly string[]) => askOutside(ctx, files, on) : undefined };
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
    if (settings.get('notes.git') || (await isInGitRepository(notes, ctx.env))) {
      // Encrypting the files cannot reach into git's history: say so before it looks safe.
      println(
        ctx.stderr,
        `warning: the notes folder ${safeText(notes)} is a git repository: notes committed before now stay in its history in plain text. Encryption covers the files from now on; rewriting history (or a new repository) is up to you.`,
      );
    }
    try {
      return await convertData(ctx.paths, sealer, { ...scope, between: () => writeMarker(ctx.paths, newMarker(sealer.master, sealer.kdf)) });
    } catch (err) {
      // Phase 1 failed: no file was converted, so the setting goes back to what it was.
      if (created) await fs.rm(markerPath(ctx.paths), { force: true });
      throw err;
    }
  }
  if (marker) await masterKey(marker.kdf, marker.check, markerPath(ctx.paths));
  const result = await convertData(ctx.paths, undefined, scope);
  await fs.rm(markerPath(ctx.paths), { force: true });
  await syncDir(ctx.paths.data);
  return result;
}

/**
 * Sessions that point at notes outside this data folder and the notes folder: a
 * copy of another home, whose notes belong to that home. Named, and converted
 * only on a yes.
 */
async function askOutside(ctx: CommandContext, files: readonly string[], on: boolean): Promise<boolean> {
  println(ctx.stderr, `${files.length} ${files.length === 1 ? 'note that sessions point to is' : 'notes that sessions point to are'} outside ${ctx.paths.data} and the notes folder:`);
  for (const f of files.slice(0, 20)) println(ctx.stderr, `  ${safeText(f)}`);
  if (files.length > 20) println(ctx.stderr, `  …and ${files.length - 20} more`);
  const { askYesNo } = await import('../prompts/index.ts');
  return askYesNo(`${on ? 'Encrypt' : 'Decrypt'} ${files.length === 1 ? 'it' : 'them'} too? (No if this folder is a copy of another)`, false, ctx.stderr);
}

export interface EncryptionCommandOptions extends EncryptionOptions {
  state: string;
}

export async function encryption(ctx: CommandContext, opts: EncryptionCommandOptions): Promise<void> {
  const state = opts.state.toLowerCase();
  if (state === 'status') {
    const on = Boolean(await readMarker(ctx.paths));
    println(ctx.stdout, `Encryption is ${on ? 'on' : 'off'}.`);
    const left = ctx.leftovers?.length ?? 0;
    if (left > 0) {
      println(
        ctx.stdout,
        `${left} temporary ${left === 1 ? 'file' : 'files'} left by a command that was stopped midway (a killed \`encryption on|off\` leaves plain-text copies) ${left === 1 ? 'was' : 'were'} removed just now.`,
      );
    }
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
  if (result.outside.length > 0) {
    const n = result.outside.length;
    println(ctx.stderr, `warning: ${n} ${n === 1 ? 'note' : 'notes'} outside this data folder and the notes folder ${n === 1 ? 'was' : 'were'} left as ${n === 1 ? 'it is' : 'they are'} (a copied home points at the original's notes):`);
    for (const f of result.outside.slice(0, 20)) println(ctx.stderr, `  ${safeText(f)}`);
    if (n > 20) println(ctx.stderr, `  …and ${n - 20} more`);
  }
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
