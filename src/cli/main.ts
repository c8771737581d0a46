/**
 * The entry point: maps argv to a command's options, lazy-imports the command,
 * and is the only place that sets the exit code. Every error is mapped to a
 * message here; a stack trace is printed only with REPCOACH_DEBUG=1.
 */
import { Command, CommanderError, Option } from 'commander';
import type { CommandContext } from '../config/context.ts';
import type { CommandName } from './app.ts';
import { EXAMPLES } from './help.ts';

declare const __VERSION__: string | undefined;

/** A command's module, loaded when it runs (app.ts). */
type Loaded<K extends CommandName> = Awaited<ReturnType<(typeof import('./app.ts'))['commands'][K]>>;
async function load<K extends CommandName>(name: K): Promise<Loaded<K>> {
  const { commands } = await import('./app.ts');
  return commands[name]() as Promise<Loaded<K>>;
}

const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

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
  const { leftoversAtStart, processContext, setPassphraseSource, passphraseSource } = await import('./app.ts');
  const ctx = processContext({ ...(globals.color === false ? { color: false } : {}) });
  ctx.leftovers = await leftoversAtStart(ctx);
  // Asked for only when an encrypted file is met.
  setPassphraseSource(passphraseSource({ file: globals.passphraseFile, env: ctx.env, cwd: ctx.cwd, interactive: ctx.stdinIsTTY }));
  return ctx;
}

function runCommand(program: Command, cmd: Command) {
  return cmd
    .argument('[playbook]', 'a playbook id (see `repcoach playbook list`) or a path to a .yaml file')
    .option('-r, --rep <name>', 'the rep you are coaching (a name close to a known rep’s is asked about)')
    .option('--new-rep', 'the --rep name is a new rep, even if it is close to a known one')
    .option('-d, --deal <text>', 'the deal or situation, woven into the questions')
    .option('-m, --manager <name>', 'your name, for notes and actions (asked on the first run; remembered)')
    .option('-a, --answers <file>', 'take the answers from a YAML or JSON file (question id: answer)')
    .option('--no-input', 'never prompt; with --answers, for scripts')
    .option('--notes-dir <dir>', 'write the note under this folder instead of the configured one')
    .option('--agenda <file>', "the agenda (from prep --agenda) the rep sent back: their topics open the session")
    .action(async (playbook: string | undefined, o: Record<string, unknown>) => {
      const { run } = await load('run');
      await run(await context(program), {
        playbook,
        rep: o['rep'] as string | undefined,
        deal: o['deal'] as string | undefined,
        manager: o['manager'] as string | undefined,
        answers: o['answers'] as string | undefined,
        input: o['input'] !== false,
        newRep: o['newRep'] === true,
        notesDir: o['notesDir'] as string | undefined,
        agenda: o['agenda'] as string | undefined,
      });
    });
}

/** A command that ends with a verdict rather than an error (check: 3 when flagged) sets `code`. */
export interface ExitStatus {
  code: number;
}

