/**
 * `repcoach playbook list [folder...]`: every playbook the sources offer, in
 * search order, with what is shadowed (and by what) and what is invalid.
 */
import { Chalk } from 'chalk';
import { loadLibrary, type CheckedEntry } from '../playbook/load.ts';
import { questionCount } from '../playbook/outline.ts';
import { ENV_VAR, homeNotAFolder, registeredTeams } from '../playbook/sources.ts';
import { openSettings } from '../config/settings.ts';
import { formatTable } from '../util/table.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';
import { problemLines } from './shared/playbook-report.ts';

export interface PlaybookListOptions {
  json?: boolean | undefined;
  /** Folders given on the command line, searched first. */
  folders?: string[] | undefined;
}

export async function playbookList(ctx: CommandContext, opts: PlaybookListOptions): Promise<void> {
  const lib = await loadLibrary(ctx.paths, { env: ctx.env, cwd: ctx.cwd, extra: opts.folders });
  const { ignored } = registeredTeams(await openSettings(ctx.paths).catch((err: unknown) => {
    throw homeNotAFolder(err, ctx.paths) ?? err;
  }));
  const valid = lib.entries.filter((e) => e.valid);
  const invalid = lib.entries.filter((e) => !e.valid);

  if (opts.json) {
    const row = (e: CheckedEntry) => ({
      id: e.id,
      title: e.playbook?.title ?? null,
      version: e.playbook?.version ?? null,
      source: e.source.label,
      file: e.file,
      questions: e.playbook ? questionCount(e.playbook) : null,
      forkedFrom: e.playbook?.forkedFrom ?? null,
      shadowedBy: e.shadowedBy ?? null,
    });
    println(
      ctx.stdout,
      JSON.stringify(
        {
          sources: lib.sources.map((s) => ({ source: s.label, kind: s.kind, dir: s.dir, exists: s.exists, refused: s.refused ?? null })),
          playbooks: valid.map(row),
          invalid: invalid.map((e) => ({ id: e.id, source: e.source.label, file: e.file, problems: e.problems })),
          settingsIgnored: ignored,
        },
        null,
        2,
      ),
    );
    return;
  }

  const c = new Chalk({ level: ctx.color });
  for (const msg of ignored) println(ctx.stderr, c.yellow(`warning: settings: ${msg}; it is ignored`));
  const usable = valid.filter((e) => !e.shadowedBy);
  if (usable.length === 0) {
    println(ctx.stdout, 'No playbooks found.');
  } else {
    const rows = usable.map((e) => [e.id, e.playbook?.title ?? '', e.playbook?.version ?? '', e.source.label, String(e.playbook ? questionCount(e.playbook) : '')]);
    for (const l of formatTable(['ID', 'TITLE', 'VERSION', 'SOURCE', 'QUESTIONS'], rows, c, { maxWidth: 40 })) println(ctx.stdout, l);
  }

  const shadowed = valid.filter((e) => e.shadowedBy);
  if (shadowed.length > 0) {
    println(ctx.stdout, '\n' + c.bold('Shadowed') + c.dim(' (an earlier source has a playbook with the same id; that one is used):'));
    for (const e of shadowed) {
      println(ctx.stdout, `  ${e.id}  ${e.source.label}  ${safeText(e.file)}`);
      println(ctx.stdout, c.dim(`    shadowed by ${e.shadowedBy?.source} ${safeText(e.shadowedBy?.file ?? '')}`));
    }
  }

  if (invalid.length > 0) {
    println(ctx.stdout, '\n' + c.bold.red('Invalid, skipped') + c.dim(' (fix them, then check with `repcoach playbook validate <file>`):'));
    for (const e of invalid) {
      println(ctx.stdout, `  ${e.id}  ${e.source.label}  ${safeText(e.file)}`);
      for (const line of problemLines(e.problems, ctx.cwd)) println(ctx.stdout, `    ${line}`);
    }
  }

  println(ctx.stdout, '\n' + c.bold('Search order') + c.dim(` (the first playbook with an id wins; ${ENV_VAR} is a list of folders):`));
  const rows = lib.sources.map((s, i) => [`${i + 1}.`, s.label, safeText(s.dir) + (s.refused ? '  (refused, see below)' : s.exists ? '' : '  (not there)')]);
  for (const l of formatTable(['', '', ''], rows, c, { maxWidth: 200 }).slice(1)) println(ctx.stdout, `  ${l}`);
  for (const s of lib.sources.filter((x) => x.refused)) println(ctx.stdout, c.yellow(`  ${s.label} is not read: ${safeText(s.refused ?? '')}`));
}
