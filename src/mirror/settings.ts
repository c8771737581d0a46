import type { Settings } from '../config/settings.ts';
import type { RescueOptions } from '../rescue/detect.ts';

/** The rescue lists from settings; a hand-edited single phrase counts as a list of one. */
export function rescueSettings(settings: Pick<Settings, 'get'>): RescueOptions {
  return { phrases: list(settings.get('rescuePhrases')), support: list(settings.get('supportPhrases')) };
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
