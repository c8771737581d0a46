/**
 * `repcoach config list | get <key> | set <key> <value> | unset <key>`: the
 * settings in config.json, each key with its kind, so `set` checks the value.
 */
import path from 'node:path';
import { UsageError } from '../util/errors.ts';
import { didYouMean } from '../util/suggest.ts';
import { openSettings, SETTING_KEYS, type Settings, type SettingsData } from '../config/settings.ts';
import { safeText } from '../util/term.ts';
import { padEndTo, textWidth } from '../util/width.ts';
import { println, type CommandContext } from '../config/context.ts';
import { chalkFor, printJson } from './shared/lookback.ts';

type Key = keyof SettingsData;
type Kind = 'text' | 'boolean' | 'folder' | 'list';

/** How each value is read from the command line; text when not listed. */
const KINDS: Partial<Record<Key, Kind>> = {
  notesDir: 'folder',
  'notes.git': 'boolean',
  rescuePhrases: 'list',
  supportPhrases: 'list',
};

const KEYS = Object.keys(SETTING_KEYS) as Key[];

function checkKey(key: string): Key {
  if ((KEYS as string[]).includes(key)) return key as Key;
  throw new UsageError(`Unknown setting "${key}"${didYouMean(key, [...KEYS, 'encryption'])}.`, `The settings are: ${KEYS.join(', ')}, encryption.`);
}

const TRUE = /^(true|on|yes|1)$/i;
const FALSE = /^(false|off|no|0)$/i;

/** A value as typed (a list: one item per word given), checked against its key's kind. */
export function parseSetting(key: Key, given: string | readonly string[], cwd: string): string | boolean | string[] {
  const kind = KINDS[key] ?? 'text';
  const words = typeof given === 'string' ? [given] : given;
  if (kind === 'list') {
    const items = words.map((w) => w.trim()).filter(Boolean);
    if (items.length === 0) throw new UsageError(`${key} needs at least one phrase.`, `To go back to the default: repcoach config unset ${key}`);
    return items;
  }
  if (words.length > 1) {
    throw new UsageError(`${key} takes one value, not ${words.length}.`, `Quote a value with spaces: repcoach config set ${key} "${words.join(' ')}"`);
  }
  const raw = words[0] ?? '';
  if (kind === 'boolean') {
    if (TRUE.test(raw.trim())) return true;
    if (FALSE.test(raw.trim())) return false;
    throw new UsageError(`${key} is true or false, not ${JSON.stringify(raw)}.`, `For example: repcoach config set ${key} true`);
  }
  if (raw.trim() === '') throw new UsageError(`${key} cannot be empty.`, `To go back to the default: repcoach config unset ${key}`);
  return kind === 'folder' ? path.resolve(cwd, raw.trim()) : raw.trim();
}

export interface ConfigOptions {
  action: 'list' | 'get' | 'set' | 'unset';
  key?: string | undefined;
  /** For `set`: the words given; a list takes each as an item. */
  value?: string | readonly string[] | undefined;
  json?: boolean;
}

export async function config(ctx: CommandContext, opts: ConfigOptions): Promise<void> {
  const settings = await openSettings(ctx.paths);
  switch (opts.action) {
    case 'list':
      return list(ctx, settings, Boolean(opts.json));
    case 'get': {
      const key = checkKey(opts.key ?? '');
      const value = settings.get(key);
      if (opts.json) printJson(ctx, { [key]: value ?? null });
      else if (value !== undefined) println(ctx.stdout, safeText(shownValue(value)));
      return;
    }
    case 'set': {
      const key = checkKey(opts.key ?? '');
      if (opts.value === undefined) throw new UsageError(`Give a value: repcoach config set ${key} <value>`);
      const value = parseSetting(key, opts.value, ctx.cwd);
      await (settings.set as (k: Key, v: string | boolean | string[]) => Promise<void>)(key, value);
      println(ctx.stdout, `${key} = ${safeText(shownValue(value))}`);
      return;
    }
    case 'unset': {
      const key = checkKey(opts.key ?? '');
      await settings.delete(key);
      println(ctx.stdout, `${key} is back to its default.`);
      return;
    }
  }
}

function list(ctx: CommandContext, settings: Settings, json: boolean): void {
  const values = Object.fromEntries(KEYS.map((k) => [k, settings.get(k) ?? null]));
  if (json) {
    printJson(ctx, { file: settings.file, settings: values });
    return;
  }
  const c = chalkFor(ctx);
  const width = Math.max(...KEYS.map((k) => k.length));
  const shown = KEYS.map((k) => (values[k] === null ? '(not set)' : safeText(shownValue(values[k]))));
  const valueWidth = Math.max(...shown.map((v) => textWidth(v)));
  KEYS.forEach((k, i) => {
    const v = shown[i] ?? '';
    const padded = padEndTo(v, valueWidth);
    println(ctx.stdout, `${c.bold(k.padEnd(width))}  ${values[k] === null ? c.dim(padded) : padded}  ${c.dim(SETTING_KEYS[k])}`);
  });
  println(ctx.stdout, c.dim(`\n${settings.file}`));
}

/** A setting's value as one line: a list as its items, a team source by its name and where it is. */
function shownValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(shownValue).join(', ');
  if (value !== null && typeof value === 'object') {
    const team = value as { name?: unknown; url?: unknown; dir?: unknown };
    if (typeof team.name === 'string') return `team:${team.name} (${String(team.url ?? team.dir ?? '')})`;
    return JSON.stringify(value);
  }
  return String(value);
}
