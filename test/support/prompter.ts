/**
 * A Prompter that answers from a script and records what it was asked, so a
 * whole run is tested without a terminal.
 */
import type { ActionItem, AnswerValue } from '../../src/playbook/schema.ts';
import type { AskRequest, AskResult, Prompter, ReviewAskRequest, StageInfo } from '../../src/run/questions.ts';

/** What the person does at one prompt. */
export type Reply =
  | { answer: AnswerValue }
  | { back: true }
  | { skip: true }
  /** Ctrl-C: the prompt library throws an ExitPromptError. */
  | { ctrlC: true }
  /** An action list entered item by item (each saved), then finished, or cut off by Ctrl-C after the items. */
  | { actions: ActionItem[]; thenCtrlC?: boolean };

export const answer = (value: AnswerValue): Reply => ({ answer: value });
export const BACK: Reply = { back: true };
export const SKIP: Reply = { skip: true };
export const CTRL_C: Reply = { ctrlC: true };

/** The error @inquirer/prompts throws on Ctrl-C; the run knows it by its name only. */
export class ExitPromptError extends Error {
  override name = 'ExitPromptError';
}

interface Asked {
  id: string;
  text: string;
  initial: AnswerValue | undefined;
  /** `2/5 3/4` for a playbook question; the review's own counter for a question of the commitment review. */
  progress: string;
  canGoBack: boolean;
}

export interface ScriptedPrompter extends Prompter {
  asked: Asked[];
  stages: StageInfo[];
  recaps: Array<Array<{ text: string; answer: string }>>;
  summaries: Array<Array<ActionItem & { question: string }>>;
  messages: string[];
  /** Script steps not yet used. */
  remaining(): number;
}

/**
 * `script` is a list of [question id, reply]: the prompter fails the run if a
 * different question is asked than the script expects, or if the script runs out.
 */
export function scriptedPrompter(script: ReadonlyArray<readonly [string, Reply]>): ScriptedPrompter {
  const queue = [...script];
  const p: ScriptedPrompter = {
    asked: [],
    stages: [],
    recaps: [],
    summaries: [],
    messages: [],
    remaining: () => queue.length,
    stage(info) {
      p.stages.push(info);
    },
    async ask(req: AskRequest): Promise<AskResult> {
      const pr = req.progress;
      p.asked.push({
        id: req.question.id,
        text: req.text,
        initial: req.initial,
        progress: `${pr.stage}/${pr.stages} ${pr.question}/${pr.questions}`,
        canGoBack: req.canGoBack,
      });
      const next = queue.shift();
      if (!next) throw new Error(`the script ran out; asked "${req.question.id}"`);
      const [id, reply] = next;
      if (id !== req.question.id) throw new Error(`the script expected "${id}" but "${req.question.id}" was asked`);
      if ('answer' in reply) return { kind: 'answer', value: reply.answer };
      if ('back' in reply) return { kind: 'back' };
      if ('skip' in reply) return { kind: 'skip' };
      if ('ctrlC' in reply) throw new ExitPromptError('User force closed the prompt with SIGINT');
      const items: ActionItem[] = Array.isArray(req.initial) ? [...(req.initial as ActionItem[])] : [];
      for (const item of reply.actions) {
        items.push(item);
        if (!req.savePartial) throw new Error(`"${req.question.id}" offers no savePartial`);
        await req.savePartial([...items]);
      }
      if (reply.thenCtrlC) throw new ExitPromptError('User force closed the prompt with SIGINT');
      return { kind: 'answer', value: items };
    },
    async askReview(req: ReviewAskRequest): Promise<AskResult> {
      p.asked.push({ id: req.question.id, text: req.text, initial: req.initial, progress: req.counter, canGoBack: req.canGoBack });
      const next = queue.shift();
      if (!next) throw new Error(`the script ran out; asked "${req.question.id}"`);
      const [id, reply] = next;
      if (id !== req.question.id) throw new Error(`the script expected "${id}" but "${req.question.id}" was asked`);
      if ('answer' in reply) return { kind: 'answer', value: reply.answer };
      if ('back' in reply) return { kind: 'back' };
      if ('skip' in reply) return { kind: 'skip' };
      if ('ctrlC' in reply) throw new ExitPromptError('User force closed the prompt with SIGINT');
      throw new Error(`"${req.question.id}" is not an action list`);
    },
    recap(items) {
      p.recaps.push(items);
    },
    actionSummary(actions) {
      p.summaries.push(actions);
    },
    message(text) {
      p.messages.push(text);
    },
  };
  return p;
}
