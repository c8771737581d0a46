/**
 * The entry point: maps argv to a command's options, lazy-imports the command,
 * and is the only place that sets the exit code. Every error is mapped to a
 * message here; a stack trace is printed only with REPCOACH_DEBUG=1.
 */
import { Command, CommanderError, Option } from 'commander';
import type { CommandContext } from '../commands/context.ts';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const EXAMPLES = {
  root: `
Examples:
  $ repcoach                                  coach a rep with the default playbook
  $ repcoach run stalled-deal --rep "Sam Lee" --deal "Acme renewal"
  $ repcoach resume                           continue the newest unfinished session
  $ repcoach sessions                         list sessions and their status

Data lives in the platform's data folder; set REPCOACH_HOME (or --home) to keep it elsewhere.`,
  run: `
Examples:
  $ repcoach run                              the default playbook (one-to-one); asks for the rep
  $ repcoach run stalled-deal --rep "Sam Lee" --deal "Acme renewal"
  $ repcoach run ./team/pipeline.yaml --rep Sam
  $ repcoach run one-to-one --rep Sam --answers answers.yaml --no-input

While answering: type /back to change the previous answer, /skip to skip an
optional question; Ctrl-C pauses the session (resume it with \`repcoach resume\`).`,
  resume: `
Examples:
  $ repcoach resume                           the newest paused or cut-off session
  $ repcoach resume 20261123-0945-k7qd        a session by id (a unique prefix will do)`,
  sessions: `
Examples:
  $ repcoach sessions
  $ repcoach sessions --json | jq '.sessions[] | select(.status != "done")'`,
  encryption: `
Examples:
  $ repcoach encryption on                    asks for a new passphrase (twice), encrypts sessions and notes
  $ repcoach encryption on --passphrase-file ~/.repcoach-pass
  $ repcoach encryption status
  $ repcoach encryption off                   decrypts everything again

With encryption on, commands that read sessions ask for the passphrase, or read
it from --passphrase-file <file> or the file named by REPCOACH_PASSPHRASE_FILE.`,
  decrypt: `
Examples:
  $ repcoach decrypt ~/notes/sam-lee/2026-11-23-one-to-one.md
  $ repcoach decrypt note.md --out /tmp/note.md`,
};

interface GlobalOptions {
  home?: string;
  color?: boolean;
  passphraseFile?: string;
}

async function context(program: Command): Promise<CommandContext> {
  const globals = program.opts<GlobalOptions>();
  if (globals.home) process.env['REPCOACH_HOME'] = globals.home;
  // The prompt library colours through node:util, which follows NO_COLOR.
  if (globals.color === false) process.env['NO_COLOR'] = '1';
  const { processContext } = await import('../commands/context.ts');
  const ctx = processContext({ ...(globals.color === false ? { color: false } : {}) });
  // Asked for only when an encrypted file is met.
  const [{ setPassphraseSource }, { passphraseSource }] = await Promise.all([import('../crypto/keyring.ts'), import('../crypto/passphrase.ts')]);
  setPassphraseSource(passphraseSource({ file: globals.passphraseFile, env: ctx.env, cwd: ctx.cwd, interactive: ctx.stdinIsTTY }));
  return ctx;
}

function runCommand(program: Command, cmd: Command) {
  return cmd
    .argument('[playbook]', 'a playbook id (see `repcoach playbook list`) or a path to a .yaml file')
    .option('-r, --rep <name>', 'the rep you are coaching')
    .option('-d, --deal <text>', 'the deal or situation, woven into the questions')
    .option('-m, --manager <name>', 'your name, for the note (remembered)')
    .option('-a, --answers <file>', 'take the answers from a YAML or JSON file (question id: answer)')
    .option('--no-input', 'never prompt; with --answers, for scripts')
    .option('--notes-dir <dir>', 'write the note under this folder instead of the configured one')
    .action(async (playbook: string | undefined, o: Record<string, unknown>) => {
      const { run } = await import('../commands/run.ts');
      await run(await context(program), {
        playbook,
        rep: o['rep'] as string | undefined,
        deal: o['deal'] as string | undefined,
        manager: o['manager'] as string | undefined,
        answers: o['answers'] as string | undefined,
        input: o['input'] !== false,
        notesDir: o['notesDir'] as string | undefined,
      });
    });
}

