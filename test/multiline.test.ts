/**
 * The multi-line prompt driven key by key with @inquirer/testing (issue 10):
 * Tab brings the whole answer back, /back and /skip on any line, "(skipped)" once done.
 */
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { multiline, type MultilineConfig } from '../src/prompts/multiline.ts';

const allowed: MultilineConfig['commands'] = { back: true, skip: true };

async function start(config: Partial<MultilineConfig> = {}) {
  const r = await render(multiline, { message: 'What have you tried?', commands: allowed, ...config });
  const typeLine = async (text: string) => {
    if (text) r.events.type(text);
    r.events.keypress('enter');
    await r.nextRender();
  };
  return { ...r, typeLine };
}

describe('multiline: Tab edits the current answer', () => {
  it('brings back every line of the answer, the cursor on the last; typing goes on from there', async () => {
    const p = await start({ default: 'Two emails\nA call\nA LinkedIn note' });
    p.events.keypress('tab');
    await p.nextRender();
    const screen = p.getScreen();
    expect(screen).toContain('  Two emails\n  A call\n  A LinkedIn note');
    expect(screen).not.toContain('\t');
    p.events.type(' to Jo');
    await p.typeLine('');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('Two emails\nA call\nA LinkedIn note to Jo');
  });

  it('Up moves to an earlier line to change it; the lines below are kept', async () => {
    const p = await start({ default: 'one\ntwo\nthree' });
    p.events.keypress('tab');
    await p.nextRender();
    p.events.keypress('up');
    await p.nextRender();
    p.events.type('!');
    await p.typeLine('');
    // Enter on "two!" opened a new empty line under it; an empty line finishes.
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('one\ntwo!\nthree');
  });

  it('Down goes back to a later line', async () => {
    const p = await start({ default: 'one\ntwo' });
    p.events.keypress('tab');
    await p.nextRender();
    p.events.keypress('up');
    await p.nextRender();
    p.events.keypress('down');
    await p.nextRender();
    p.events.type('!');
    await p.typeLine('');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('one\ntwo!');
  });

  it('Tab after something was typed does not throw the typing away', async () => {
    const p = await start({ default: 'old answer' });
    await p.typeLine('new first line');
    p.events.keypress('tab');
    await p.typeLine('');
    const answer = await p.answer;
    expect(answer.startsWith('new first line')).toBe(true);
    expect(answer).not.toContain('old answer');
  });

  it('an empty answer keeps the default, all of it', async () => {
    const p = await start({ default: 'one\ntwo' });
    expect(p.getScreen()).toContain('What have you tried? (one / two)');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('one\ntwo');
  });

  it('Backspace at the start of an empty line joins it to the line above', async () => {
    const p = await start();
    await p.typeLine('Ask the');
    p.events.keypress('backspace');
    await p.nextRender();
    p.events.type(' CFO');
    await p.typeLine('');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('Ask the CFO');
  });
});

describe('multiline: /back and /skip on any line', () => {
  it('/skip alone on the first line skips at once and shows "(skipped)", not "/skip"', async () => {
    const p = await start();
    await p.typeLine('/skip');
    await expect(p.answer).resolves.toBe('/skip');
    expect(p.getScreen()).toContain('What have you tried? (skipped)');
    expect(p.getScreen()).not.toContain('/skip');
  });

  it('/back alone on the first line goes back at once', async () => {
    const p = await start();
    await p.typeLine('/BACK');
    await expect(p.answer).resolves.toBe('/back');
    expect(p.getScreen()).toContain('(back)');
  });

  it('/skip on a later line asks before dropping the lines typed; y drops them', async () => {
    const p = await start();
    await p.typeLine('A draft');
    await p.typeLine('/skip');
    expect(p.getScreen()).toContain('Drop the other lines typed for this answer and skip it?');
    p.events.keypress('y');
    await expect(p.answer).resolves.toBe('/skip');
    expect(p.getScreen()).toContain('(skipped)');
  });

  it('/back on a later line, then any key but y, keeps the lines and goes on', async () => {
    const p = await start();
    await p.typeLine('A draft');
    await p.typeLine('/back');
    expect(p.getScreen()).toContain('and go back?');
    p.events.keypress('n');
    await p.nextRender();
    expect(p.getScreen()).not.toContain('go back?');
    await p.typeLine('Second line');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('A draft\nSecond line');
  });

  it('/skip on a later line with nothing else typed skips at once', async () => {
    const p = await start({ default: 'kept default' });
    await p.typeLine('/skip');
    await expect(p.answer).resolves.toBe('/skip');
  });

  it('a command that is not allowed here says why and is not taken as the answer', async () => {
    const p = await start({ commands: { back: 'This is the first question.', skip: 'This question needs an answer.' }, required: true });
    await p.typeLine('/back');
    expect(p.getScreen()).toContain('This is the first question.');
    await p.typeLine('/skip');
    expect(p.getScreen()).toContain('This question needs an answer.');
    await p.typeLine('Real answer');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('Real answer');
  });

  it('a required answer left empty asks for one', async () => {
    const p = await start({ required: true });
    await p.typeLine('');
    expect(p.getScreen()).toContain('Type an answer (or /back to go to the previous question).');
    await p.typeLine('Now one');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('Now one');
  });

  it('once done, shows the lines of the answer joined with " / "', async () => {
    const p = await start();
    await p.typeLine('Ask the CFO');
    await p.typeLine('Offer a pilot');
    await p.typeLine('');
    await expect(p.answer).resolves.toBe('Ask the CFO\nOffer a pilot');
    expect(p.getScreen()).toContain('What have you tried? Ask the CFO / Offer a pilot');
  });
});
