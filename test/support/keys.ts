/**
 * A pretend terminal for the real prompter: bytes in through a stream, as a
 * terminal sends them, and the screen's text out. For tests that need readline
 * itself (Ctrl-D closes it), which @inquirer/testing's input does not mimic.
 */
import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

export const KEY = { enter: '\r', tab: '\t', ctrlC: '\u0003', ctrlD: '\u0004', up: '\u001b[A', down: '\u001b[B', backspace: '\u007f' } as const;

/** Like a terminal, it outlives each prompt: every prompt ends its output stream when done, and stdout ignores that. */
class Screen extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8');
    cb();
  }
  override end(): this {
    return this;
  }
}

export class KeyTerminal {
  readonly input = new PassThrough();
  private readonly screen = new Screen();
  readonly output: NodeJS.WritableStream = this.screen;

  private get text(): string {
    return this.screen.text;
  }

  /** Everything written so far, escape sequences removed. */
  get plain(): string {
    return stripVTControlCharacters(this.text);
  }

  send(...parts: string[]): void {
    for (const p of parts) this.input.write(p);
  }

  /** Wait until the output holds `pattern` after `from` characters. */
  async waitFor(pattern: string | RegExp, timeoutMs = 5000, from = 0): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = this.plain.slice(from);
      if (typeof pattern === 'string' ? seen.includes(pattern) : pattern.test(seen)) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; output:\n${this.plain}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Wait for `prompt` to show, then send keys. */
  async at(prompt: string | RegExp, ...keys: string[]): Promise<void> {
    await this.waitFor(prompt, 5000, this.mark);
    this.mark = this.plain.length;
    this.send(...keys);
  }

  private mark = 0;
}
