/**
 * Plain text tables for the terminal: columns padded to their widest cell
 * (capped), header in bold. Cells are measured in terminal columns (textWidth:
 * CJK and emoji take two), after safeText.
 */
import type { ChalkInstance } from 'chalk';
import { safeText } from './term.ts';
import { fitTo, padEndTo, padStartTo, textWidth } from './width.ts';

export interface TableOptions {
  /** Widest a column may be; longer cells are cut with "…". */
  maxWidth?: number;
  /** Columns aligned right (numbers). */
  right?: readonly number[];
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
  const widths = header.map((h, i) => Math.min(max, Math.max(textWidth(h), ...clean.map((r) => textWidth(r[i] ?? '')))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        const text = fitTo(cell, w);
        return opts.right?.includes(i) ? padStartTo(text, w) : padEndTo(text, w);
      })
      .join('  ')
      .trimEnd();
  return [c.bold(line(header)), ...clean.map((r, i) => (style ? style(i, line(r)) : line(r)))];
}
