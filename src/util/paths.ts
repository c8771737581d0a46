import os from 'node:os';
import path from 'node:path';

/**
 * Where repcoach keeps its files. `REPCOACH_HOME` (or `--home`) puts everything
 * — data, settings, notes — under one folder; otherwise the platform's usual
 * data and config folders are used.
 */
export interface Paths {
  /** Sessions, index, team playbook clones. */
  data: string;
  /** Settings file (config.json). */
  config: string;
  /** Default notes folder, unless settings say otherwise. */
  notes: string;
  /** The user's own playbooks. */
  playbooks: string;
  sessions: string;
  /** Files moved aside because they did not parse. */
  quarantine: string;
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env, platform = process.platform): Paths {
  const home = env['REPCOACH_HOME'];
  if (home) {
    const root = path.resolve(home);
    return layout(root, root);
  }
  const h = os.homedir();
  let data: string;
  let config: string;
  if (platform === 'darwin') {
    data = path.join(h, 'Library', 'Application Support', 'repcoach');
    config = path.join(h, 'Library', 'Preferences', 'repcoach');
  } else if (platform === 'win32') {
    const local = env['LOCALAPPDATA'] ?? path.join(h, 'AppData', 'Local');
    data = path.join(local, 'repcoach', 'Data');
    config = path.join(env['APPDATA'] ?? path.join(h, 'AppData', 'Roaming'), 'repcoach', 'Config');
  } else {
    data = path.join(env['XDG_DATA_HOME'] || path.join(h, '.local', 'share'), 'repcoach');
    config = path.join(env['XDG_CONFIG_HOME'] || path.join(h, '.config'), 'repcoach');
  }
  return layout(data, config);
}

function layout(data: string, config: string): Paths {
  return {
    data,
    config,
    notes: path.join(data, 'notes'),
    playbooks: path.join(data, 'playbooks'),
    sessions: path.join(data, 'sessions'),
    quarantine: path.join(data, 'quarantine'),
  };
}
