/**
 * The encrypted file format (docs/data.md, "Encryption"). Pure functions: keys
 * and text in, text out; nothing here reads or writes a file.
 *
 * A file is a header line followed by records, one per line:
 *
 *   {"format":"repcoach-encrypted","v":1,"cipher":"aes-256-gcm","kdf":{…},"check":"…","salt":"…"}
 *   base64(iv ‖ ciphertext ‖ tag)
 *   …
 *
 * - The passphrase becomes a master key with scrypt (N = 2^17, r = 8, p = 1, a
 *   random 16-byte salt kept in `kdf`). `check` (an HMAC of a fixed text under
 *   the master key) tells a wrong passphrase from a damaged file.
 * - Each file has its own fresh random `salt`; its key is HKDF-SHA256(master,
 *   salt). So every write of a whole file uses a fresh salt without paying for
 *   scrypt again, and opening 1,000 sessions costs one scrypt, not 1,000.
 * - Each record is AES-256-GCM with a fresh 12-byte IV and a 16-byte tag; its
 *   associated data is the header line and the record's index, so a changed
 *   header, a reordered or a swapped record fails authentication.
 * - A journal appends one record per entry (each fsynced), so an encrypted
 *   journal is as crash-safe as a plain one; a note is a header and one record.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { UserError } from '../util/errors.ts';

const FORMAT = 'repcoach-encrypted';
const FORMAT_VERSION = 1;
const CIPHER = 'aes-256-gcm';
/** The prefix every encrypted file starts with (the header's fixed first keys). */
export const HEADER_PREFIX = `{"format":"${FORMAT}",`;

export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64, 16 random bytes. */
  salt: string;
}

export interface Header {
  format: typeof FORMAT;
  v: number;
  cipher: typeof CIPHER;
  kdf: KdfParams;
  /** Key check: HMAC-SHA256(master, CHECK_TEXT), first 16 bytes, base64. */
  check: string;
  /** This file's own salt for its key, base64. */
  salt: string;
}

export type DecryptProblem = 'passphrase' | 'header' | 'damaged' | 'truncated';

/** An encrypted file that cannot be opened; nothing has been changed on disk. */
export class DecryptError extends UserError {
  override name = 'DecryptError';
  constructor(
    readonly file: string,
    readonly problem: DecryptProblem,
    readonly detail = '',
  ) {
    super(decryptMessage(file, problem, detail), 'The file was not changed.');
  }

  /** What went wrong, without the file's name (for a message that names it already). */
  get reason(): string {
    return decryptMessage('it', this.problem, this.detail).replace(/\.$/, '');
  }
}

function decryptMessage(file: string, problem: DecryptProblem, detail: string): string {
  switch (problem) {
    case 'passphrase':
      return `The passphrase does not open ${file}${detail ? ` (${detail})` : ''}.`;
    case 'header':
      return `${file} has an encryption header that is damaged or was changed${detail ? ` (${detail})` : ''}.`;
    case 'damaged':
      return `${file} is damaged or was changed: ${detail || 'a part of it failed its integrity check'}.`;
    case 'truncated':
      return `${file} is cut off: ${detail || 'its end is missing'}.`;
  }
}

export function isEncryptedText(text: string): boolean {
  return text.startsWith(HEADER_PREFIX);
}

export function newKdf(random: (n: number) => Buffer = randomBytes): KdfParams {
  return { name: 'scrypt', ...DEFAULT_SCRYPT, salt: random(SALT_BYTES).toString('base64') };
}

/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is too small for N = 2^17, so it is raised. */
export function deriveMasterKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  if (kdf.name !== 'scrypt' || !Number.isInteger(kdf.N) || kdf.N < 2 || kdf.N > 2 ** 20 || kdf.r < 1 || kdf.r > 32 || kdf.p < 1 || kdf.p > 16) {
    return Promise.reject(new Error(`unsupported key derivation ${JSON.stringify({ ...kdf, salt: undefined })}`));
  }
  const maxmem = 256 * kdf.N * kdf.r;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

const CHECK_TEXT = 'repcoach key check v1';

export function keyCheck(master: Buffer): string {
  return createHmac('sha256', master).update(CHECK_TEXT).digest().subarray(0, 16).toString('base64');
}

export function checkMatches(master: Buffer, check: string): boolean {
  const a = Buffer.from(keyCheck(master), 'base64');
  const b = Buffer.from(check, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

function fileKey(master: Buffer, salt: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.from(salt, 'base64'), 'repcoach file key v1', KEY_BYTES));
}

/** A new header line (no newline) for a file encrypted under `master`, with a fresh salt. */
function newHeaderLine(master: Buffer, kdf: KdfParams, random: (n: number) => Buffer = randomBytes): string {
  const header: Header = { format: FORMAT, v: FORMAT_VERSION, cipher: CIPHER, kdf, check: keyCheck(master), salt: random(SALT_BYTES).toString('base64') };
  // Key order is fixed so every file starts with HEADER_PREFIX.
  return JSON.stringify(header);
}

