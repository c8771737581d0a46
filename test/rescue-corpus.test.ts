/**
 * Precision and recall of detectRescue on labelled statements (issue 5).
 * A statement counts as flagged when detectRescue finds at least one rescue;
 * "rescue" is the positive label, "coaching" and "neutral" the negative ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectRescue } from '../src/rescue/detect.ts';

interface Statement {
  label: 'rescue' | 'coaching' | 'neutral';
  text: string;
}

function load(name: string): Statement[] {
  const doc = parse(readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8')) as { statements: Statement[] };
  return doc.statements;
}

function score(statements: Statement[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  for (const s of statements) {
    const flagged = detectRescue(s.text).length > 0;
    const rescue = s.label === 'rescue';
    if (flagged && rescue) tp++;
    else if (flagged) {
      fp++;
      misses.push(`false alarm (${s.label}): ${s.text.trim()}`);
    } else if (rescue) {
      fn++;
      misses.push(`missed: ${s.text.trim()}`);
    }
  }
  return { n: statements.length, tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn), misses };
}

function report(name: string, r: ReturnType<typeof score>) {
  console.log(
    `${name}: ${r.n} statements, precision ${r.precision.toFixed(3)} (${r.tp}/${r.tp + r.fp}), recall ${r.recall.toFixed(3)} (${r.tp}/${r.tp + r.fn})` +
      (r.misses.length ? `\n  ${r.misses.join('\n  ')}` : ''),
  );
}

describe('rescue detection on labelled statements', () => {
  const main = load('rescue-statements.yaml');
  const heldOut = load('rescue-heldout.yaml');
  const heldOut2 = load('rescue-heldout-2.yaml');

  it('has a labelled set of at least 150 varied statements, and 40 held out', () => {
    expect(main.length).toBeGreaterThanOrEqual(150);
    expect(heldOut.length).toBeGreaterThanOrEqual(40);
    expect(heldOut2.length).toBeGreaterThanOrEqual(40);
    for (const set of [main, heldOut, heldOut2]) {
      for (const label of ['rescue', 'coaching', 'neutral'] as const) expect(set.some((s) => s.label === label)).toBe(true);
    }
    const texts = [...main, ...heldOut, ...heldOut2].map((s) => s.text.trim().toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('reaches precision >= 0.9 and recall >= 0.85 on the full set', () => {
    const r = score(main);
    report('full set', r);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('reports the second held-out figures (written after the second freeze)', () => {
    const r = score(heldOut2);
    report('held-out set 2', r);
    // Floor: what the rules scored when this set was written (9 of 18 rescues, no false alarm).
    expect(r.tp + r.fn).toBeGreaterThanOrEqual(15);
    expect(r.precision).toBeGreaterThanOrEqual(1);
    expect(r.tp).toBeGreaterThanOrEqual(9);
  });

  it('reports the held-out figures (statements written after the rules were frozen)', () => {
    const r = score(heldOut);
    report('held-out set', r);
    // The held-out set measures; it is never tuned against. Its floor is what the
    // frozen rules scored when it was written (13 of 18 rescues, no false alarm),
    // so a change to the rules that loses ground here fails.
    expect(r.tp + r.fn).toBeGreaterThanOrEqual(15);
    expect(r.precision).toBeGreaterThanOrEqual(1);
    expect(r.tp).toBeGreaterThanOrEqual(13);
  });
});
