/**
 * `repcoach playbook diff <id|file>`: how a fork differs from the playbook it
 * was forked from (as that playbook is now), stage by stage and question by
 * question, so a team can see what it changed and pick up upstream improvements.
 */
import path from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { UserError } from '../util/errors.ts';
import { existsSync } from 'node:fs';
import { diffPlaybooks, isEmptyDiff, type FieldChange, type PlaybookDiff } from '../playbook/diff.ts';
import { forkBaseFile } from '../playbook/fork.ts';
import { loadLibrary, readTextFile, resolvePlaybook } from '../playbook/load.ts';
import type { Playbook } from '../playbook/schema.ts';
import { safeText } from '../util/term.ts';
import { println, type CommandContext } from '../config/context.ts';

export interface PlaybookDiffOptions {
  ref: string;
  json?: boolean | undefined;
}

export async function playbookDiff(ctx: CommandContext, opts: PlaybookDiffOptions): Promise<void> {
  const fork = await resolvePlaybook(opts.ref, ctx.paths, ctx.cwd, ctx.env);
  const from = fork.playbook.forkedFrom;
  if (!from) {
    throw new UserError(
      `${fork.playbook.id} (${fork.file}) was not forked from another playbook: it has no forkedFrom.`,
      'Forks made with `repcoach playbook fork` record it; you can also add `forkedFrom: <id>@<version>` by hand.',
    );
  }
  const at = from.indexOf('@');
  const baseId = from.slice(0, at);
  const forkedVersion = from.slice(at + 1);
  // The fork may share the id it came from (a team override): compare with the next playbook of that id, never itself.
  const lib = await loadLibrary(ctx.paths, { env: ctx.env, cwd: ctx.cwd });
  const base = lib.entries.find((e) => e.id === baseId && e.playbook && path.resolve(e.file) !== path.resolve(fork.file));
  if (!base?.playbook) {
    throw new UserError(`${fork.playbook.id} was forked from ${from}, but no source has a playbook "${baseId}" to compare it with.`, 'Run `repcoach playbook list` to see the sources and their playbooks.');
  }
  const diff = diffPlaybooks(base.playbook, fork.playbook);
  const upstreamMoved = base.playbook.version !== forkedVersion;
  // Three ways when the version forked from was kept at fork time: what upstream changed since, and what the fork changed itself.
  const original = await forkedVersionOf(fork.file, baseId, forkedVersion);
  const threeWay = original
    ? { upstream: diffPlaybooks(original, base.playbook), own: diffPlaybooks(original, fork.playbook) }
    : undefined;

  if (opts.json) {
    println(
      ctx.stdout,
      JSON.stringify(
        {
          fork: { id: fork.playbook.id, version: fork.playbook.version, source: fork.source, file: fork.file, forkedFrom: from },
          base: { id: base.id, version: base.playbook.version, source: base.source.label, file: base.file },
          upstreamChangedSinceFork: upstreamMoved,
          ...diff,
          // With the kept copy of the version forked from: the differences split by where they came from.
          ...(threeWay ? { upstreamChanges: threeWay.upstream, ownChanges: threeWay.own } : {}),
        },
        null,
        2,
      ),
    );
    return;
  }

  const c = new Chalk({ level: ctx.color });
  const t = safeText;
  println(ctx.stdout, `${c.bold(fork.playbook.id)} ${c.dim(`v${t(fork.playbook.version)} (${fork.source}, ${t(fork.file)})`)}`);
  println(ctx.stdout, `compared with ${c.bold(base.id)} ${c.dim(`v${t(base.playbook.version)} (${base.source.label}, ${t(base.file)})`)}`);
  if (threeWay && !isEmptyDiff(threeWay.upstream)) {
    println(ctx.stdout, c.yellow(`\nChanged upstream since the fork (${t(from)} → v${t(base.playbook.version)}), yours to take or leave:`));
    printDiff(ctx, threeWay.upstream, c);
    const both = touchedBoth(threeWay.upstream, threeWay.own);
    if (both.length) println(ctx.stdout, c.yellow(`Changed on both sides: ${both.join(', ')}; merge these by hand.`));
    println(ctx.stdout, isEmptyDiff(threeWay.own) ? `\nThe fork's own changes: none.` : c.bold(`\nThe fork's own changes (since ${t(from)}):`));
    if (!isEmptyDiff(threeWay.own)) printDiff(ctx, threeWay.own, c);
    return;
  }
  if (upstreamMoved) {
    println(ctx.stdout, c.yellow(`It was forked from ${t(from)}; ${base.id} is now at v${t(base.playbook.version)}, so the differences include ${base.id}'s own changes since then.`));
    if (!threeWay) println(ctx.stdout, c.dim(`(No copy of ${t(from)} was kept beside the fork, in .forked-from/, so they cannot be told apart.)`));
  }
  if (isEmptyDiff(diff)) {
    println(ctx.stdout, `\nNo differences: the fork has the same stages and questions as ${base.id}.`);
    return;
  }
  printDiff(ctx, diff, c);
}