export function buildProgram(status: ExitStatus = { code: 0 }): Command {
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
    .option('--no-input', 'ask nothing: finish a session whose questions are all answered (for scripts)')
    .addHelpText('after', EXAMPLES.resume)
    .action(async (session: string | undefined, o: { notesDir?: string; input?: boolean }) => {
      const { resume } = await load('resume');
      await resume(await context(program), { session, notesDir: o.notesDir, input: o.input !== false });
    });

  program
    .command('sessions')
    .description('list sessions: in progress, paused, done')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.sessions)
    .action(async (o: { json?: boolean }) => {
      const { sessions } = await load('sessions');
      await sessions(await context(program), { json: Boolean(o.json) });
    });

  playbookCommands(program);
  program
    .command('check')
    .description('flag rescue language in a text: an email draft, a note, a plan')
    .argument('[file]', 'the text to check; "-" (or a pipe) reads standard input')
    .addOption(jsonOption())
    .option('-d, --deal <text>', 'the deal or buyer, so "I\'ll call Acme" counts as going to the buyer')
    .option('-p, --playbook <id>', "add a playbook's own rescue phrases (id or path)")
    .addHelpText('after', EXAMPLES.check)
    .action(async (file: string | undefined, o: { json?: boolean; deal?: string; playbook?: string }) => {
      const { check } = await load('check');
      status.code = await check(await context(program), { file, json: Boolean(o.json), deal: o.deal, playbook: o.playbook });
    });

  program
    .command('listen')
    .description("the conversation mirror: your talk share, questions and rescue language in a meeting's transcript")
    .argument('<transcript>', 'a transcript: WebVTT, SRT, Otter.ai text, Google Meet JSON or "Name: text" lines')
    .option('-m, --manager <name>', 'you, as the transcript names you (default: your name in settings)')
    .option('-r, --rep <name>', 'the rep (default: the session’s rep with --session, else the other main speaker)')
    .option('-s, --session <id>', "attach the figures (not the transcript) to this session's note, show and stats")
    .option('--keep', 'keep a copy of the transcript in the data folder (readable by you only)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', EXAMPLES.listen)
    .action(async (file: string, o: { manager?: string; rep?: string; session?: string; keep?: boolean; json?: boolean }) => {
      const { listen } = await load('listen');
      await listen(await context(program), { file, manager: o.manager, rep: o.rep, session: o.session, keep: Boolean(o.keep), json: Boolean(o.json) });
    });

  program
    .command('encryption')
    .description('encrypt sessions and notes at rest, or stop encrypting them')
    .argument('<state>', 'on, off or status')
    .addHelpText('after', EXAMPLES.encryption)
    .action(async (state: string) => {
      const { encryption } = await load('encryption');
      await encryption(await context(program), { state, passphraseFile: program.opts<GlobalOptions>().passphraseFile });
    });

  program
    .command('decrypt')
    .description('print an encrypted note or session as plain text')
    .argument('<file>', 'a note (.md) or a session (.jsonl)')
    .option('-o, --out <file>', 'write the plain text to this file (readable by you only) instead of printing it')
    .addHelpText('after', EXAMPLES.decrypt)
    .action(async (file: string, o: { out?: string }) => {
      const { decrypt } = await load('encryption');
      await decrypt(await context(program), { file, out: o.out });
    });

  lookbackCommands(program);
  housekeepingCommands(program);

  program
    .command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .argument('[shell]', 'bash (the default), zsh or fish')
    .addOption(new Option('--list <kind>', 'the values to complete, one a line (for the scripts)').hideHelp())
    .addHelpText('after', EXAMPLES.completion)
    .action(async (shell: string | undefined, o: { list?: string }) => {
      const { completion, commandSpecs } = await load('completion');
      await completion(await context(program), { shell, list: o.list, specs: commandSpecs(program) });
    });

  // `repcoach` alone: ask for the rep and run the default playbook.
  // A mistyped command (`repcoach rsume`) reaches this action as an argument: name it, and suggest one.
  program.allowExcessArguments().action(async () => {
    const [unknown] = program.args;
    if (unknown !== undefined) {
      const { UsageError, didYouMean } = await import('./app.ts');
      const names = program.commands.map((c) => c.name());
      throw new UsageError(`unknown command "${unknown}"${didYouMean(unknown, names)}.`, 'Run `repcoach --help` to see the commands.');
    }
    const { run } = await load('run');
    await run(await context(program), { input: true });
  });
  const override = (cmd: Command) => {
    for (const c of cmd.commands) {
      c.exitOverride();
      override(c);
    }
  };
  override(program);
  return program;
}

