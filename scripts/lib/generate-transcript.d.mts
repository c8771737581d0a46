export function generateTranscript(options?: {
  cues?: number;
  seconds?: number;
  format?: 'zoom' | 'teams' | 'srt';
  seed?: number;
  manager?: string;
  rep?: string;
}): string;