/** The kept copy of the version forked from, when it is there and is that version. */
async function forkedVersionOf(forkFile: string, id: string, version: string): Promise<Playbook | undefined> {
  const file = forkBaseFile(forkFile);
  if (!existsSync(file)) return undefined;
  const { checkPlaybook } = await import('../playbook/parse.ts');
  const pb = checkPlaybook(await readTextFile(file, 'playbook'), file).playbook;
  return pb && pb.id === id && pb.version === version ? pb : undefined;
}

/** Stage and question ids both sides changed. */
function touchedBoth(a: PlaybookDiff, b: PlaybookDiff): string[] {
  const ids = (d: PlaybookDiff) => new Set([...d.stages.map((s) => s.id), ...d.questions.map((q) => `${q.stage}/${q.id}`), ...d.playbook.map((f) => f.field)]);
  const other = ids(b);
  return [...ids(a)].filter((id) => other.has(id) && id !== 'version');
}

function printDiff(ctx: CommandContext, diff: PlaybookDiff, c: ChalkInstance): void {
  const t = safeText;
  const add = (s: string) => c.green(`  + ${s}`);
  const del = (s: string) => c.red(`  - ${s}`);
  const chg = (s: string) => c.yellow(`  ~ ${s}`);

  if (diff.playbook.length > 0) {
    println(ctx.stdout, '\n' + c.bold('Playbook'));
    for (const ch of diff.playbook) for (const l of changeLines(ch, c, '  ~ ')) println(ctx.stdout, l);
  }
  if (diff.stages.length > 0) {
    println(ctx.stdout, '\n' + c.bold('Stages'));
    for (const s of diff.stages) {
      if (s.kind === 'added') println(ctx.stdout, add(`${s.id}  "${t(s.title)}"  (added)`));
      else if (s.kind === 'removed') println(ctx.stdout, del(`${s.id}  "${t(s.title)}"  (removed)`));
      else {
        println(ctx.stdout, chg(`${s.id}${s.moved ? '  (moved)' : ''}`));
        for (const ch of s.changes) for (const l of changeLines(ch, c, '      ')) println(ctx.stdout, l);
      }
    }
  }
  if (diff.questions.length > 0) {
    println(ctx.stdout, '\n' + c.bold('Questions'));
    for (const q of diff.questions) {
      if (q.kind === 'added') println(ctx.stdout, add(`${q.stage}/${q.id} (${q.type}): ${t(q.text)}`));
      else if (q.kind === 'removed') println(ctx.stdout, del(`${q.stage}/${q.id} (${q.type}): ${t(q.text)}`));
      else {
        println(ctx.stdout, chg(`${q.stage}/${q.id}${q.moved ? '  (moved)' : ''}`));
        for (const ch of q.changes) for (const l of changeLines(ch, c, '      ')) println(ctx.stdout, l);
      }
    }
  }
  const n = diff.playbook.length + diff.stages.length + diff.questions.length;
  println(ctx.stdout, c.dim(`\n${n} ${n === 1 ? 'difference' : 'differences'}.`));
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  return safeText(JSON.stringify(v));
}

/** `field: old → new` when both are short; the old and new value on lines of their own when not. */
function changeLines(ch: FieldChange, c: ChalkInstance, indent: string): string[] {
  const from = show(ch.from);
  const to = show(ch.to);
  if (from.length + to.length <= 70) return [`${indent}${ch.field}: ${c.red(from)} → ${c.green(to)}`];
  const pad = ' '.repeat(indent.length + 2);
  return [`${indent}${ch.field}:`, c.red(`${pad}- ${from}`), c.green(`${pad}+ ${to}`)];
}
