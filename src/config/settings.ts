/**
 * Settings (config.json in the config folder), read and written through conf and
 * checked with one zod schema, the source of the types. Only settings live here;
 * sessions and notes are plain files of their own.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type Conf from 'conf';
// zod/mini rather than zod: it is bundled into dist/app.js with only the few
// checks used here (some 40 KB, under its code cache), where zod itself is a
// 750 KB library every command reading settings would load (issue 7's budget).
import * as z from 'zod/mini';
import { UsageError, UserError } from '../util/errors.ts';
import { ensureDir, FILE_MODE } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { quarantineFile, quarantineNotice } from '../util/quarantine.ts';
import { safeText } from '../util/term.ts';

const text = z.string().check(z.refine((s) => s.trim() !== ''));

/** A team source of playbooks, registered with `repcoach playbook add`. */
export const teamSourceSchema = z.object({
  /** Slug, unique among team sources: shown as `team:<name>`. */
  name: z.string(),
  /** "git": cloned into `<data>/teams/<name>` and updated with `playbook update`; "folder": used in place. */
  kind: z.enum(['git', 'folder']),
  /** Absolute path of the folder (the clone, for git). */
  dir: z.string(),
  /** The git URL it was cloned from. */
  url: z.optional(z.string()),
  /** The branch or tag it is pinned to (`playbook add --ref`); the repository's default branch when unset. */
  ref: z.optional(z.string()),
  /** ISO time it was added. */
  added: z.string(),
});
export type TeamSource = z.infer<typeof teamSourceSchema>;

export const settingsSchema = z.object({
  /** The manager's name: asked on the first run in a terminal, or given with --manager (issue 10). */
  manager: z.optional(text),
  /** Where notes are written; defaults to `<data>/notes`. */
  notesDir: z.optional(text),
  /** Team playbook sources, searched after REPCOACH_PLAYBOOKS and before the user's own folder. */
  teams: z.optional(z.array(teamSourceSchema)),
  /** More rescue language for the rescue check, in the pattern language of docs/rescue.md. */
  rescuePhrases: z.optional(z.array(z.string())),
  /** Phrases that mark a would-be rescue as support. */
  supportPhrases: z.optional(z.array(z.string())),
  /** Commit every note written to the notes folder with the system's git (issue 4). */
  'notes.git': z.optional(z.boolean()),
});
export type SettingsData = z.infer<typeof settingsSchema>;
type Key = keyof SettingsData;

/**
 * What each setting is checked against when the file is read: the schema's, but
 * for teams only that it is a list, since each entry is checked where team
 * sources are read (playbook/sources.ts), which names a bad one and keeps the rest.
 */
const readShape: Record<Key, z.ZodMiniType> = { ...settingsSchema.shape, teams: z.array(z.unknown()) };

/** Each setting's words: what it is for (`repcoach config`) and what it holds (a hand edit's warning). */
const WORDS: Record<Key, { about: string; holds: string }> = {
  manager: { about: 'your name, as it appears in notes', holds: 'a name in quotes' },
  notesDir: { about: 'the folder notes are written to', holds: 'a folder path in quotes' },
  teams: {
    about: 'team playbook sources (change them with `repcoach playbook add` and `repcoach playbook remove`)',
    holds: 'a list of team sources',
  },
  rescuePhrases: { about: 'more rescue language to flag, e.g. "park it with me" (a list)', holds: 'a list of phrases in quotes' },
  supportPhrases: {
    about: 'phrases that make a would-be rescue support, e.g. "sign off the discount" (a list)',
    holds: 'a list of phrases in quotes',
  },
  'notes.git': { about: 'commit every note to git in the notes folder (true/false)', holds: 'true or false' },
};

/** The keys `repcoach config` accepts, with what each is for, in the schema's order. */
export const SETTING_KEYS = Object.fromEntries(Object.keys(settingsSchema.shape).map((k) => [k, WORDS[k as Key].about])) as Record<Key, string>;

/**
 * The settings whose values are of their kind; each other one is named in
 * `problems` and left out, so its default applies (the file itself is not
 * changed). Keys the schema does not know are kept as they are.
 */
export function checkSettings(raw: Record<string, unknown>): { data: SettingsData; problems: string[] } {
  const kept: Array<[string, unknown]> = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (Object.hasOwn(readShape, key) && !readShape[key as Key].safeParse(value).success) {
      problems.push(`"${key}" should be ${WORDS[key as Key].holds}, not ${describeValue(value)}`);
      continue;
    }
    kept.push([key, value]);
  }
  // fromEntries, not assignment: a hand-written "__proto__" key stays a key and is not made the object's prototype.
  return { data: Object.fromEntries(kept) as SettingsData, problems };
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The file's text as conf stores it: a JSON object, or an error that has it quarantined. */
function parseObject(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('it is not a JSON object');
  return parsed as Record<string, unknown>;
}

