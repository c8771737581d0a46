/**
 * The built binary in a real pseudo-terminal: a tmux pane on a private tmux
 * server (its own socket, so nothing touches the user's tmux). Screens are read
 * with capture-pane and waited for by polling, never by fixed sleeps. The one
 * tmux harness of the tests: start a pane (Pane.start, Pane.command), send keys
 * (type, key), wait for text (waitFor, waitForInHistory, waitForExit), capture
 * (screen, history), end it (close, Pane.killServer).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (REPCOACH_REPO when this module is bundled elsewhere, as scripts/soak.mjs does). */
export const ROOT = process.env['REPCOACH_REPO'] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

/** libfaketime's `faketime` command (Debian package faketime), for a clock set in a test. */
export function hasFaketime(): boolean {
  return spawnSync('faketime', ['2026-01-01 00:00:00', 'true']).status === 0;
}

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** What a wait looks for: text the screen contains, a pattern, or a test of the whole screen. */
type Expected = string | RegExp | ((screen: string) => boolean);

/** Printed by the pane's shell after the program ends: `[exit N]`. */
const EXIT_MARK = /\[exit (\d+)\]/;

export class Pane {
  private constructor(
    readonly socket: string,
    readonly name: string,
  ) {}

  /**
   * Start `args` (after `node dist/cli.js`) in a new pane, with `env` added.
   * The pane's shell stays after the program ends, printing `[exit N]`.
   */
  static start(
    socket: string,
    name: string,
    args: string[],
    env: Record<string, string>,
    opts: { cwd?: string; width?: number; height?: number; wrap?: string[] } = {},
  ): Pane {
    const envPart = Object.entries(env)
      .map(([k, v]) => `${k}=${shellQuote(v)}`)
      .join(' ');
    // `wrap`: a command the program runs under, such as `faketime '2026-12-13 10:00:00'`.
    const wrap = (opts.wrap ?? []).map(shellQuote).join(' ');
    const cmd = `env ${envPart} ${wrap ? wrap + ' ' : ''}${shellQuote(process.execPath)} ${shellQuote(CLI)} ${args.map(shellQuote).join(' ')}; echo "[exit $?]"; exec sleep 100000`;
    return Pane.command(socket, name, ['sh', '-c', cmd], opts);
  }

  /**
   * Start any program (`argv`, run without a shell) in a new pane, such as an
   * interactive shell to type the binary's command line into.
   */
  static command(socket: string, name: string, argv: string[], opts: { cwd?: string; width?: number; height?: number } = {}): Pane {
    const tmuxArgs = ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', String(opts.width ?? 120), '-y', String(opts.height ?? 40), '-c', opts.cwd ?? ROOT, ...argv];
    let r = spawnSync('tmux', tmuxArgs, { encoding: 'utf8' });
    // A server that is still shutting down can refuse the first try.
    for (let i = 0; r.status !== 0 && i < 3; i++) r = spawnSync('tmux', tmuxArgs, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux new-session failed: ${r.stderr}`);
    return new Pane(socket, name);
  }

  private tmux(args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** The visible screen as text (-e keeps escape sequences when `escapes`). */
  screen(escapes = false): string {
    return this.tmux(['capture-pane', '-p', '-J', ...(escapes ? ['-e'] : []), '-t', this.name]);
  }

  /** Screen plus scrollback. */
  history(escapes = false): string {
    return this.tmux(['capture-pane', '-p', '-J', '-S', '-2000', ...(escapes ? ['-e'] : []), '-t', this.name]);
  }

  /** Poll the screen until `test` passes (a string: the screen contains it); returns the screen. */
  waitFor(test: Expected, timeoutMs = 15_000, what = String(test)): Promise<string> {
    return this.poll(() => this.screen(), test, timeoutMs, what);
  }

  /** As waitFor, over the screen and its scrollback: for text that may have scrolled off. */
  waitForInHistory(test: Expected, timeoutMs = 15_000, what = String(test)): Promise<string> {
    return this.poll(() => this.history(), test, timeoutMs, what);
  }

  private async poll(read: () => string, test: Expected, timeoutMs: number, what: string): Promise<string> {
    const passes = typeof test === 'string' ? (s: string) => s.includes(test) : typeof test === 'function' ? test : (s: string) => test.test(s);
    const deadline = Date.now() + timeoutMs;
    let text = '';
    for (let delay = 5; ; delay = Math.min(delay * 2, 40)) {
      text = read();
      if (passes(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** Type text literally (no key names). */
  type(text: string): void {
    if (text) this.tmux(['send-keys', '-t', this.name, '-l', text]);
  }

  key(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.name, ...keys]);
  }

  /** The pane's title (a program can set it with an escape sequence). */
  title(): string {
    return this.tmux(['display-message', '-p', '-t', this.name, '#{pane_title}']).trim();
  }

  panePid(): number {
    return Number(this.tmux(['list-panes', '-t', this.name, '-F', '#{pane_pid}']).trim());
  }

  /** The program's pid: the child of the pane's shell, once it runs. */
  programPid(): number | undefined {
    const shell = this.panePid();
    const children = `/proc/${shell}/task/${shell}/children`;
    const text = existsSync(children)
      ? readFileSync(children, 'utf8')
      : spawnSync('pgrep', ['-P', String(shell)], { encoding: 'utf8' }).stdout;
    const pids = text.split(/\s+/).filter(Boolean).map(Number);
    return pids.find((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('cli.js');
      } catch {
        return !existsSync('/proc');
      }
    });
  }

  /** The exit code once the program has ended, else undefined. */
  exitCode(): number | undefined {
    const m = EXIT_MARK.exec(this.history());
    return m ? Number(m[1]) : undefined;
  }

  async waitForExit(timeoutMs = 15_000): Promise<number> {
    await this.waitFor((s) => EXIT_MARK.test(s) || EXIT_MARK.test(this.history()), timeoutMs, 'the program to exit');
    return this.exitCode() ?? -1;
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-session', '-t', this.name]);
  }

  static killServer(socket: string): void {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  }
}
