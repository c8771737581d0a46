/**
 * The manager's private self-check at the end of a run (issue 5). A playbook
 * with a private stage brings its own; otherwise these few questions are
 * asked. They are questions in the playbook format, so the same prompts ask
 * them; their answers are journaled as self-check entries, never as answers,
 * and appear only in the manager's part of the note.
 */
import type { Playbook, Question, Stage } from '../playbook/schema.ts';
import type { SessionState } from '../model/journal.ts';
import { sessionActions } from './ledger.ts';


/** A built-in question with the schema's defaults spelled out (no schema library needed at run time). */
const question = (q: Pick<Question, 'id' | 'text'> & Partial<Question>): Question => ({ type: 'text', required: false, private: true, voice: 'manager', ...q });

export const SELF_CHECK_STAGE: Omit<Stage, 'questions'> = {
  id: 'self-check',
  title: 'Self-check',
  letter: '✓',
  goal: 'A minute for you alone: how did you coach? It stays out of the rep’s copy of the note.',
  tip: 'Be honest; nobody else reads this part.',
  private: true,
};

/** Asked first: the whole self-check can be skipped at once. */
export const SELF_CHECK_OFFER: Question = question({
  id: 'take_self_check',
  text: 'Take a one-minute private self-check?',
  type: 'yes-no',
  required: true,
  default: true,
});

export function selfCheckQuestions(state: SessionState): Question[] {
  return [
    question({
      id: 'talked_more',
      text: 'Who did most of the talking?',
      type: 'choice',
      options: [
        { value: 'rep', label: state.start.rep.name },
        { value: 'me', label: 'Me' },
        { value: 'even', label: 'About even' },
      ],
    }),
    question({
      id: 'fix_first',
      text: `Did I offer my fix before asking what ${state.start.rep.name} had already tried?`,
      type: 'choice',
      options: [
        { value: 'asked-first', label: 'No: I asked first' },
        { value: 'fix-first', label: 'Yes: I offered my fix first' },
        { value: 'unsure', label: 'Not sure' },
      ],
    }),
    question({
      id: 'next_step_owner',
      text: 'Whose name is on the next step?',
      type: 'choice',
      options: [
        { value: 'rep', label: state.start.rep.name },
        { value: 'me', label: 'Mine' },
        { value: 'both', label: 'Both of ours' },
      ],
      ...nextStepDefault(state),
    }),
    question({
      id: 'private_note',
      text: 'Anything to remember, for your eyes only?',
      type: 'long-text',
    }),
  ];
}

/** The first action's owner, as a starting point for "whose name is on the next step". */
function nextStepDefault(state: SessionState): { default?: string } {
  const first = sessionActions(state)[0]?.action.owner;
  if (!first) return {};
  return { default: first === 'manager' ? 'me' : first };
}

/** A playbook with a private stage carries its own self-check. */
export function hasOwnSelfCheck(pb: Playbook): boolean {
  return pb.stages.some((s) => s.private);
}
