/**
 * Settings (config.json in the config folder), kept with conf. Only settings
 * live here; sessions and notes are plain files of their own.
 */
import path from 'node:path';
import { UserError } from './errors.ts';
import { ensureDir, FILE_MODE } from './util/fs.ts';
import type { Paths } from './util/paths.ts';

export interface SettingsData {
  /** The manager's name, remembered once given with --manager. */
  manager?: string;
  /** Where notes are written; defaults to `<data>/notes`. */
  notesDir?: string;
  /** Commit every note written to the notes folder with the system's git (issue 4). */
  'notes.git'?: boolean;
}

/** The keys `repcoach config` accepts, with what each is for. */
export const SETTING_KEYS: Record<keyof SettingsData, string> = {
  manager: 'your name, as it appears in notes',
  notesDir: 'the folder notes are written to',
  'notes.git': 'commit every note to git in the notes folder (true/false)',
};

export interface Settings {
  readonly file: string;
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
  delete(key: keyof SettingsData): void;
  all(): SettingsData;
}

export async function openSettings(paths: Paths): Promise<Settings> {
  await ensureDir(paths.config);
  const { default: Conf } = await import('conf');
  const file = path.join(paths.config, 'config.json');
  let conf: InstanceType<typeof Conf<SettingsData>>;
  try {
    conf = new Conf<SettingsData>({
      cwd: paths.config,
      configName: 'config',
      projectName: 'repcoach',
      configFileMode: FILE_MODE,
      clearInvalidConfig: false,
    });
    void conf.store;
  } catch (err) {
    throw new UserError(
      `The settings file ${file} cannot be read: ${(err as Error).message.split('\n')[0]}.`,
      'Fix it by hand, or move it aside to start with default settings; your sessions and notes are not affected.',
    );
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
