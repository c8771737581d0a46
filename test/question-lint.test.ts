import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/errors.ts';
import { builtinDir } from '../src/playbook/load.ts';
import { parsePlaybook, parseYaml } from '../src/playbook/parse.ts';
import { judgeQuestion, lintQuestions } from '../src/rescue/question-lint.ts';

function lint(yaml: string, file = 'team.yaml') {
  return lintQuestions(parsePlaybook(yaml, file), parseYaml(yaml, file).source);
}

describe('judgeQuestion', () => {
  it.each([
    ['Did you call the buyer?', 'closed', 'What happened when you tried to call the buyer?'],
    ['{{rep}}, do you have a plan for Friday?', 'closed', 'Tell me about a plan for friday.'],
    ['Are there other stakeholders?', 'closed', 'What other stakeholders do you see?'],
    ['Can you get a meeting with their CFO?', 'closed', 'How could you get a meeting with their cfo?'],
    ['Is it going well?', 'closed', 'Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”'],
    ['Why did you offer the discount?', 'why', 'What led you to offer the discount?'],
    ['Why do you think they went quiet?', 'why', 'What makes you think they went quiet?'],
    ['Why is the deal stalled?', 'why', 'What do you think is causing it?'],
    ['Have you tried calling their CFO?', 'advice', 'What else could you try?'],
    ["Why don't you send them a case study?", 'advice', 'What options do you see?'],
    ['Why not offer a pilot?', 'advice', 'What options do you see?'],
    ["Wouldn't it be better to go to the CFO?", 'advice', 'Which option gives you the best chance, and why?'],
    ['Shouldn’t you loop in legal?', 'advice', 'What could you do next?'],
    ['What about a multi-year deal?', 'advice', 'What else could you try?'],
  ])('%s → %s', (text, kind, rewrite) => {
    expect(judgeQuestion(text)).toEqual({ kind, rewrite });
  });

  it.each([
    'What have you already tried?',
    'Walk me through what is happening with {{answers.topic}}, in your own words.',
    'Could you walk me through the last call?',
    'Did it work? What happened next?',
    'How will you handle this the next time I am not in the room?',
    'On a scale of 1 to 10, how confident are you?',
    'What would you do if I weren’t here?',
  ])('leaves an open question alone: %s', (text) => {
    expect(judgeQuestion(text)).toBeUndefined();
  });
});

const TEAM = `id: team
title: Team playbook
description: A team's playbook with questions that coach badly.
version: "1.0.0"
stages:
  - id: listening
    title: Listening
    goal: Hear the rep out.
    questions:
      - id: idea
        text: What did you suggest?
        voice: manager
        advice: true
      - id: tried
        text: What have you already tried?
        gate: inquiry
      - id: called
        text: Did you call the buyer?
  - id: exploring
    title: Exploring
    goal: Widen the options.
    questions:
      - id: why
        text: Why did you offer the discount?
        type: text
      - id: pilot
        text: Have you tried offering a pilot?
  - id: review
    title: Review
    goal: Check the plan.
    questions:
      - id: ok
        text: Are you happy with the plan?
        type: text
      - id: sure
        text: Is this the right deal to focus on?
        type: yes-no
  - id: mine
    title: For me
    goal: My own notes.
    private: true
    questions:
      - id: talked
        text: Did I talk too much?
rescue:
  phrases: ["babysit <deals>"]
`;

describe('lintQuestions', () => {
  it('warns at file:line:column, with a rewrite, and never as an error', () => {
    const problems = lint(TEAM);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(problems.map(formatProblem)).toEqual([
      'team.yaml:18:15: warning: a closed question invites a yes or a no; an open one gets the rep thinking. Try: “What happened when you tried to call the buyer?” (stages[0].questions[2].text)',
      'team.yaml:24:15: warning: a "why" question can put the rep on the defensive. Try: “What led you to offer the discount?” (stages[1].questions[0].text)',
      'team.yaml:27:15: warning: advice dressed as a question: it hands the rep your idea instead of drawing out theirs. Try: “What else could you try?” (stages[1].questions[1].text)',
      'team.yaml:33:15: warning: a closed question invites a yes or a no; an open one gets the rep thinking. Try: “Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”” (stages[2].questions[0].text)',
      'team.yaml:29:12: warning: the stage "Review" has no open question for the rep. Add one, e.g. “What else could you try?” or “What do you make of it?” (stages[2].title)',
      'team.yaml:13:17: warning: "idea" records your suggestions before the inquiry gate "tried". Move it after "tried": ask what the rep has already tried before offering advice. (stages[0].questions[0].advice)',
      'team.yaml:46:13: warning: unknown kind <deals> in a rescue phrase; use one of <buyer>, <meeting>, <doc>, <deal>, <it>, <lead>, <handover>, <work>, <np>, <boost> (rescue.phrases[0])',
    ]);
  });

  it('asks for a gate when suggestions are recorded without one', () => {
    const yaml = TEAM.replace('        gate: inquiry\n', '');
    expect(lint(yaml).map((p) => p.message)).toContain(
      '"idea" records your suggestions, but no question is the inquiry gate. Mark the one that asks what the rep has already tried with "gate: inquiry".',
    );
  });

  it('is quiet when advice follows the gate and every stage has an open question', () => {
    const yaml = `id: good
title: Good
description: Coaches well.
version: "1.0.0"
stages:
  - id: listening
    title: Listening
    goal: Hear the rep out.
    questions:
      - id: tried
        text: What have you already tried?
        gate: inquiry
      - id: idea
        text: What did you suggest, after hearing theirs?
        voice: manager
        advice: true
`;
    expect(lint(yaml)).toEqual([]);
  });
});

describe('built-in playbooks', () => {
  const files = readdirSync(builtinDir()).filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s passes the question linter', (file) => {
    const text = readFileSync(path.join(builtinDir(), file), 'utf8');
    expect(lintQuestions(parsePlaybook(text, file), parseYaml(text, file).source).map(formatProblem)).toEqual([]);
  });

  it('one-to-one marks its inquiry gate', () => {
    const pb = parsePlaybook(readFileSync(path.join(builtinDir(), 'one-to-one.yaml'), 'utf8'), 'one-to-one.yaml');
    const gate = pb.stages.flatMap((s) => s.questions).find((q) => q.gate === 'inquiry');
    expect(gate?.text).toBe('What have you already tried?');
  });
});
