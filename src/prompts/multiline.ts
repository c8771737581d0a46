/**
 * A multi-line text prompt: Enter starts a new line, Enter on an empty line
 * finishes. Up and Down move between the lines typed; Backspace at the start of
 * an empty line joins it to the line above. Tab, before anything is typed,
 * brings the whole current answer back, every line of it, for editing (issue 10).
 * `/back` or `/skip` alone on any line acts at once; if other lines hold text,
 * it first asks whether to drop them (y), anything else keeps them.
 * Built on @inquirer/core so Ctrl-C behaves like every other prompt.
 */
import { createPrompt, isBackspaceKey, isDownKey, isEnterKey, isTabKey, isUpKey, makeTheme, useKeypress, usePrefix, useState } from '@inquirer/core';

export interface MultilineConfig {
  message: string;
  /** Shown greyed out; kept when the answer is left empty; Tab brings it in for editing. */
  default?: string | undefined;
  required?: boolean | undefined;
  hint?: string | undefined;
  /** Whether `/back` and `/skip` are allowed here; when not, typing one says why. */
  commands?: { back?: string | true | undefined; skip?: string | true | undefined } | undefined;
  theme?: { style?: { message?: (text: string, status: string) => string } };
}

/** What the prompt resolves to: the typed text (or the default), or a command. */
export const BACK_COMMAND = '/back';
export const SKIP_COMMAND = '/skip';

type Command = typeof BACK_COMMAND | typeof SKIP_COMMAND;

export const multiline = createPrompt<string, MultilineConfig>((config, done) => {
  const theme = makeTheme(config.theme);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  // Every line of the answer; lines[row] is being edited, its live text is rl.line (`current`).
  const [lines, setLines] = useState<string[]>(['']);
  const [row, setRow] = useState(0);
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<Command | undefined>(undefined);
  const [shownAnswer, setShownAnswer] = useState('');
  const prefix = usePrefix({ status, theme });

  const finish = (value: string, shown: string) => {
    setShownAnswer(shown);
    setStatus('done');
    done(value);
  };
  const load = (rl: { line: string; clearLine: (dir: 0) => void; write: (s: string) => void }, text: string) => {
    rl.clearLine(0);
    rl.write(text);
    setCurrent(text);
  };

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (pending) {
      // The answer to "drop the lines typed?": y drops them, anything else keeps them.
      const yes = key.name === 'y';
      rl.clearLine(0);
      setCurrent('');
      setPending(undefined);
      setError(undefined);
      if (yes) finish(pending, pending === SKIP_COMMAND ? '(skipped)' : '(back)');
      return;
    }
    if (isEnterKey(key)) {
      // readline has already cleared rl.line when Enter arrives; the typed line is in state.
      const line = current;
      const others = lines.filter((_, i) => i !== row);
      const command = line.trim().toLowerCase();
      if (command === BACK_COMMAND || command === SKIP_COMMAND) {
        const allowed = command === BACK_COMMAND ? config.commands?.back : config.commands?.skip;
        if (allowed !== true) {
          setError(allowed ?? (command === BACK_COMMAND ? 'There is no question to go back to.' : 'This question needs an answer.'));
          setCurrent('');
          return;
        }
        if (others.some((l) => l.trim() !== '')) {
          setPending(command);
          setCurrent('');
          return;
        }
        finish(command, command === SKIP_COMMAND ? '(skipped)' : '(back)');
        return;
      }
      if (line.trim() === '') {
        const text = others.join('\n').trim();
        // An empty answer keeps the default, as with single-line prompts.
        const answer = text === '' ? (config.default ?? '') : text;
        if (answer === '' && config.required) {
          setError(`Type an answer${config.commands?.back === true ? ' (or /back to go to the previous question)' : ''}.`);
          return;
        }
        finish(answer, answer === '' ? '(skipped)' : answer.split('\n').filter((l) => l.trim() !== '').join(' / '));
        return;
      }
      const next = [...lines];
      next[row] = line;
      next.splice(row + 1, 0, '');
      setLines(next);
      setRow(row + 1);
      setCurrent('');
      setError(undefined);
      return;
    }
    if (isTabKey(key) && config.default && current === '' && lines.every((l, i) => i === row || l === '')) {
      // readline has inserted the tab; the whole answer replaces it, the cursor on its last line.
      const restored = config.default.split('\n');
      const last = restored.length - 1;
      setLines(restored);
      setRow(last);
      load(rl, restored[last] ?? '');
      return;
    }
    if ((isUpKey(key) && row > 0) || (isDownKey(key) && row < lines.length - 1)) {
      // readline may have recalled its history into rl.line; the line being left keeps what was typed.
      const next = [...lines];
      next[row] = current;
      const to = isUpKey(key) ? row - 1 : row + 1;
      setLines(next);
      setRow(to);
      load(rl, next[to] ?? '');
      return;
    }
    if (isBackspaceKey(key) && current === '' && row > 0) {
      // Backspace at the start of an empty line joins it to the line above.
      const next = lines.filter((_, i) => i !== row);
      setLines(next);
      setRow(row - 1);
      load(rl, next[row - 1] ?? '');
      return;
    }
    setCurrent(rl.line);
    setError(undefined);
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const text = shownAnswer;
    return `${prefix} ${message} ${theme.style.answer(text.length > 60 ? text.slice(0, 57) + '…' : text)}`;
  }
  const hint = theme.style.help(config.hint ?? 'Enter for a new line; an empty line finishes.');
  const empty = current === '' && lines.every((l) => l === '');
  // The whole default on one line, " / " between its lines, as the answer shows once done.
  const shownDefault = (config.default ?? '').split('\n').filter((l) => l.trim() !== '').join(' / ');
  const def = empty && shownDefault ? ` ${theme.style.defaultAnswer(shownDefault.length > 60 ? shownDefault.slice(0, 57) + '…' : shownDefault)}` : '';
  const above = lines.slice(0, row).map((l) => `  ${l}`);
  const below = lines.slice(row + 1).map((l) => `  ${l}`);
  const content = [`${prefix} ${message}${def}`, hint, ...above, `  ${current}`].join('\n');
  const question = pending
    ? theme.style.error(`Drop the other lines typed for this answer and ${pending === SKIP_COMMAND ? 'skip it' : 'go back'}? y drops them, any other key keeps them.`)
    : error
      ? theme.style.error(error)
      : '';
  return [content, [...below, question].filter((l) => l !== '').join('\n')];
});
