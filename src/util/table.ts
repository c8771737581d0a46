/**
 * Plain text tables for the terminal: columns padded to their widest cell
 * (capped), header in bold. Cells are measured by code point, after safeText.
 */
import type { ChalkInstance } from 'chalk';
import { safeText } from './term.ts';

export interface TableOptions {
  /** Widest a column may be; longer cells are cut with "…". */
  maxWidth?: number;
  /** Columns aligned right (numbers). */
  right?: readonly number[];
}

function width(s: string): number {
  return [...s].length;
}

function fit(s: string, w: number): string {
  const chars = [...s];
  return chars.length <= w ? s : chars.slice(0, Math.max(0, w - 1)).join('') + '…';
}

/** The lines of a table; style(row, line) may colour a whole body line. */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  c: ChalkInstance,
  opts: TableOptions = {},
  style?: (rowIndex: number, line: string) => string,
): string[] {
  const max = opts.maxWidth ?? 30;
  const clean = rows.map((r) => r.map((cell) => safeText(cell).replace(/\s+/g, ' ')));
  const widths = header.map((h, i) => Math.min(max, Math.max(width(h), ...clean.map((r) => width(r[i] ?? '')))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        const text = fit(cell, w);
        const pad = ' '.repeat(Math.max(0, w - width(text)));
        return opts.right?.includes(i) ? pad + text : text + pad;
      })
      .join('  ')
      .trimEnd();
  return [c.bold(line(header)), ...clean.map((r, i) => (style ? style(i, line(r)) : line(r)))];
}
