import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinDir } from '../src/playbook/load.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { visibleToRep } from '../src/playbook/model.ts';

const files = readdirSync(builtinDir()).filter((f) => f.endsWith('.yaml'));
const load = (file: string) => parsePlaybook(readFileSync(path.join(builtinDir(), file), 'utf8'), file);

/**
 * The anti-rescue message in its many wordings ("keep the pen with the rep",
 * "leave it with me", "not you taking the call"…). Issue 10: said about seven
 * times in one run, it turns into noise; once per stage at most, where it helps.
 */
const ANTI_RESCUE =
  /\b(?:take[sn]? (?:it |the \w+ |them )?over|taking (?:it )?over|step(?:ping|s)? in(?:to)?\b(?!\s+(?:\{\{rep\}\}'s|the rep's|their) words)|rescu\w*|pen with|leave it with me|send me the thread|stays? (?:theirs|with|yours|in)|in (?:the rep's|\{\{rep\}\}'s|their) (?:own )?name|owners? should (?:almost always )?be the rep|(?:not|never) you (?:doing|running|taking)|jump(?:ing)? in|hand(?:ing)? (?:it |them )?back|changing hands|for them|on \{\{rep\}\}'s behalf|join (?:the|that|every) call|sit in on|do(?:ing)? it for|let me take|just in case|your own contacts)/i;

describe('built-in playbooks', () => {
  it.each(files)('%s is valid and its id matches its file name', (file) => {
    const pb = load(file);
    expect(pb.id).toBe(file.replace(/\.yaml$/, ''));
    const questions = pb.stages.flatMap((s) => s.questions);
    expect(questions.length).toBeGreaterThanOrEqual(12);
    expect(questions.length).toBeLessThanOrEqual(25);
  });

  it.each(files)('%s says the anti-rescue message at most once per stage', (file) => {
    for (const stage of load(file).stages) {
      const said = [
        ['goal', stage.goal],
        ['tip', stage.tip],
        ...stage.questions.map((q) => [`${q.id}.help`, q.help]),
      ].filter((f): f is [string, string] => f[1] !== undefined && ANTI_RESCUE.test(f[1]));
      expect({ stage: stage.id, said: said.map(([where]) => where) }).toEqual({ stage: stage.id, said: said.slice(0, 1).map(([where]) => where) });
    }
  });

  it.each(files)('%s keeps the manager’s own ideas out of the rep’s copy', (file) => {
    for (const stage of load(file).stages) {
      for (const q of stage.questions) if (q.advice) expect({ id: q.id, private: q.private || stage.private }).toEqual({ id: q.id, private: true });
    }
  });

  it.each(files)('%s lets the rep talk before it asks what they have already tried', (file) => {
    const pb = load(file);
    const stage = pb.stages.find((s) => s.questions.some((q) => q.gate === 'inquiry'));
    if (!stage) return;
    const before = stage.questions.slice(0, stage.questions.findIndex((q) => q.gate === 'inquiry'));
    expect(before.some((q) => q.voice === 'rep' && !q.private && (q.type === 'text' || q.type === 'long-text'))).toBe(true);
  });

  it.each(files)('%s marks the situation for the note’s summary, and at most one decision, both the rep’s own words', (file) => {
    const pb = load(file);
    const marked = (kind: string) => pb.stages.flatMap((s) => s.questions.filter((q) => q.summary === kind).map((q) => ({ stage: s, q })));
    const situation = marked('situation');
    const decision = marked('decision');
    expect(situation).toHaveLength(1);
    expect(decision.length).toBeLessThanOrEqual(1);
    for (const { stage, q } of [...situation, ...decision]) {
      expect({ id: q.id, type: q.type, shared: visibleToRep(stage, q) }).toEqual({ id: q.id, type: q.type === 'long-text' ? 'long-text' : 'text', shared: true });
    }
  });

  it('one-to-one takes the session’s deal from the topic the rep names', () => {
    const deal = load('one-to-one.yaml').stages.flatMap((s) => s.questions).filter((q) => q.deal);
    expect(deal.map((q) => q.id)).toEqual(['topic']);
  });

  it('stalled-deal asks the story first, what standing still costs, and fits a renewal', () => {
    const pb = load('stalled-deal.yaml');
    const listening = pb.stages.find((s) => s.id === 'listening');
    expect(listening?.questions[0]?.text).toMatch(/^Walk me through/);
    const texts = pb.stages.flatMap((s) => s.questions.map((q) => q.text)).join('\n');
    expect(texts).not.toMatch(/silence/i);
    expect(texts).toMatch(/standing still cost/);
    const stages = pb.stages.flatMap((s) => s.questions).find((q) => q.id === 'deal_stage');
    expect(JSON.stringify(stages?.options)).toMatch(/Renewal/);
  });
});
