/**
 * "Playbooks change; sessions must not break" (issue 3): a session resumed
 * after its playbook file was edited continues with the copy stored when it
 * started, says so, and its note records the version that was used.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resume } from '../src/commands/resume.ts';
import { run } from '../src/commands/run.ts';
import type { AskRequest, AskResult, Prompter } from '../src/run/questions.ts';
import { listSessions } from '../src/store/store.ts';
import { tempDir, tempPaths } from './helpers.ts';
import { miniPlaybook, testContext, write } from './library-helpers.ts';

/** What the scripted person at the terminal saw. */
const seen = { asked: [] as string[], messages: [] as string[] };

// The terminal prompter is replaced by one that answers every question; the rest of resume runs for real.
vi.mock('../src/prompts/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/prompts/index.ts')>();
  const scripted: Prompter = {
    stage: () => undefined,
    ask: async (req: AskRequest): Promise<AskResult> => {
      seen.asked.push(req.text);
      return { kind: 'answer', value: req.question.type === 'scale' ? 8 : `answer to ${req.question.id}` };
    },
    recap: (items) => seen.messages.push(...items.map((i) => `recap: ${i.text} → ${i.answer}`)),
    actionSummary: () => undefined,
    message: (text) => seen.messages.push(text),
  };
  return { ...original, createTerminalPrompter: () => scripted };
});

describe('resume after the playbook changed', () => {
  it('continues with the stored copy, says so, and the note records the version used', async () => {
    const paths = tempPaths();
    const dir = tempDir();
    const file = write(
      path.join(paths.playbooks, 'weekly.yaml'),
      miniPlaybook('weekly', { extra: '      - id: next\n        text: What is your next step?\n' }),
    );
    // Start from an answers file that leaves questions open: the session is paused.
    const answers = write(path.join(dir, 'answers.yaml'), 'goal: A plan for Acme\n');
    const started = testContext(paths, { cwd: dir });
    await expect(run(started, { playbook: 'weekly', rep: 'Sam Lee', answers, input: false })).rejects.toThrow(/Missing required answers: confidence, next/);

    // The playbook is edited: a new version, a reworded question, a new required question.
    const edited = readFileSync(file, 'utf8')
      .replace('version: "1.0.0"', 'version: "2.0.0"')
      .replace('How confident are you?', 'How sure are you, really?')
      .concat('      - id: added_later\n        text: A question added after the session started?\n');
    writeFileSync(file, edited);

    const ctx = testContext(paths, { cwd: dir, stdinIsTTY: true });
    await resume(ctx, {});

    expect(seen.messages).toContain(
      `The playbook file ${file} has changed since this session started; continuing with the version it started with (v1.0.0).`,
    );
    expect(seen.messages).toContain('recap: What do you want from this, Sam Lee? → A plan for Acme');
    expect(seen.asked).toEqual(['How confident are you?', 'What is your next step?']);

    const [session] = (await listSessions(paths)).sessions;
    expect(session?.state.status).toBe('done');
    const journal = readFileSync(session?.file ?? '', 'utf8');
    expect(journal).toContain('"type":"resume"');
    expect(journal).toContain('"playbookChanged":true');

    const note = readFileSync(session?.state.notePath ?? '', 'utf8');
    expect(note).toMatch(/^---\n(.*\n)*playbook: "weekly"\nplaybook_version: "1\.0\.0"\n/);
    expect(note).toContain('**Playbook:** Playbook weekly (v1.0.0)');
    expect(note).toContain('How confident are you?');
    expect(note).not.toContain('How sure are you, really?');
    expect(note).not.toContain('added after the session started');
  });
});
