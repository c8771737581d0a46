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

/**
 * Each held-out set was written after a freeze of the rules and scored once
 * then; `atFreeze` is that score (rescues found, of how many). Later rounds
 * were guided by the earlier sets' misses, so only the newest set still
 * measures fairly; the older ones guard against losing ground.
 */
const HELD_OUT = [
  { file: 'rescue-heldout.yaml', atFreeze: { found: 13, rescues: 18 } },
  { file: 'rescue-heldout-2.yaml', atFreeze: { found: 9, rescues: 18 } },
  { file: 'rescue-heldout-3.yaml', atFreeze: { found: 13, rescues: 18 } },
];

describe('rescue detection on labelled statements', () => {
  const main = load('rescue-statements.yaml');
  const heldOut = HELD_OUT.map((h) => ({ ...h, statements: load(h.file) }));

  it('has a labelled set of at least 150 varied statements, and held-out sets of 40 or more', () => {
    expect(main.length).toBeGreaterThanOrEqual(150);
    for (const set of [main, ...heldOut.map((h) => h.statements)]) {
      for (const label of ['rescue', 'coaching', 'neutral'] as const) expect(set.some((s) => s.label === label)).toBe(true);
    }
    for (const h of heldOut) expect(h.statements.length).toBeGreaterThanOrEqual(40);
    const texts = [main, ...heldOut.map((h) => h.statements)].flat().map((s) => s.text.trim().toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('reaches precision >= 0.9 and recall >= 0.85 on the full set', () => {
    const r = score(main);
    report('full set', r);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.85);
  });

  it.each(HELD_OUT.map((h) => [h.file, h] as const))('reports %s, and loses no ground on it', (file, h) => {
    const set = heldOut.find((x) => x.file === file)?.statements ?? [];
    const r = score(set);
    report(`${file} (at its freeze: ${h.atFreeze.found}/${h.atFreeze.rescues})`, r);
    expect(r.tp + r.fn).toBe(h.atFreeze.rescues);
    expect(r.precision).toBeGreaterThanOrEqual(1);
    expect(r.tp).toBeGreaterThanOrEqual(h.atFreeze.found);
  });
});
