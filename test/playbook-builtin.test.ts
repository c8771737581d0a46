import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinDir } from '../src/playbook/load.ts';
import { parsePlaybook } from '../src/playbook/parse.ts';

const files = readdirSync(builtinDir()).filter((f) => f.endsWith('.yaml'));

describe('built-in playbooks', () => {
  it.each(files)('%s is valid and its id matches its file name', (file) => {
    const pb = parsePlaybook(readFileSync(path.join(builtinDir(), file), 'utf8'), file);
    expect(pb.id).toBe(file.replace(/\.yaml$/, ''));
    const questions = pb.stages.flatMap((s) => s.questions);
    expect(questions.length).toBeGreaterThanOrEqual(12);
    expect(questions.length).toBeLessThanOrEqual(25);
  });
});
