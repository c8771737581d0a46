/**
 * Settings (config.json in the config folder), kept with conf. Only settings
 * live here; sessions and notes are plain files of their own.
 */
import path from 'node:path';
import { UserError } from './errors.ts';
import { ensureDir, FILE_MODE } from './util/fs.ts';
import type { Paths } from './util/paths.ts';
import { quarantineFile, quarantineNotice } from './util/quarantine.ts';
import { safeText } from './util/term.ts';

export interface SettingsData {
  /** The manager's name, remembered once given with --manager. */
  manager?: string;
  /** Where notes are written; defaults to `<data>/notes`. */
  notesDir?: string;
}

/** The keys `repcoach config` accepts, with what each is for. */
export const SETTING_KEYS: Record<keyof SettingsData, string> = {
  manager: 'your name, as it appears in notes',
  notesDir: 'the folder notes are written to',
};

export interface Settings {
  readonly file: string;
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
  delete(key: keyof SettingsData): void;
  all(): SettingsData;
}

/**
 * Open the settings. A settings file that does not parse is never cleared or
 * overwritten: it is moved to the quarantine folder, `warn` is told where it
 * went and how to recover it, and defaults are used.
 */
export async function openSettings(paths: Paths, opts: { warn?: (message: string) => void } = {}): Promise<Settings> {
  await ensureDir(paths.config);
  const { default: Conf } = await import('conf');
  const file = path.join(paths.config, 'config.json');
  const open = () =>
    new Conf<SettingsData>({
      cwd: paths.config,
      configName: 'config',
      projectName: 'repcoach',
      configFileMode: FILE_MODE,
      clearInvalidConfig: false,
    });
  let conf: InstanceType<typeof Conf<SettingsData>>;
  try {
    conf = open();
    void conf.store;
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0]?.replace(/^.*?config\.json:?\s*/, '') || 'it does not parse';
    let notice: string;
    try {
      notice = quarantineNotice(await quarantineFile(paths, file, reason), 'Default settings are used until then; your sessions and notes are not affected.');
    } catch {
      throw new UserError(
        `The settings file ${file} cannot be read: ${reason}.`,
        'Fix it by hand, or move it aside to start with default settings; your sessions and notes are not affected.',
      );
    }
    (opts.warn ?? ((m: string) => process.stderr.write(`repcoach: ${safeText(m)}\n`)))(notice);
    conf = open();
  }
  return {
    file,
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
    all: () => ({ ...conf.store }),
  };
}

export function notesDir(settings: Settings, paths: Paths, override?: string): string {
  return path.resolve(override ?? settings.get('notesDir') ?? paths.notes);
}
