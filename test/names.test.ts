/**
 * Who a typed name means (issue 10) and how an action's owner is said: the pure
 * parts `run`, `prep` and `history` share.
 */
import { describe, expect, it } from 'vitest';
import { ownerLabel, type Owner } from '../src/playbook/model.ts';
import { findRep } from '../src/report/reps.ts';
import { editDistance, matchRep, repChoices } from '../src/util/names.ts';

const SAM = { name: 'Sam Lee', slug: 'sam-lee' };
const OKAFOR = { name: 'Sam Okafor', slug: 'sam-okafor' };
const ANA = { name: 'Ana Díaz', slug: 'ana-diaz' };
const DANA = { name: 'Dana Ortiz', slug: 'dana-ortiz' };
const REP1 = { name: 'Rep 1', slug: 'rep-1' };
const MIKE = { name: 'Mike Chen', slug: 'mike-chen' };
const REPS = [SAM, OKAFOR, ANA, DANA, REP1, MIKE];

/** What matchRep says, as a short line: "exact Sam Lee", "close Sam Lee (words), …", "none". */
function said(typed: string, reps = REPS): string {
  const m = matchRep(typed, reps);
  if (m.kind === 'exact') return `exact ${m.rep.name}`;
  if (m.kind === 'none') return 'none';
  return `close ${m.candidates.map((c) => `${c.rep.name} (${c.closeness})`).join(', ')}`;
}

