/**
 * Bytes to text: a transcript file may be UTF-8 with or without a byte-order
 * mark (Teams and Windows editors write one), or UTF-16 (Notepad's "Unicode").
 * Anything else that holds NUL bytes or many undecodable bytes is not a
 * transcript: it gets a clear error rather than figures made of noise.
 */
import { TranscriptError } from './model.ts';

export function decodeTranscript(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new TranscriptError(file, null, 'the file is empty.', 'Export the transcript again from the meeting app.');
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else text = new TextDecoder('utf-8').decode(bytes);
  return checkText(text, file);
}

/** The checks made on text however it arrived: a BOM dropped, binary and empty refused. */
export function checkText(text: string, file: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) throw binary(file, sample, i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  if (sample.length > 0 && bad / sample.length > 0.05) throw binary(file, sample, -1);
  if (text.trim() === '') throw new TranscriptError(file, null, 'the file is empty.', 'Export the transcript again from the meeting app.');
  return text;
}

function binary(file: string, text: string, at: number): TranscriptError {
  const line = at < 0 ? null : text.slice(0, at).split(/\r\n|\r|\n/).length;
  return new TranscriptError(
    file,
    line,
    'this is not a text file (it holds binary data); a transcript is text: WebVTT, SRT, Otter text, Meet JSON or "Name: text" lines.',
    'Pass the transcript (.vtt, .srt, .txt, .json), not the recording.',
  );
}
