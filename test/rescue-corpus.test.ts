/**
 * Precision and recall of detectRescue on labelled statements (issue 5).
 * A statement counts as flagged when detectRescue finds at least one rescue;
 * "rescue" is the positive label, "coaching" and "neutral" the negative ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectRescue } from '../src/rescue/detect.ts';

interface Statement {
  label: 'rescue' | 'coaching' | 'neutral';
  text: string;
}

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

function load(name: string): Statement[] {
  const doc = parse(readFileSync(fixture(name), 'utf8')) as { statements: Statement[] };
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
 * were guided by the first two sets' misses (and by the development set,
 * written for issue 13), so of these only set 3 still measures fairly; the
 * others guard against losing ground. `floor` is held now: at or a little below
 * what the rules reach today (docs/rescue.md, "How well it works").
 */
const HELD_OUT = [
  { file: 'rescue-heldout.yaml', atFreeze: { found: 13, rescues: 18 }, floor: { precision: 1, recall: 0.94 } },
  { file: 'rescue-heldout-2.yaml', atFreeze: { found: 9, rescues: 18 }, floor: { precision: 1, recall: 0.94 } },
  { file: 'rescue-heldout-3.yaml', atFreeze: { found: 13, rescues: 18 }, floor: { precision: 1, recall: 0.72 } },
];

/** Written for issue 13 and used to shape its rules: its figures flatter them, like the full set's. */
const DEV = { file: 'rescue-dev.yaml', floor: { precision: 0.98, recall: 0.96 } };

/**
 * Written by someone who never saw the rules, after issue 13's rules were frozen
 * (240 statements, half rescue, spoken and chat forms), then measured once:
 * precision 0.980 (100/102), recall 0.833 (100/120); before issue 13's rules it
 * scored 0.949 and 0.617. The floor holds what was measured; the goal is 0.95
 * and 0.9. Never tune the rules against it.
 */
const FRESH = { file: 'rescue-heldout-4.yaml', floor: { precision: 0.97, recall: 0.82 } };

describe('rescue detection on labelled statements', () => {
  const main = load('rescue-statements.yaml');
  const heldOut = HELD_OUT.map((h) => ({ ...h, statements: load(h.file) }));
  const dev = load(DEV.file);

  it('has a labelled set of at least 150 varied statements, a development set as large, and held-out sets of 40 or more', () => {
    expect(main.length).toBeGreaterThanOrEqual(150);
    expect(dev.length).toBeGreaterThanOrEqual(150);
    expect(dev.filter((s) => s.label === 'rescue').length * 2).toBeGreaterThanOrEqual(dev.length * 0.9);
    for (const set of [main, dev, ...heldOut.map((h) => h.statements)]) {
      for (const label of ['rescue', 'coaching', 'neutral'] as const) expect(set.some((s) => s.label === label)).toBe(true);
    }
    for (const h of heldOut) expect(h.statements.length).toBeGreaterThanOrEqual(40);
    const texts = [main, dev, ...heldOut.map((h) => h.statements)].flat().map((s) => s.text.trim().toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('holds its floor on the full set (precision >= 0.97, recall >= 0.97)', () => {
    const r = score(main);
    report('full set', r);
    expect(r.precision).toBeGreaterThanOrEqual(0.97);
    expect(r.recall).toBeGreaterThanOrEqual(0.97);
  });

  it(`holds its floor on the development set (precision >= ${DEV.floor.precision}, recall >= ${DEV.floor.recall})`, () => {
    const r = score(dev);
    report(DEV.file, r);
    expect(r.precision).toBeGreaterThanOrEqual(DEV.floor.precision);
    expect(r.recall).toBeGreaterThanOrEqual(DEV.floor.recall);
  });

  it.each(HELD_OUT.map((h) => [h.file, h] as const))('reports %s, and holds its floor', (file, h) => {
    const set = heldOut.find((x) => x.file === file)?.statements ?? [];
    const r = score(set);
    report(`${file} (at its freeze: ${h.atFreeze.found}/${h.atFreeze.rescues})`, r);
    expect(r.tp + r.fn).toBe(h.atFreeze.rescues);
    expect(r.precision).toBeGreaterThanOrEqual(h.floor.precision);
    expect(r.recall).toBeGreaterThanOrEqual(h.floor.recall);
    expect(r.tp).toBeGreaterThanOrEqual(h.atFreeze.found);
  });

  it.skipIf(!existsSync(fixture(FRESH.file)))(`reports ${FRESH.file}, and holds its floor`, () => {
    const set = load(FRESH.file);
    const r = score(set);
    // Statements the other sets already hold would flatter the figures: say how many.
    const known = new Set([main, dev, ...heldOut.map((h) => h.statements)].flat().map((s) => s.text.trim().toLowerCase()));
    const shared = set.filter((s) => known.has(s.text.trim().toLowerCase())).length;
    report(`${FRESH.file} (${shared} statements also in another set)`, r);
    expect(set.length).toBeGreaterThanOrEqual(40);
    expect(r.precision).toBeGreaterThanOrEqual(FRESH.floor.precision);
    expect(r.recall).toBeGreaterThanOrEqual(FRESH.floor.recall);
  });
});