function playbookCommands(program: Command): void {
  const group = program
    .command('playbook')
    .description('list, check, create, fork and share playbooks')
    .addHelpText('after', EXAMPLES.playbook);

  group
    .command('list')
    .description('list the playbooks of every source, with shadowed and invalid ones')
    .argument('[folders...]', 'also search these folders, before every other source')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.playbookList)
    .action(async (folders: string[], o: { json?: boolean }) => {
      const { playbookList } = await load('playbook-list');
      await playbookList(await context(program), { folders, json: Boolean(o.json) });
    });

  group
    .command('show')
    .description('show a playbook as a readable outline: stages, goals, tips, questions')
    .argument('<playbook>', 'a playbook id or a path to a .yaml file')
    .addHelpText('after', EXAMPLES.playbookShow)
    .action(async (ref: string) => {
      const { playbookShow } = await load('playbook-show');
      await playbookShow(await context(program), { ref });
    });

  group
    .command('validate')
    .description('check playbook files and folders, reporting every problem')
    .argument('<paths...>', 'playbook files, or folders of them')
    .addOption(jsonOption())
    .option('--strict', 'fail on warnings too')
    .addHelpText('after', EXAMPLES.playbookValidate)
    .action(async (targets: string[], o: { json?: boolean; strict?: boolean }) => {
      const { playbookValidate } = await load('playbook-validate');
      await playbookValidate(await context(program), { targets, json: Boolean(o.json), strict: Boolean(o.strict) });
    });

  group
    .command('new')
    .description('create a complete, valid CLEAR-style playbook to edit')
    .argument('<id>', 'the new playbook\'s id (lower-case letters, digits, dashes); also its file name')
    .option('--to <folder>', 'write it here instead of your own playbook folder')
    .addHelpText('after', EXAMPLES.playbookNew)
    .action(async (id: string, o: { to?: string }) => {
      const { playbookNew } = await load('playbook-new');
      await playbookNew(await context(program), { id, to: o.to });
    });

  group
    .command('fork')
    .description('copy a playbook under a new id, recording where it came from')
    .argument('<playbook>', 'the id (or path) of the playbook to copy')
    .option('--as <new-id>', "the copy's id (default: <id>-fork)")
    .option('--to <folder>', 'write it here instead of your own playbook folder')
    .addHelpText('after', EXAMPLES.playbookFork)
    .action(async (ref: string, o: { as?: string; to?: string }) => {
      const { playbookFork } = await load('playbook-fork');
      await playbookFork(await context(program), { ref, as: o.as, to: o.to });
    });

  group
    .command('diff')
    .description('show how a fork differs from the playbook it was forked from')
    .argument('<playbook>', 'the id (or path) of the fork')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.playbookDiff)
    .action(async (ref: string, o: { json?: boolean }) => {
      const { playbookDiff } = await load('playbook-diff');
      await playbookDiff(await context(program), { ref, json: Boolean(o.json) });
    });

  group
    .command('answers')
    .description('write an answers-file template for a scripted run (run --answers)')
    .argument('<playbook>', 'a playbook id or a path to a .yaml file')
    .option('--out <file>', 'write it to this file instead of standard output')
    .addHelpText('after', EXAMPLES.playbookAnswers)
    .action(async (ref: string, o: { out?: string }) => {
      const { playbookAnswers } = await load('playbook-answers');
      await playbookAnswers(await context(program), { ref, out: o.out });
    });

  group
    .command('schema')
    .description('print the JSON Schema of playbooks (for editors), or its path')
    .option('--path', 'print the path of the installed schema file')
    .addHelpText('after', EXAMPLES.playbookSchema)
    .action(async (o: { path?: boolean }) => {
      const { playbookSchema } = await load('playbook-schema');
      await playbookSchema(await context(program), { path: Boolean(o.path) });
    });

  group
    .command('add')
    .description("register a team source: a git repository (cloned) or a folder (used in place)")
    .argument('<source>', 'a git URL or a folder')
    .option('--name <team>', 'the name to know it by (default: from the URL or folder)')
    .option('--ref <branch|tag>', 'pin a git source to this branch or tag (default: its main branch)')
    .addHelpText('after', EXAMPLES.playbookAdd)
    .action(async (target: string, o: { name?: string; ref?: string }) => {
      const { playbookAdd } = await load('playbook-add');
      await playbookAdd(await context(program), { target, name: o.name, ref: o.ref });
    });

  group
    .command('update')
    .description('pull the team repositories (fast-forward only)')
    .argument('[name]', 'one team source; all of them when omitted')
    .addHelpText('after', EXAMPLES.playbookUpdate)
    .action(async (name: string | undefined) => {
      const { playbookUpdate } = await load('playbook-update');
      await playbookUpdate(await context(program), { name });
    });

  group
    .command('remove')
    .description('unregister a team source (a clone is deleted; a folder is left alone)')
    .argument('<name>', 'the team source, as `playbook list` shows it after "team:"')
    .option('--force', 'delete the clone even if it holds local edits')
    .addHelpText('after', EXAMPLES.playbookRemove)
    .action(async (name: string, o: { force?: boolean }) => {
      const { playbookRemove } = await load('playbook-remove');
      await playbookRemove(await context(program), { name, force: Boolean(o.force) });
    });

  for (const c of group.commands) c.exitOverride();
}

