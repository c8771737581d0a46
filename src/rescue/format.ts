import { safeText } from '../util/term.ts';
import type { Finding } from './detect.ts';

/** Text for the terminal with each finding's words passed through `mark` (bold, underline…). */
export function markFindings(text: string, findings: readonly Pick<Finding, 'start' | 'end'>[], mark: (words: string) => string): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += safeText(text.slice(at, f.start)) + mark(safeText(text.slice(f.start, f.end)));
    at = f.end;
  }
  return out + safeText(text.slice(at));
}