describe('matchRep', () => {
  it.each([
    // The same slug is the same rep: case, spacing, accents and punctuation aside.
    ['Sam Lee', 'exact Sam Lee'],
    ['sam lee', 'exact Sam Lee'],
    ['  SAM   LEE ', 'exact Sam Lee'],
    ['ana diaz', 'exact Ana Díaz'],
    ['Ana Diaz', 'exact Ana Díaz'],
    ['sam-lee', 'exact Sam Lee'],
    // A first name, a last name, a prefix: close, never the same rep by itself.
    ['sam', 'close Sam Lee (words), Sam Okafor (words)'],
    ['Sam L', 'close Sam Lee (words)'],
    ['lee', 'close Sam Lee (words)'],
    ['okafor', 'close Sam Okafor (words)'],
    ['Díaz', 'close Ana Díaz (words)'],
    ['dana', 'close Dana Ortiz (words)'],
    ['s', 'close Sam Lee (words), Sam Okafor (words)'],
    ['Rep', 'close Rep 1 (words)'],
    // A slip of the keys in a word of four letters or more, or a space left out.
    ['Dana Ortix', 'close Dana Ortiz (typo)'],
    ['Dnaa Ortiz', 'close Dana Ortiz (typo)'],
    ['Mike Chne', 'close Mike Chen (typo)'],
    ['samlee', 'close Sam Lee (typo)'],
    ['Ana Diax', 'close Ana Díaz (typo)'],
    // Words before typos.
    ['mike', 'close Mike Chen (words)'],
    // Not close: another person.
    ['Samantha', 'none'],
    ['Ana', 'close Ana Díaz (words)'],
    ['Jo Smith', 'none'],
    ['Sam Lee Jr', 'none'],
    ['Sma Lee', 'none'],
    ['Rep 2', 'none'],
    ['Dan Ortiz', 'close Dana Ortiz (words)'],
    ['Ortiz Dana', 'none'],
    ['', 'none'],
    ['---', 'none'],
  ])('%j → %s', (typed, expected) => {
    expect(said(typed)).toBe(expected);
  });

  it('gives close candidates in the order given within each kind (the caller’s: newest first)', () => {
    expect(said('sam', [OKAFOR, SAM])).toBe('close Sam Okafor (words), Sam Lee (words)');
    const lea = { name: 'Samx Lea', slug: 'samx-lea' };
    expect(said('sam', [lea, SAM])).toBe('close Samx Lea (words), Sam Lee (words)');
    expect(said('Sam Leex', [{ name: 'Sam Leex Extra', slug: 'x' }, { name: 'Sam Lees', slug: 'y' }])).toBe('close Sam Leex Extra (words), Sam Lees (typo)');
  });

  it('knows no one when there is no one', () => {
    expect(said('Sam', [])).toBe('none');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['dana', 'dnaa', 1],
    ['ortiz', 'ortix', 1],
    ['díaz', 'diaz', 1],
    ['ab', 'ba', 1],
  ])('%j, %j: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('findRep (prep, history) agrees with run', () => {
  it.each([
    ['Sam Lee', 'Sam Lee'],
    ['sam lee', 'Sam Lee'],
    ['lee', 'Sam Lee'],
    ['Sam L', 'Sam Lee'],
    ['dana', 'Dana Ortiz'],
    ['okafor', 'Sam Okafor'],
  ])('%j is %s', (typed, name) => {
    expect(findRep(typed, REPS).name).toBe(name);
  });

  it.each([
    ['sam', /"sam" matches 2 reps: Sam Lee, Sam Okafor/],
    // A typo is suggested, not taken: run would ask about it.
    ['Dana Ortix', /No rep "Dana Ortix" \(did you mean "Dana Ortiz"\?\)/],
    ['Samantha', /No rep "Samantha"/],
  ])('%j is an error: %s', (typed, message) => {
    expect(() => findRep(typed, REPS)).toThrow(message);
  });
});

describe('repChoices (the picker at “Who are you coaching today?”)', () => {
  const reps = [
    { ...DANA, last: 'last session Tue 1 Dec' },
    { ...SAM, last: 'last session Mon 23 Nov' },
    OKAFOR,
  ];
  const names = (term: string | undefined) => repChoices(term, reps).map((c) => c.name);

  it.each([
    [undefined, ['Dana Ortiz', 'Sam Lee', 'Sam Okafor']],
    ['', ['Dana Ortiz', 'Sam Lee', 'Sam Okafor']],
    ['sam', ['Sam Lee', 'Sam Okafor', '“sam”: a new rep, not Sam Lee or Sam Okafor']],
    ['lee', ['Sam Lee', '“lee”: a new rep, not Sam Lee']],
    // Type to filter: within a name too, accents and case aside.
    ['ORT', ['Dana Ortiz', '“ORT”: a new rep, not Dana Ortiz']],
    ['rti', ['Dana Ortiz', '“rti”: a new rep']],
    ['Dana Ortix', ['Dana Ortiz', '“Dana Ortix”: a new rep, not Dana Ortiz']],
    ['Jo  Smith', ['“Jo Smith”: a new rep']],
    // A known rep's own name is that rep, not a new one.
    ['sam lee', ['Sam Lee']],
  ])('%j → %j', (term, expected) => {
    expect(names(term)).toEqual(expected);
  });

  it('carries the rep or the typed name, and each rep’s last session as its description', () => {
    const [first, , fresh] = repChoices('sam', reps);
    expect(first).toEqual({ name: 'Sam Lee', value: { rep: reps[1] }, description: 'last session Mon 23 Nov' });
    expect(fresh).toEqual({ name: '“sam”: a new rep, not Sam Lee or Sam Okafor', value: { typed: 'sam' } });
  });
});

describe('ownerLabel', () => {
  const cases: Array<[Owner, string | undefined, 'note' | 'terminal', string]> = [
    ['rep', 'Maria', 'note', 'Sam Lee'],
    ['manager', 'Maria', 'note', 'Maria'],
    ['both', 'Maria', 'note', 'Sam Lee and Maria'],
    ['rep', 'Maria', 'terminal', 'Sam Lee'],
    ['manager', 'Maria', 'terminal', 'Maria'],
    ['both', 'Maria', 'terminal', 'Sam Lee and Maria'],
    // No name known: a note speaks of the manager, the screen to them.
    ['manager', undefined, 'note', 'the manager'],
    ['both', undefined, 'note', 'Sam Lee and the manager'],
    ['manager', undefined, 'terminal', 'you'],
    ['both', undefined, 'terminal', 'Sam Lee and you'],
    ['rep', undefined, 'terminal', 'Sam Lee'],
    ['manager', '   ', 'note', 'the manager'],
  ];
  it.each(cases)('%s, manager %j, %s: %j', (owner, manager, context, expected) => {
    expect(ownerLabel(owner, { rep: 'Sam Lee', manager }, context)).toBe(expected);
  });
});
