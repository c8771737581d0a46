/**
 * Where prompts read and write, and what happens when the input ends.
 *
 * Ctrl-D on an empty line (or stdin reaching its end) closes readline. @inquirer/core 12
 * answers a close only by clearing its effects: the prompt stays pending, nothing is left
 * for the event loop to do, and node exits 0 with the session still "in progress" (issue 10).
 * readline pauses its input as it closes, so `guarded` watches for that pause: a prompt
 * still pending a turn of the event loop later has lost its input, and is aborted and
 * reported as an ExitPromptError, the error Ctrl-C raises, so a run pauses the same way.
 * (A prompt that finishes also closes readline, but it settles within the same turn.)
 */
import { ExitPromptError } from '@inquirer/core';

export interface PromptIO {
  input?: NodeJS.ReadableStream | undefined;
  output?: NodeJS.WritableStream | undefined;
}

export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal: AbortSignal;
}

/** Run one prompt; the end of its input rejects with ExitPromptError, like Ctrl-C. */
export async function guarded<T>(io: PromptIO, start: (context: PromptContext) => Promise<T>): Promise<T> {
  const input = io.input ?? process.stdin;
  const controller = new AbortController();
  let settled = false;
  let ended = false;
  // Ctrl-Z then `fg`: on SIGCONT readline pauses its input without closing. This
  // listener runs before readline's (it is added first), so that pause is told
  // apart, and the input resumed, where it would have ended the program.
  let continued = false;
  const onContinue = () => {
    continued = true;
    // Only readline's own pause, at once, is the continue: a stop and continue from outside
    // (kill -STOP/-CONT) brings none, and must not swallow a later Ctrl-D's.
    setImmediate(() => {
      continued = false;
    });
  };
  const onPause = () => {
    if (continued) {
      continued = false;
      input.resume();
      return;
    }
    setImmediate(() => {
      if (settled) return;
      ended = true;
      controller.abort();
    });
  };
  input.on('pause', onPause);
  if (process.platform !== 'win32') process.on('SIGCONT', onContinue);
  try {
    return await start({ ...(io.input ? { input: io.input } : {}), ...(io.output ? { output: io.output } : {}), signal: controller.signal });
  } catch (err) {
    if (ended) throw new ExitPromptError('The input ended (Ctrl-D).');
    throw err;
  } finally {
    settled = true;
    input.removeListener('pause', onPause);
    process.removeListener('SIGCONT', onContinue);
  }
}