interface RangeOptions {
  since?: string;
  until?: string;
  json?: boolean;
}

/** --json, as every command with a machine-readable output takes it. */
function jsonOption(description = 'machine-readable output'): Option {
  return new Option('--json', description);
}

function withRange(cmd: Command): Command {
  return cmd
    .option('--since <date>', 'from this date: 2026-05-01, 2026-05, or how long ago (30d, 6w, 3m, 1y)')
    .option('--until <date>', 'up to and including this date');
}

/** reps, prep, history, show, search, stats, export, config (issue 4). */
function lookbackCommands(program: Command): void {
  const reps = program
    .command('reps')
    .description('list the reps you coach: last session, open commitments, follow-through')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.reps)
    .action(async (o: { json?: boolean }) => {
      const { reps } = await load('reps');
      await reps(await context(program), { json: Boolean(o.json) });
    });
  repsChangeCommands(program, reps);

  program
    .command('prep')
    .description("before a one-to-one: the rep's last session, open commitments, trend and a suggested playbook")
    .argument('<rep>', "the rep's name (or a unique part of it)")
    .option('-p, --playbook <id>', 'the playbook for the agenda and the suggested command (default: the suggestion)')
    .option('-d, --deal <text>', 'the deal to put on the agenda (default: the last session’s)')
    .option('--agenda <file>', 'write a markdown agenda to send the rep: open commitments, the questions, room for their topics')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.prep)
    .action(async (rep: string, o: { playbook?: string; deal?: string; agenda?: string; json?: boolean }) => {
      const { prep } = await load('prep');
      await prep(await context(program), { rep, playbook: o.playbook, deal: o.deal, agenda: o.agenda, json: Boolean(o.json) });
    });

  withRange(
    program
      .command('history')
      .description('the sessions, newest first: date, rep, playbook, deal, status, actions')
      .argument('[rep]', 'only this rep'),
  )
    .option('-n, --limit <n>', 'show at most this many sessions')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.history)
    .action(async (rep: string | undefined, o: RangeOptions & { limit?: string }) => {
      const { history } = await load('history');
      await history(await context(program), { rep, since: o.since, until: o.until, limit: o.limit, json: Boolean(o.json) });
    });

  program
    .command('show')
    .description('one session: its note in the terminal, as markdown, or the whole record as JSON')
    .argument('<session>', 'session id or a unique prefix')
    .option('--markdown', 'print the note as markdown')
    .option('--for-rep', "the rep's copy: leave out what is private to you")
    .addOption(jsonOption('the whole record as JSON, journal included'))
    .option('--summary', 'only the summary, as plain text (to paste into a CRM)')
    .addHelpText('after', EXAMPLES.show)
    .action(async (session: string, o: { markdown?: boolean; forRep?: boolean; json?: boolean; summary?: boolean }) => {
      const { show } = await load('show');
      await show(await context(program), { session, markdown: Boolean(o.markdown), forRep: Boolean(o.forRep), json: Boolean(o.json), summary: Boolean(o.summary) });
    });

  withRange(
    program
      .command('search')
      .description('every answer containing the text, with its question, session and date')
      .argument('<text>', 'the text to find (literal, any case)')
      .option('-r, --rep <name>', 'only this rep'),
  )
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.search)
    .action(async (text: string, o: RangeOptions & { rep?: string }) => {
      const { search } = await load('search');
      await search(await context(program), { text, rep: o.rep, since: o.since, until: o.until, json: Boolean(o.json) });
    });

  withRange(
    program
      .command('stats')
      .description('sessions per month, follow-through, confidence trend, who owns the actions')
      .argument('[rep]', 'only this rep'),
  )
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.stats)
    .action(async (rep: string | undefined, o: RangeOptions) => {
      const { stats } = await load('stats');
      await stats(await context(program), { rep, since: o.since, until: o.until, json: Boolean(o.json) });
    });

  withRange(
    program
      .command('export')
      .description('write sessions as markdown notes or JSON, and open commitments as a calendar')
      .argument('[sessions...]', 'session ids (or unique prefixes)')
      .option('-r, --rep <name>', "only this rep's sessions"),
  )
    .option('--all', 'every session')
    .option('-o, --out <folder>', 'write one file per session into this folder')
    .option('--format <format>', 'markdown or json', 'markdown')
    .option('--stdout', 'print to standard output instead of writing files')
    .option('--ics <file>', "write the open commitments' due dates as calendar events (.ics)")
    .option('--for-rep', "the rep's copies: leave out what is private to you")
    .addHelpText('after', EXAMPLES.export)
    .action(async (sessions: string[], o: RangeOptions & { rep?: string; all?: boolean; out?: string; format?: string; stdout?: boolean; ics?: string; forRep?: boolean }) => {
      const { exportNotes } = await load('export');
      await exportNotes(await context(program), {
        sessions,
        rep: o.rep,
        since: o.since,
        until: o.until,
        all: Boolean(o.all),
        out: o.out,
        format: o.format,
        stdout: Boolean(o.stdout),
        ics: o.ics,
        forRep: Boolean(o.forRep),
      });
    });

  const config = program.command('config').description('show and change settings').addHelpText('after', EXAMPLES.config);
  const runConfig = async (opts: { action: 'list' | 'get' | 'set' | 'unset'; key?: string; value?: string | string[]; json?: boolean }) => {
    const passphraseFile = program.opts<GlobalOptions>().passphraseFile;
    // Encryption is not a plain setting: turning it on or off converts the stored data (issue 6).
    if (opts.key === 'encryption' && (opts.action === 'set' || opts.action === 'get')) {
      const { encryption } = await load('encryption');
      await encryption(await context(program), { state: opts.action === 'get' ? 'status' : [opts.value ?? ''].flat().join(' '), passphraseFile });
      return;
    }
    const { config: configure } = await load('config');
    await configure(await context(program), opts);
  };
  config
    .command('list', { isDefault: true })
    .description('every setting and its value')
    .addOption(jsonOption())
    .action((o: { json?: boolean }) => runConfig({ action: 'list', json: Boolean(o.json) }));
  config
    .command('get')
    .description('print one setting')
    .argument('<key>')
    .addOption(jsonOption())
    .action((key: string, o: { json?: boolean }) => runConfig({ action: 'get', key, json: Boolean(o.json) }));
  config
    .command('set')
    .description('change a setting')
    .argument('<key>')
    .argument('<value...>', 'the value; for a list (rescuePhrases, supportPhrases), each item as a word of its own')
    .action((key: string, value: string[]) => runConfig({ action: 'set', key, value }));
  config
    .command('unset')
    .description('go back to the default')
    .argument('<key>')
    .action((key: string) => runConfig({ action: 'unset', key }));
}

