import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkText } from '../src/playbook/fork.ts';
import { builtinDir } from '../src/playbook/load.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';
import { scaffoldPlaybook, titleFromId } from '../src/playbook/scaffold.ts';

const edit = { id: 'acme-one-to-one', forkedFrom: 'one-to-one@1.0.0', schemaPath: '/opt/repcoach/schema/playbook.schema.json' };

describe('forkText', () => {
  const original = readFileSync(path.join(builtinDir(), 'one-to-one.yaml'), 'utf8');
  const forked = forkText(original, edit);

  it('changes the id, adds forkedFrom after the version and points the schema comment at the installed schema', () => {
    const a = original.split('\n');
    const b = forked.split('\n');
    expect(b[0]).toBe('# yaml-language-server: $schema=/opt/repcoach/schema/playbook.schema.json');
    expect(b[1]).toBe('id: acme-one-to-one');
    const v = b.indexOf(`version: "${parsePlaybook(original, 'one-to-one.yaml').version}"`);
    expect(v).toBeGreaterThan(1);
    expect(b[v + 1]).toBe('forkedFrom: one-to-one@1.0.0');
    // Everything else is byte for byte the same: comments, folded text, line breaks.
    expect([...b.slice(2, v + 1), ...b.slice(v + 2)]).toEqual(a.slice(2));
  });

  it('is a valid playbook with the new id and origin', () => {
    const pb = parsePlaybook(forked, 'acme-one-to-one.yaml');
    expect([pb.id, pb.forkedFrom]).toEqual(['acme-one-to-one', 'one-to-one@1.0.0']);
    expect(pb.stages).toEqual(parsePlaybook(original, 'one-to-one.yaml').stages);
  });

  it('replaces an existing forkedFrom (a fork of a fork) in place and keeps comments on the way', () => {
    const text = '# top comment\nid: a # the id\ntitle: A\ndescription: d\nversion: "2.0"\nforkedFrom: old@1.0 # was\n# stages follow\nstages:\n  - id: s\n    title: S\n    goal: g\n    questions:\n      - {id: q, text: Q?}\n';
    const out = forkText(text, { ...edit, forkedFrom: 'a@2.0' });
    expect(out).toBe(
      '# yaml-language-server: $schema=/opt/repcoach/schema/playbook.schema.json\n# top comment\nid: acme-one-to-one # the id\ntitle: A\ndescription: d\nversion: "2.0"\nforkedFrom: a@2.0 # was\n# stages follow\nstages:\n  - id: s\n    title: S\n    goal: g\n    questions:\n      - {id: q, text: Q?}\n',
    );
  });

  it('quotes an id that would otherwise read as a number', () => {
    const out = forkText('id: a\ntitle: A\ndescription: d\nversion: "1"\nstages: []\n', { ...edit, id: '2024' });
    expect(out).toContain('id: "2024"\n');
  });

  it('handles a playbook written as a flow map', () => {
    const out = forkText('{id: a, title: A, description: d, version: "1", stages: [{id: s, title: S, goal: g, questions: [{id: q, text: Q?}]}]}\n', edit);
    const pb = parsePlaybook(out, 'x.yaml');
    expect([pb.id, pb.forkedFrom]).toEqual(['acme-one-to-one', 'one-to-one@1.0.0']);
    expect(out.split('\n')[0]).toBe('# yaml-language-server: $schema=/opt/repcoach/schema/playbook.schema.json');
  });
});

describe('scaffoldPlaybook', () => {
  it.each(['price-objections', '2024', 'true', 'a'])('"%s" gives a valid five-stage playbook', (id) => {
    const text = scaffoldPlaybook(id, '/opt/repcoach/schema/playbook.schema.json');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=/opt/repcoach/schema/playbook.schema.json');
    const pb = parsePlaybook(text, `${id}.yaml`);
    expect(pb.id).toBe(id);
    expect(pb.stages.map((s) => s.letter).join('')).toBe('CLEAR');
    expect(new Set(pb.stages.flatMap((s) => s.questions.map((q) => q.type)))).toEqual(
      new Set(['text', 'long-text', 'choice', 'actions', 'yes-no', 'scale']),
    );
  });

  it.each([
    ['price-objections', 'Price objections'],
    ['new--rep', 'New rep'],
  ])('titleFromId(%s) = %s', (id, title) => {
    expect(titleFromId(id)).toBe(title);
  });
});
