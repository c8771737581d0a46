/**
 * Where the passphrase comes from: `--passphrase-file <file>`, else the file
 * named by REPCOACH_PASSPHRASE_FILE, else a prompt in a terminal. Never a
 * command-line argument: it would land in the shell history and `ps`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/errors.ts';
import { PassphraseNeededError, type PassphraseSource } from '../crypto/keyring.ts';

const PASSPHRASE_ENV = 'REPCOACH_PASSPHRASE_FILE';
/** For a new passphrase. */
const MIN_PASSPHRASE_LENGTH = 8;
const MAX_FILE_BYTES = 4096;

export interface PassphraseOptions {
  /** --passphrase-file */
  file?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input is a terminal: the passphrase may be typed. */
  interactive: boolean;
}

export function passphraseSource(opts: PassphraseOptions): PassphraseSource {
  const file = opts.file ?? (opts.env[PASSPHRASE_ENV] || undefined);
  return async ({ confirm, reason }) => {
    if (file) {
      const value = await readPassphraseFile(path.resolve(opts.cwd, file));
      if (confirm && value.length < MIN_PASSPHRASE_LENGTH) {
        throw new UserError(`The passphrase in ${file} is too short.`, `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
      }
      return value;
    }
    if (!opts.interactive) throw new PassphraseNeededError(reason);
    const { askPassphrase } = await import('./index.ts');
    return askPassphrase(confirm ? 'Choose a passphrase for your repcoach data:' : `${reason}. Passphrase:`, confirm, confirm ? MIN_PASSPHRASE_LENGTH : 0);
  };
}

/** The file's text without its final line break; an empty file is an error. */
async function readPassphraseFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new UserError(`${file} is not a file holding a passphrase.`);
    if (st.size > MAX_FILE_BYTES) throw new UserError(`${file} is too large to be a passphrase file (${st.size} bytes).`);
    // As ssh does with keys: a passphrase others can read protects nothing (issue 15).
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new UserError(
        `The passphrase file ${file} can be read by other users (mode ${(st.mode & 0o777).toString(8)}); it is not used.`,
        `Make it yours alone: chmod 600 '${file}'`,
      );
    }
    bytes = await fs.readFile(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`Cannot read the passphrase file ${file}: ${(err as Error).message}`);
  }
  const value = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (value === '') throw new UserError(`The passphrase file ${file} is empty.`);
  return value;
}