/** reps rename, reps merge (issue 10). */
function repsChangeCommands(program: Command, reps: Command): void {
  const change = (kind: 'rename' | 'merge') => async (from: string, to: string, _o: unknown, cmd: Command) => {
    // With `reps --json` defined too, commander may give --json to the parent: read both.
    const o = cmd.optsWithGlobals<{ yes?: boolean; json?: boolean }>();
    const { repsChange } = await load('reps-change');
    await repsChange(await context(program), { kind, from, to, yes: Boolean(o.yes), json: Boolean(o.json) });
  };
  reps
    .command('rename')
    .description("give a rep another name in every session, note, index entry and commitment")
    .argument('<rep>', "the rep's name as known (or a unique part of it)")
    .argument('<new-name>', 'the name from now on')
    .option('-y, --yes', 'do not ask for confirmation (for scripts)')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.repsRename)
    .action(change('rename'));
  reps
    .command('merge')
    .description("move every session of one rep to another (the second rep's name survives)")
    .argument('<rep>', 'the rep whose sessions move (a unique part of the name will do)')
    .argument('<into-rep>', 'the rep they become; this name is kept')
    .option('-y, --yes', 'do not ask for confirmation (for scripts)')
    .addOption(jsonOption())
    .addHelpText('after', EXAMPLES.repsMerge)
    .action(change('merge'));
}

