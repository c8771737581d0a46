/**
 * Small charts for the terminal, as plain strings: sparklines and bars built
 * from Unicode block characters. Pure.
 */

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/**
 * One character per value, from ▁ (lowest) to █ (highest); a missing value is
 * a space. `min`/`max` fix the scale (e.g. 1-10 for confidence); by default
 * the values' own range is used, and equal values sit in the middle.
 */
export function sparkline(values: ReadonlyArray<number | null | undefined>, scale: { min?: number; max?: number } = {}): string {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (present.length === 0) return ' '.repeat(values.length);
  const min = scale.min ?? Math.min(...present);
  const max = scale.max ?? Math.max(...present);
  return values
    .map((v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return ' ';
      if (max <= min) return SPARKS[3];
      const clamped = Math.min(max, Math.max(min, v));
      const i = Math.round(((clamped - min) / (max - min)) * (SPARKS.length - 1));
      return SPARKS[i] ?? SPARKS[0];
    })
    .join('');
}

/**
 * A horizontal bar `width` cells long at most, in eighths of a cell, for
 * `value` out of `max`. A non-zero value always shows at least a sliver.
 */
export function bar(value: number, max: number, width: number): string {
  if (!(max > 0) || !(value > 0) || width <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  const full = Math.floor(eighths / 8);
  return '█'.repeat(full) + EIGHTHS[eighths % 8];
}

/** A percentage for a 0-1 rate, or "n/a". */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? 'n/a' : `${Math.round(rate * 100)}%`;
}
