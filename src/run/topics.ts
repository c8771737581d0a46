/**
 * The rep's own topics (issue 10), from the agenda they sent back: shown to the
 * manager as the first stage (Contracting) opens, before its first question, so the
 * conversation starts from what the rep wants to talk about. Pure: a Between hook.
 */
import type { Between, Prompter } from './questions.ts';

/** The hook that shows `topics` at the first stage's first question; undefined when there are none. */
export function topicsAtStart(rep: string, topics: readonly string[] | undefined, prompter: Prompter): Between | undefined {
  if (!topics?.length) return undefined;
  let shown = false;
  return async (point) => {
    if (shown || point.phase !== 'question' || point.progress?.stage !== 1) return;
    shown = true;
    prompter.message(`${rep}’s topics, from the agenda:\n${topics.map((t) => `  • ${t}`).join('\n')}\nStart from what ${rep} wants to talk about.`);
  };
}

/** Several hooks run one after the other. */
export function chainBetween(...hooks: Array<Between | undefined>): Between | undefined {
  const list = hooks.filter((h): h is Between => h !== undefined);
  if (list.length <= 1) return list[0];
  return async (point) => {
    for (const h of list) await h(point);
  };
}
