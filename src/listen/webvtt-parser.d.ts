// Types for the parts of webvtt-parser (CC0, no types of its own) that listen uses.
declare module 'webvtt-parser' {
  export interface VttNode {
    type: 'text' | 'object' | 'timestamp';
    name?: string;
    classes?: string[];
    /** Text of a text node; the annotation (the speaker) of a <v> node; seconds of a timestamp. */
    value?: string | number;
    children?: VttNode[];
  }
  export interface VttTimedCue {
    startTime?: number | undefined;
    endTime?: number | undefined;
    [setting: string]: unknown;
  }
  type OnError = (message: string, column: number) => void;
  export class WebVTTCueTimingsAndSettingsParser {
    constructor(line: string, onError: OnError);
    /** True when the timings were read; settings' problems are reported but not fatal. */
    parse(cue: VttTimedCue, previousCueStart: number): true | undefined;
  }
  export class WebVTTCueTextParser {
    constructor(text: string, onError: OnError, mode: 'metadata' | 'subtitles' | 'chapters', entities: Record<string, string>);
    parse(cueStart: number, cueEnd: number): { children: VttNode[] };
  }
  const lib: {
    WebVTTCueTimingsAndSettingsParser: typeof WebVTTCueTimingsAndSettingsParser;
    WebVTTCueTextParser: typeof WebVTTCueTextParser;
  };
  export default lib;
}
