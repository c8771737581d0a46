/** Plain-text tables for the terminal: columns padded to their widest cell (capped). */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, maxWidth = 40): string[] {
  const widths = header.map((h, i) => Math.min(maxWidth, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const w = widths[i] ?? 0;
        return (cell.length > w ? cell.slice(0, w - 1) + '…' : cell).padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