/** discard, delete (issue 10). */
function housekeepingCommands(program: Command): void {
  program
    .command('discard')
    .description('throw away an unfinished session (started by mistake, a test)')
    .argument('<session>', 'session id or a unique prefix; in progress or paused')
    .option('-y, --yes', 'do not ask for confirmation (for scripts)')
    .addHelpText('after', EXAMPLES.discard)
    .action(async (session: string, o: { yes?: boolean }) => {
      const { discard } = await load('discard');
      await discard(await context(program), { session, yes: Boolean(o.yes) });
    });
  program
    .command('delete')
    .description('delete a session for good: its journal, its note and its index entries')
    .argument('<session>', 'session id or a unique prefix')
    .option('-y, --yes', 'do not ask for confirmation (for scripts)')
    .addHelpText('after', EXAMPLES.delete)
    .action(async (session: string, o: { yes?: boolean }) => {
      const { deleteSession } = await load('delete');
      await deleteSession(await context(program), { session, yes: Boolean(o.yes) });
    });
}
/** How to run repcoach again the way it was run now: `npm start --` from a clone without the command installed. */
function invokedAs(): string {
  return process.env['npm_lifecycle_event'] === 'start' ? 'npm start --' : 'repcoach';
}

/** What each refusal of the file system means, in words. */
const FILE_SYSTEM_REFUSALS: Record<string, string> = {
  ENOSPC: 'The disk is full',
  EDQUOT: 'The disk quota is used up',
  EFBIG: 'A file would be too large for the disk',
  EROFS: 'A file could not be written (the folder is read-only)',
  EACCES: 'A file could not be read or written (permission denied)',
  EPERM: 'A file could not be read or written (permission denied)',
  ENOTDIR: 'A folder could not be created, because a file is in its way',
  EEXIST: 'A folder could not be created, because a file is in its way',
  EISDIR: 'A folder stands where a file should be',
  ENAMETOOLONG: 'A file name or path is too long',
  ELOOP: 'A path goes round in a loop of links',
  ENOENT: 'A file or folder is missing, or cannot be made there',
};

export async function main(argv: string[]): Promise<number> {
  const status: ExitStatus = { code: 0 };
  const program = buildProgram(status);
  try {
    await program.parseAsync(argv);
    return status.code;
  } catch (err) {
    return report(err);
  }
}

async function report(err: unknown): Promise<number> {
  if (err instanceof CommanderError) {
    // Help and version exit 0; commander has already printed its message.
    return err.exitCode === 0 ? 0 : 2;
  }
  // safeText: messages can quote a playbook or a hand-edited file; no escape sequence reaches the terminal.
  const { ExitCode, UserError, InterruptedError, safeText } = await import('./app.ts');
  if (err instanceof InterruptedError) {
    const id = err.sessionId;
    process.stderr.write(
      `\nPaused. Every answer so far is saved.${id ? ` Continue with: ${invokedAs()} resume ${id}` : ''}\n`,
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
  // The file system said no. A run's unsaved answers and an unwritten note have errors of their
  // own (UserError, above), so this says what failed and nothing about sessions.
  const what = e?.code ? FILE_SYSTEM_REFUSALS[e.code] : undefined;
  if (what) {
    const where = e.path ? `: ${safeText(e.path)}` : '';
    const hint = e.code === 'ENOSPC' || e.code === 'EDQUOT' ? 'Free some space, then run the command again.' : 'Fix that (or choose another folder), then run the command again.';
    process.stderr.write(`repcoach: ${what}${where}\n${hint}\n`);
    return ExitCode.failure;
  }
  process.stderr.write(
    `repcoach: unexpected error: ${safeText(e instanceof Error ? e.message : String(e))}\n` +
      (process.env['REPCOACH_DEBUG'] ? `${e instanceof Error ? e.stack : ''}\n` : 'Run again with REPCOACH_DEBUG=1 for details.\n'),
  );
  return ExitCode.failure;
}