export function buildProgram(): Command {
  const program = new Command('repcoach')
    .description('Coach the rep, not the deal: a CLEAR-style one-to-one, recorded as you go, written up as a markdown note.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--home <dir>', 'keep all data and settings in this folder (same as REPCOACH_HOME)'))
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .option('--passphrase-file <file>', 'read the encryption passphrase from this file (also REPCOACH_PASSPHRASE_FILE)')
    .addHelpText('after', EXAMPLES.root)
    .showSuggestionAfterError(true)
    .exitOverride();

  runCommand(program, program.command('run').description('start a coaching session').addHelpText('after', EXAMPLES.run));

  program
    .command('resume')
    .description('continue a paused or interrupted session')
    .argument('[session]', 'session id or a unique prefix; the newest unfinished one when omitted')
    .option('--notes-dir <dir>', 'write the note under this folder instead of the configured one')
    .addHelpText('after', EXAMPLES.resume)
    .action(async (session: string | undefined, o: { notesDir?: string }) => {
      const { resume } = await import('../commands/resume.ts');
      await resume(await context(program), { session, notesDir: o.notesDir });
    });

  program
    .command('sessions')
    .description('list sessions: in progress, paused, done')
    .option('--json', 'machine-readable output')
    .addHelpText('after', EXAMPLES.sessions)
    .action(async (o: { json?: boolean }) => {
      const { sessions } = await import('../commands/sessions.ts');
      await sessions(await context(program), { json: Boolean(o.json) });
    });

  program
    .command('encryption')
    .description('encrypt sessions and notes at rest, or stop encrypting them')
    .argument('<state>', 'on, off or status')
    .addHelpText('after', EXAMPLES.encryption)
    .action(async (state: string) => {
      const { encryption } = await import('../commands/encryption.ts');
      await encryption(await context(program), { state, passphraseFile: program.opts<GlobalOptions>().passphraseFile });
    });

  program
    .command('decrypt')
    .description('print an encrypted note or session as plain text')
    .argument('<file>', 'a note (.md) or a session (.jsonl)')
    .option('-o, --out <file>', 'write the plain text to this file (readable by you only) instead of printing it')
    .addHelpText('after', EXAMPLES.decrypt)
    .action(async (file: string, o: { out?: string }) => {
      const { decrypt } = await import('../commands/encryption.ts');
      await decrypt(await context(program), { file, out: o.out });
    });

  // `repcoach` alone: ask for the rep and run the default playbook.
  program.action(async () => {
    const { run } = await import('../commands/run.ts');
    await run(await context(program), { input: true });
  });
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return report(err);
  }
}

async function report(err: unknown): Promise<number> {
  if (err instanceof CommanderError) {
    // Help and version exit 0; commander has already printed its message.
    return err.exitCode === 0 ? 0 : 2;
  }
  const { ExitCode, UserError, InterruptedError } = await import('../errors.ts');
  // Messages can quote a playbook or a hand-edited file: no escape sequence reaches the terminal.
  const { safeText } = await import('../util/term.ts');
  if (err instanceof InterruptedError) {
    const id = err.sessionId;
    process.stderr.write(
      `\nPaused. Every answer so far is saved.${id ? ` Continue with: repcoach resume ${id}` : ''}\n`,
    );
    return ExitCode.interrupted;
  }
  if (err instanceof Error && err.name === 'ExitPromptError') {
    process.stderr.write('\nCancelled.\n');
    return ExitCode.interrupted;
  }
  if (err instanceof UserError) {
    process.stderr.write(safeText(`repcoach: ${err.message}\n${err.hint ? `${err.hint}\n` : ''}`));
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'ENOSPC' || e.code === 'EDQUOT' || e.code === 'EROFS' || e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'ENOTDIR')) {
    const what =
      e.code === 'ENOSPC' || e.code === 'EDQUOT'
        ? 'The disk is full'
        : e.code === 'ENOTDIR'
          ? 'A folder could not be created, because a file is in its way'
          : 'A file could not be written (permission denied or read-only)';
    process.stderr.write(`repcoach: ${what}: ${safeText(e.path ?? '')}\nAnswers already given are saved in the session journal; free some space or fix the permissions, then run \`repcoach resume\`.\n`);
    return ExitCode.failure;
  }
  process.stderr.write(
    `repcoach: unexpected error: ${safeText(e instanceof Error ? e.message : String(e))}\n` +
      (process.env['REPCOACH_DEBUG'] ? `${e instanceof Error ? e.stack : ''}\n` : 'Run again with REPCOACH_DEBUG=1 for details.\n'),
  );
  return ExitCode.failure;
}