export interface Settings {
  readonly file: string;
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  /** Written through conf (atomically); resolves once the file is saved. */
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): Promise<void>;
  delete(key: keyof SettingsData): Promise<void>;
  all(): SettingsData;
}

/**
 * Settings are read and written through conf; conf is loaded only when there is
 * a file to read or a setting to write, so a first run loads none of it and
 * makes no folder for settings it has not got. Conf does not check what it
 * reads (it is given no schema): checkSettings does, key by key, so a hand edit
 * of one setting leaves the others working. A settings file that does not parse
 * is never cleared or overwritten (clearInvalidConfig: false): it is moved to
 * the quarantine folder, `warn` is told where it went and how to recover it, and
 * defaults are used.
 */
/** The warnings this process has printed about the settings file. */
const warnedAlready = new Set<string>();

export async function openSettings(paths: Paths, opts: { warn?: (message: string) => void } = {}): Promise<Settings> {
  const file = path.join(paths.config, 'config.json');
  const unreadable = (err: unknown) =>
    new UserError(
      `The settings file ${file} cannot be read: ${(err as Error).message.split('\n')[0]}.`,
      'Fix it by hand, or move it aside to start with default settings; your sessions and notes are not affected.',
    );
  const warn =
    opts.warn ??
    ((m: string) => {
      // A command may open the settings more than once (run, playbook list): each warning is said once.
      if (warnedAlready.has(m)) return;
      warnedAlready.add(m);
      process.stderr.write(`repcoach: warning: ${safeText(m)}\n`);
    });
  const checked = (raw: Record<string, unknown>, report: boolean): SettingsData => {
    const { data, problems } = checkSettings(raw);
    if (report && problems.length > 0) {
      warn(
        `${file}: ${problems.join('; ')}. ${problems.length === 1 ? 'That setting is' : 'Those settings are'} ignored (the default is used) until fixed by hand or with \`repcoach config set <key> <value>\`.`,
      );
    }
    return data;
  };
  const openConf = async (): Promise<Conf<SettingsData>> => {
    const { default: Conf } = await import('conf');
    return new Conf<SettingsData>({
      cwd: paths.config,
      configName: 'config',
      projectName: 'repcoach',
      configFileMode: FILE_MODE,
      clearInvalidConfig: false,
      // Keys such as "notes.git" are stored as written, the way get() reads them back.
      accessPropertiesByDotNotation: false,
      deserialize: parseObject,
    });
  };

  let conf: Conf<SettingsData> | undefined;
  let data: SettingsData = {};
  try {
    // No file, no settings: conf, which would make the folder to read a missing file from, is left unloaded.
    await fs.stat(file);
    conf = await openConf();
    data = checked({ ...conf.store }, true);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') {
      // A file where the folder should be (REPCOACH_HOME pointing at a file): the caller says so.
      throw err;
    } else if (code === 'ENOENT') {
      // No settings yet: defaults.
    } else if (code !== undefined) {
      // The file system said no (no permission, a folder in its place): defaults, and say so; nothing is moved.
      warn(`The settings file ${file} cannot be read (${describeReadFailure(code)}); default settings are used. Your sessions and notes are not affected.`);
    } else {
      const reason = (err as Error).message.split('\n')[0] || 'it does not parse';
      let notice: string;
      try {
        notice = quarantineNotice(await quarantineFile(paths, file, reason), 'Default settings are used until then; your sessions and notes are not affected.');
      } catch {
        throw unreadable(err);
      }
      warn(notice);
    }
  }

  const writer = async (): Promise<Conf<SettingsData>> => {
    if (conf) return conf;
    await ensureDir(paths.config);
    try {
      conf = await openConf();
    } catch (err) {
      throw unreadable(err);
    }
    return conf;
  };
  return {
    file,
    get: (key) => data[key],
    set: async (key, value) => {
      const c = await writer();
      c.set(key, value);
      data = checked({ ...c.store }, false);
    },
    delete: async (key) => {
      const c = await writer();
      c.delete(key);
      data = checked({ ...c.store }, false);
    },
    all: () => ({ ...data }),
  };
}

function describeReadFailure(code: string): string {
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code;
}

export function notesDir(settings: Settings, paths: Paths, override?: string): string {
  // An empty --notes-dir "" is a slip, not "here": it would write notes into the current folder.
  if (override !== undefined && override.trim() === '') {
    throw new UsageError('--notes-dir needs a folder.', 'For example: --notes-dir ~/vault/coaching, or leave it out to use the notes folder in the settings.');
  }
  return path.resolve(override ?? settings.get('notesDir') ?? paths.notes);
}
