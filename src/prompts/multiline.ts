/**
 * A multi-line text prompt: Enter starts a new line, Enter on an empty line
 * finishes. Built on @inquirer/core so Ctrl-C behaves like every other prompt.
 */
import { createPrompt, isBackspaceKey, isEnterKey, makeTheme, useKeypress, usePrefix, useState } from '@inquirer/core';

export interface MultilineConfig {
  message: string;
  /** Shown greyed out; Tab copies it in for editing. */
  default?: string;
  required?: boolean;
  hint?: string;
  theme?: { style?: { message?: (text: string, status: string) => string } };
}

export const multiline = createPrompt<string, MultilineConfig>((config, done) => {
  const theme = makeTheme(config.theme);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [lines, setLines] = useState<string[]>([]);
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status, theme });

  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      // readline has already cleared rl.line when Enter arrives; the typed line is in state.
      const line = current;
      if (line.trim() === '') {
        const text = lines.join('\n').trim();
        // An empty answer keeps the default, as with single-line prompts.
        const answer = text === '' ? (config.default ?? '') : text;
        if (answer === '' && config.required) {
          setError('Type an answer (or /back to go to the previous question).');
          return;
        }
        setStatus('done');
        done(answer);
        return;
      }
      // A command typed on its own line acts at once.
      if (lines.length === 0 && /^\/(back|skip)$/i.test(line.trim())) {
        setStatus('done');
        done(line.trim().toLowerCase());
        return;
      }
      setLines([...lines, line]);
      setCurrent('');
      setError(undefined);
      return;
    }
    if (key.name === 'tab' && lines.length === 0 && !rl.line && config.default) {
      rl.clearLine(0);
      const [first, ...rest] = config.default.split('\n');
      setLines(rest.length ? [first ?? ''] : []);
      rl.write(rest.length ? rest.join(' ') : (first ?? ''));
      setCurrent(rl.line);
      return;
    }
    if (isBackspaceKey(key) && !rl.line && lines.length > 0) {
      // Backspace at the start of an empty line goes back to the line above.
      const last = lines[lines.length - 1] ?? '';
      setLines(lines.slice(0, -1));
      rl.write(last);
      setCurrent(last);
      return;
    }
    setCurrent(rl.line);
    setError(undefined);
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const text = lines.join(' / ') || config.default || '';
    return `${prefix} ${message} ${theme.style.answer(text.length > 60 ? text.slice(0, 57) + '…' : text)}`;
  }
  const shown = lines.map((l) => `  ${l}`).join('\n');
  const hint = theme.style.help(config.hint ?? 'Enter for a new line; an empty line finishes.');
  const def = lines.length === 0 && !current && config.default ? ` ${theme.style.defaultAnswer(config.default)}` : '';
  const head = `${prefix} ${message}${def}\n${hint}`;
  const body = shown ? `${head}\n${shown}\n  ${current}` : `${head}\n  ${current}`;
  return [body, error ? theme.style.error(error) : ''];
});
