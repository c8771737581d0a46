/**
 * Typed errors. Only the entry point (src/cli/main.ts) turns them into a message
 * and an exit code; everything else throws or returns.
 */

export const ExitCode = {
  ok: 0,
  /** Bad input: a playbook, an answers file, an argument. */
  failure: 1,
  /** Wrong usage of the command line. */
  usage: 2,
  /** `repcoach check` found rescue language. */
  flagged: 3,
  /** Ctrl-C: the session was saved as paused. */
  interrupted: 130,
} as const;

/** An error the user can act on: a message, an optional hint, an exit code. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = ExitCode.failure,
  ) {
    super(message);
  }
}

export class UsageError extends UserError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, hint, ExitCode.usage);
  }
}

/** One problem found in a playbook (or an answers file), with its place. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Path inside the document, e.g. `stages[1].questions[0].type`. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export function problemAt(file: string, line: number, column: number, path: string, message: string): Problem {
  return { file, line, column, path, message, severity: 'error' };
}

export function formatProblem(p: Problem): string {
  const where = p.path ? ` (${p.path})` : '';
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}${where}`;
}

/** A document (a playbook, an answers file) failed validation; carries every problem, not just the first. */
export class ValidationError extends UserError {
  override name = 'ValidationError';
  constructor(
    readonly file: string,
    readonly problems: Problem[],
    hint?: string,
    what = 'playbook',
  ) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `${file} is not a valid ${what} (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}):\n` +
        problems.map((p) => '  ' + formatProblem(p)).join('\n'),
      hint,
    );
  }
}

/** Ctrl-C at a prompt. Raised by the prompts module, handled once at the top. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly sessionId?: string) {
    super('Interrupted');
  }
}
