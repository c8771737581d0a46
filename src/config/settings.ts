/**
 * Settings (config.json in the config folder), kept with conf. Only settings
 * live here; sessions and notes are plain files of their own.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { UsageError, UserError } from '../util/errors.ts';
import { ensureDir, FILE_MODE } from '../util/fs.ts';
import type { Paths } from '../util/paths.ts';
import { quarantineFile, quarantineNotice } from '../util/quarantine.ts';
import { safeText } from '../util/term.ts';

/** A team source of playbooks, registered with `repcoach playbook add`. */
export interface TeamSource {
  /** Slug, unique among team sources: shown as `team:<name>`. */
  name: string;
  /** "git": cloned into `<data>/teams/<name>` and updated with `playbook update`; "folder": used in place. */
  kind: 'git' | 'folder';
  /** Absolute path of the folder (the clone, for git). */
  dir: string;
  /** The git URL it was cloned from. */
  url?: string | undefined;
  /** The branch or tag it is pinned to (`playbook add --ref`); the repository's default branch when unset. */
  ref?: string | undefined;
  /** ISO time it was added. */
  added: string;
}

export interface SettingsData {
  /** The manager's name: asked on the first run in a terminal, or given with --manager (issue 10). */
  manager?: string;
  /** Where notes are written; defaults to `<data>/notes`. */
  notesDir?: string;
  /** Team playbook sources, searched after REPCOACH_PLAYBOOKS and before the user's own folder. */
  teams?: TeamSource[];
  /** More rescue language for the rescue check, in the pattern language of docs/rescue.md. */
  rescuePhrases?: string[];
  /** Phrases that mark a would-be rescue as support. */
  supportPhrases?: string[];
  /** Commit every note written to the notes folder with the system's git (issue 4). */
  'notes.git'?: boolean;
}

/** The keys `repcoach config` accepts, with what each is for. */
export const SETTING_KEYS: Record<keyof SettingsData, string> = {
  manager: 'your name, as it appears in notes',
  notesDir: 'the folder notes are written to',
  teams: 'team playbook sources (change them with `repcoach playbook add` and `repcoach playbook remove`)',
  rescuePhrases: 'more rescue language to flag, e.g. "park it with me" (a list)',
  supportPhrases: 'phrases that make a would-be rescue support, e.g. "sign off the discount" (a list)',
  'notes.git': 'commit every note to git in the notes folder (true/false)',
};

/** What each setting holds, checked when the file is read: a hand edit may put anything there. */
const KINDS: Record<keyof SettingsData, { is: (v: unknown) => boolean; what: string }> = {
  manager: { is: (v) => typeof v === 'string' && v.trim() !== '', what: 'a name in quotes' },
  notesDir: { is: (v) => typeof v === 'string' && v.trim() !== '', what: 'a folder path in quotes' },
  // Each entry is checked where team sources are read (playbook/sources.ts), which names a bad one.
  teams: { is: Array.isArray, what: 'a list of team sources' },
  rescuePhrases: { is: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), what: 'a list of phrases in quotes' },
  supportPhrases: { is: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), what: 'a list of phrases in quotes' },
  'notes.git': { is: (v) => typeof v === 'boolean', what: 'true or false' },
};

/**
 * The settings whose values are of their kind; each other one is named in
 * `problems` and left out, so its default applies (the file itself is not changed).
 */
export function checkSettings(raw: Record<string, unknown>): { data: SettingsData; problems: string[] } {
  const data: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const kind = KINDS[key as keyof SettingsData] as (typeof KINDS)[keyof SettingsData] | undefined;
    if (kind && !kind.is(value)) {
      problems.push(`"${key}" should be ${kind.what}, not ${describeValue(value)}`);
      continue;
    }
    data[key] = value;
  }
  return { data: data as SettingsData, problems };
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
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
 * Settings are read as the plain JSON file they are, and conf is loaded only to
 * write them: loading conf (and its schema validator) costs more start-up time
 * than the whole first question may take (issue 7). A settings file that does
 * not parse is never cleared or overwritten: it is moved to the quarantine
 * folder, `warn` is told where it went and how to recover it, and defaults are used.
 */
export async function openSettings(paths: Paths, opts: { warn?: (message: string) => void } = {}): Promise<Settings> {
  const file = path.join(paths.config, 'config.json');
  const unreadable = (err: unknown) =>
    new UserError(
      `The settings file ${file} cannot be read: ${(err as Error).message.split('\n')[0]}.`,
      'Fix it by hand, or move it aside to start with default settings; your sessions and notes are not affected.',
    );
  const warn = opts.warn ?? ((m: string) => process.stderr.write(`repcoach: warning: ${safeText(m)}\n`));
  const checked = (raw: Record<string, unknown>, report: boolean): SettingsData => {
    const { data, problems } = checkSettings(raw);
    if (report && problems.length > 0) {
      warn(
        `${file}: ${problems.join('; ')}. ${problems.length === 1 ? 'That setting is' : 'Those settings are'} ignored (the default is used) until fixed by hand or with \`repcoach config set <key> <value>\`.`,
      );
    }
    return data;
  };
  let data: SettingsData = {};
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('it is not a JSON object');
    data = checked(parsed as Record<string, unknown>, true);
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

  let conf: { set(key: string, value: unknown): void; delete(key: string): void; store: SettingsData } | undefined;
  const writer = async () => {
    if (conf) return conf;
    await ensureDir(paths.config);
    const { default: Conf } = await import('conf');
    try {
      conf = new Conf<SettingsData>({
        cwd: paths.config,
        configName: 'config',
        projectName: 'repcoach',
        configFileMode: FILE_MODE,
        clearInvalidConfig: false,
        // Keys such as "notes.git" are stored as written, the way get() reads them back.
        accessPropertiesByDotNotation: false,
      });
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