export function parseHeaderLine(line: string, file: string): Header {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new DecryptError(file, 'header', 'it is not valid JSON');
  }
  const h = v as Partial<Header>;
  if (typeof v !== 'object' || v === null || h.format !== FORMAT) throw new DecryptError(file, 'header', 'not a repcoach encrypted file');
  if (h.v !== FORMAT_VERSION) throw new DecryptError(file, 'header', `format version ${String(h.v)}; this repcoach reads version ${FORMAT_VERSION}`);
  const k = h.kdf as Partial<KdfParams> | undefined;
  if (
    h.cipher !== CIPHER ||
    !k ||
    k.name !== 'scrypt' ||
    typeof k.N !== 'number' ||
    typeof k.r !== 'number' ||
    typeof k.p !== 'number' ||
    typeof k.salt !== 'string' ||
    typeof h.check !== 'string' ||
    typeof h.salt !== 'string'
  ) {
    throw new DecryptError(file, 'header', 'a field is missing or has the wrong form');
  }
  return h as Header;
}

function aad(headerLine: string, index: number): Buffer {
  return Buffer.from(`${headerLine}\n${index}`, 'utf8');
}

/** Encrypt one record (the `index`-th after the header); returns one base64 line without newline. */
export function sealRecord(master: Buffer, headerLine: string, header: Header, index: number, plaintext: string, iv: Buffer = randomBytes(IV_BYTES)): string {
  const cipher = createCipheriv(CIPHER, fileKey(master, header.salt), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(headerLine, index));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** Decrypt one record; throws DecryptError('damaged') when it fails authentication. */
function openRecord(master: Buffer, headerLine: string, header: Header, index: number, record: string, file: string): string {
  const bytes = Buffer.from(record, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES || bytes.toString('base64') !== record) {
    throw new DecryptError(file, 'damaged', `record ${index + 1} is not valid`);
  }
  const decipher = createDecipheriv(CIPHER, fileKey(master, header.salt), bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(headerLine, index));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptError(file, 'damaged', `record ${index + 1} failed its integrity check`);
  }
}

/** Encrypt records into a whole file: header line, then one line per record. */
export function sealRecords(master: Buffer, kdf: KdfParams, records: readonly string[], random: (n: number) => Buffer = randomBytes): string {
  const headerLine = newHeaderLine(master, kdf, random);
  const header = parseHeaderLine(headerLine, '');
  return [headerLine, ...records.map((r, i) => sealRecord(master, headerLine, header, i, r, random(IV_BYTES)))].join('\n') + '\n';
}

export interface OpenedRecords {
  records: string[];
  /** Set when reading stopped early; `records` holds what came before. */
  problem?: DecryptError;
  /** The last line had no newline: a write cut off by a crash. */
  tornTail: boolean;
  /** Byte length of the header line and of each complete record line (with newlines). */
  headerBytes: number;
  recordBytes: number[];
}

/** The header of an encrypted text; throws DecryptError('header'/'truncated'). */
export function headerOf(text: string, file: string): { headerLine: string; header: Header } {
  const nl = text.indexOf('\n');
  if (nl === -1) throw new DecryptError(file, 'truncated', 'it ends inside its header');
  const headerLine = text.slice(0, nl);
  return { headerLine, header: parseHeaderLine(headerLine, file) };
}

/**
 * Decrypt every complete record, stopping at the first that fails. A wrong key
 * is reported before anything else (DecryptError 'passphrase' is thrown).
 */
export function openRecords(master: Buffer, text: string, file: string): OpenedRecords {
  const { headerLine, header } = headerOf(text, file);
  if (!checkMatches(master, header.check)) throw new DecryptError(file, 'passphrase');
  const out: OpenedRecords = { records: [], tornTail: false, headerBytes: Buffer.byteLength(headerLine) + 1, recordBytes: [] };
  let offset = headerLine.length + 1;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) {
      out.tornTail = true;
      break;
    }
    const line = text.slice(offset, nl);
    try {
      out.records.push(openRecord(master, headerLine, header, out.records.length, line, file));
    } catch (err) {
      out.problem = err as DecryptError;
      break;
    }
    out.recordBytes.push(Buffer.byteLength(line) + 1);
    offset = nl + 1;
  }
  return out;
}

/** A whole encrypted file (a note): every record, complete, or a DecryptError. */
export function openText(master: Buffer, text: string, file: string): string {
  const opened = openRecords(master, text, file);
  if (opened.problem) throw opened.problem;
  if (opened.tornTail) throw new DecryptError(file, 'truncated', 'its last part is missing');
  if (opened.records.length === 0) throw new DecryptError(file, 'truncated', 'it holds no content');
  return opened.records.join('');
}
