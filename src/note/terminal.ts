/**
 * A coaching note (markdown from render.ts) as terminal text for `repcoach
 * show`: front matter dropped, headings and emphasis styled, task boxes drawn,
 * markdown escapes undone. Only the markdown render.ts writes needs handling,
 * and every piece of text still goes through safeText. Pure.
 */
import type { ChalkInstance } from 'chalk';
import { safeText } from '../util/term.ts';

/** Undo backslash escapes and apply **bold** / *italic*; escaped stars stay stars. */
export function inlineForTerminal(text: string, c: ChalkInstance): string {
  let out = '';
  let run = '';
  let bold = false;
  let italic = false;
  const flush = () => {
    const t = safeText(run);
    out += bold ? c.bold(t) : italic ? c.italic(t) : t;
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\\' && i + 1 < text.length) {
      run += text[++i];
    } else if (ch === '*' && text[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (ch === '*') {
      flush();
      italic = !italic;
    } else {
      run += ch;
    }
  }
  flush();
  return out;
}

export function noteForTerminal(markdown: string, c: ChalkInstance): string {
  const lines = markdown.split('\n');
  let i = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end !== -1) i = end + 1;
  }
  const out: string[] = [];
  for (; i < lines.length; i++) {
    // A trailing backslash is a hard line break in the markdown.
    const line = (lines[i] ?? '').replace(/\\$/, '');
    let m: RegExpExecArray | null;
    if ((m = /^# (.*)$/.exec(line))) out.push(c.bold.underline(inlineForTerminal(m[1] ?? '', c)));
    else if ((m = /^## (.*)$/.exec(line))) out.push(c.bold.cyan(inlineForTerminal(m[1] ?? '', c)));
    else if ((m = /^#{3,6} (.*)$/.exec(line))) out.push(c.bold(inlineForTerminal(m[1] ?? '', c)));
    else if ((m = /^(\s*)- \[( |x)\] (.*)$/.exec(line))) out.push(`${m[1]}${m[2] === 'x' ? c.green('☑') : '☐'} ${inlineForTerminal(m[3] ?? '', c)}`);
    else if ((m = /^(\s*)- (.*)$/.exec(line))) out.push(`${m[1]}• ${inlineForTerminal(m[2] ?? '', c)}`);
    else if ((m = /^> ?(.*)$/.exec(line))) out.push(c.yellow(`│ ${inlineForTerminal(m[1] ?? '', c)}`));
    else out.push(inlineForTerminal(line, c));
  }
  return out.join('\n').replace(/^\n+/, '').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
