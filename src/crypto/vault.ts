/**
 * Reading and writing data files that may be encrypted. Callers (the session
 * store, the note writer) handle plain text; whether a file on disk is
 * encrypted is decided by its own first bytes, so a folder half-way through
 * turning encryption on or off still reads.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import type { JournalDamage } from '../model/journal.ts';
import { DecryptError, headerOf, isEncryptedText, openRecords, openText, parseHeaderLine, sealRecord, sealRecords, type Header } from './envelope.ts';
import { masterKey, type Sealer } from './keyring.ts';

/** A whole file (a note) as text, decrypted if it is encrypted. */
export async function readDataText(file: string): Promise<string> {
  const text = await fs.readFile(file, 'utf8');
  return decodeDataText(text, file);
}

export async function decodeDataText(text: string, file: string): Promise<string> {
  if (!isEncryptedText(text)) return text;
  const { header } = headerOf(text, file);
  return openText(await masterKey(header.kdf, header.check, file), text, file);
}

/** The bytes to store for `text`: encrypted when a sealer is given. */
export function encodeDataText(text: string, sealer: Sealer | undefined): string {
  return sealer ? sealRecords(sealer.master, sealer.kdf, [text]) : text;
}

export async function isEncryptedFile(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return isEncryptedText(buf.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------
// Journals: one record per line

export interface JournalText {
  /** The journal's lines as plain text (complete, decrypted records only when encrypted). */
  text: string;
  /** The encryption the file uses, if any: needed to append to it. */
  sealer?: Sealer | undefined;
  /** A problem found while decrypting (damage or a cut-off last record); the text holds what came before. */
  damage?: JournalDamage | undefined;
  /** Byte length in the file of the header and the first `n` lines of `text`. */
  rawLength(lines: number): number;
}

export async function readJournalText(file: string): Promise<JournalText> {
  // Read at once: a journal is small, and thousands are read in a row (index, export).
  const raw = readFileSync(file, 'utf8');
  if (!isEncryptedText(raw)) {
    return { text: raw, rawLength: (n) => Buffer.byteLength(firstLines(raw, n)) };
  }
  const { header } = headerOf(raw, file);
  const master = await masterKey(header.kdf, header.check, file);
  const opened = openRecords(master, raw, file);
  const text = opened.records.join('');
  const line = opened.records.length + 2; // 1-based, after the header line
  let damage: JournalDamage | undefined;
  if (opened.problem) damage = { line, reason: `${opened.problem.detail || 'a record is damaged'} (the file was damaged or changed)`, tornTail: false };
  else if (opened.tornTail) damage = { line, reason: 'the last entry was cut off', tornTail: true };
  return {
    text,
    sealer: { kdf: header.kdf, master },
    damage,
    rawLength: (n) => opened.headerBytes + opened.recordBytes.slice(0, n).reduce((a, b) => a + b, 0),
  };
}

function firstLines(text: string, n: number): string {
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text;
    offset = nl + 1;
  }
  return text.slice(0, offset);
}

/** A whole journal (lines with their newlines) as file content. */
export function encodeJournal(lines: readonly string[], sealer: Sealer | undefined): string {
  return sealer ? sealRecords(sealer.master, sealer.kdf, lines) : lines.join('');
}

/**
 * Encodes appended lines for one journal file: plain text as is; for an
 * encrypted journal, each line sealed as the next record. The file is looked at
 * once, on the first append.
 */
export class JournalEncoder {
  private state: Promise<{ sealer?: Sealer; headerLine?: string; header?: Header; next: number }> | undefined;

  constructor(
    readonly file: string,
    initial?: { sealer: Sealer; headerLine: string; records: number } | 'plain',
  ) {
    if (initial === 'plain') this.state = Promise.resolve({ next: 0 });
    else if (initial) {
      this.state = Promise.resolve({
        sealer: initial.sealer,
        headerLine: initial.headerLine,
        header: parseHeaderLine(initial.headerLine, file),
        next: initial.records,
      });
    }
  }

  private load() {
    this.state ??= (async () => {
      if (!(await isEncryptedFile(this.file))) return { next: 0 };
      const raw = await fs.readFile(this.file, 'utf8');
      const { headerLine, header } = headerOf(raw, this.file);
      const master = await masterKey(header.kdf, header.check, this.file);
      const opened = openRecords(master, raw, this.file);
      if (opened.problem || opened.tornTail) {
        throw opened.problem ?? new DecryptError(this.file, 'truncated', 'its last record was cut off; run `repcoach resume` to repair it');
      }
      return { sealer: { kdf: header.kdf, master }, headerLine, header, next: opened.records.length };
    })();
    return this.state;
  }

  /** The encryption of this journal, if any (a note for it is encrypted the same way). */
  async sealer(): Promise<Sealer | undefined> {
    return (await this.load()).sealer;
  }

  /** The bytes to append for `line`; call `commit()` once they are on disk. */
  async encode(line: string): Promise<string> {
    const s = await this.load();
    if (!s.sealer || !s.headerLine || !s.header) return line;
    return sealRecord(s.sealer.master, s.headerLine, s.header, s.next, line) + '\n';
  }

  async commit(): Promise<void> {
    const s = await this.load();
    s.next++;
  }
}
