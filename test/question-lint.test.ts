import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/util/errors.ts';
import { builtinDir } from '../src/playbook/load.ts';
import { parsePlaybook, parseYaml } from '../src/playbook/parse.ts';
import { judgeQuestion, lintQuestions } from '../src/playbook/question-lint.ts';

function lint(yaml: string, file = 'team.yaml') {
  return lintQuestions(parsePlaybook(yaml, file), parseYaml(yaml, file).source);
}

describe('judgeQuestion', () => {
  it.each([
    ['Did you call the buyer?', 'closed', 'What happened when you tried to call the buyer?'],
    ['Did you send the proposal to Acme?', 'closed', 'What happened when you tried to send the proposal to Acme?'],
    ['Did you share the deck with their CFO?', 'closed', 'What happened when you tried to share the deck with their CFO?'],
    ['Did you explain the pricing?', 'closed', 'What happened when you tried to explain the pricing?'],
    ['{{rep}}, do you have a plan for Friday?', 'closed', 'Tell me about a plan for Friday.'],
    ['Are there other stakeholders?', 'closed', 'What other stakeholders do you see?'],
    ['Is there someone inside the account who still wants this to happen?', 'closed', 'Who inside the account still wants this to happen?'],
    ['Is there anyone on their side who pushes for it?', 'closed', 'Who on their side pushes for it?'],
    ['Is there anything unclear about the data rules?', 'closed', 'What is unclear about the data rules?'],
    ['Is there a deal where you want something from me?', 'closed', 'Which deal where you want something from me, if any?'],
    ['Is there something you are still holding?', 'closed', 'Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”'],
    ['Have you spoken to the CFO?', 'closed', 'What have you done so far, and what came of it?'],
    ['Can you get a meeting with their CFO?', 'closed', 'How could you get a meeting with their CFO?'],
    ['Would you like to rehearse it?', 'closed', 'How would you like to rehearse it?'],
    ['Will you call them this week?', 'closed', 'How and when will you call them this week?'],
    ['Is it going well?', 'closed', 'Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”'],
    ['Was this one of the rare cases where stepping in was right?', 'closed', 'Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”'],
    ['So, are you happy with the plan, {{rep}}?', 'closed', 'Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”'],
    ["Don't you think the buyer has gone cold?", 'leading', 'What do you make of it?'],
    ['Wouldn’t you agree the champion has left?', 'leading', 'What do you make of it?'],
    ['Would you say the price is the real problem?', 'leading', 'How do you see it?'],
    ["Isn't the real issue their budget?", 'leading', 'Ask it without your answer in it: e.g. “What do you make of it?”'],
    ["Haven't they gone quiet since the demo?", 'leading', 'Ask it without your answer in it: e.g. “What do you make of it?”'],
    ['Surely they read the proposal?', 'leading', 'What do you make of it?'],
    ['Is it fair to say the deal is dead?', 'leading', 'How would you describe it?'],
    ['The champion is the key, right?', 'leading', 'Ask it without your answer in it: e.g. “What do you make of it?”'],
    ["They've gone quiet, haven't they?", 'leading', 'Ask it without your answer in it: e.g. “What do you make of it?”'],
    ['Why did you offer the discount?', 'why', 'What led you to offer the discount?'],
    ['Why do you think they went quiet?', 'why', 'What makes you think they went quiet?'],
    ['Why is the deal stalled?', 'why', 'What do you think is causing it?'],
    ['Have you tried calling their CFO?', 'advice', 'What else could you try?'],
    ["Why don't you send them a case study?", 'advice', 'What options do you see?'],
    ['Why not offer a pilot?', 'advice', 'What options do you see?'],
    ["Wouldn't it be better to go to the CFO?", 'advice', 'Which option gives you the best chance, and why?'],
    ['Shouldn’t you loop in legal?', 'advice', 'What could you do next?'],
    ["Don't you think you should call the VP?", 'advice', 'What do you think you should do?'],
    ['What about a multi-year deal?', 'advice', 'What else could you try?'],
  ])('%s → %s', (text, kind, rewrite) => {
    expect(judgeQuestion(text)).toEqual({ kind, rewrite });
  });

  it.each([
    'What have you already tried?',
    'Walk me through what is happening with {{answers.topic}}, in your own words.',
    'Could you walk me through the last call?',
    'Can you tell me what the buyer said?',
    'Would you describe the last meeting for me?',
    'Did it work? What happened next?',
    'How will you handle this the next time I am not in the room?',
    'On a scale of 1 to 10, how confident are you?',
    'What would you do if I weren’t here?',
    'Who inside the account still wants this to happen?',
    'Which of these is closest to what the buyer is saying?',
    'What would it cost them to do nothing, and when?',
    'Where is your walk-away point, and what tells you that is the right line?',
    'What do you think is really causing it?',
    'How do you read the silence, if it is silence?',
    'What is it? This is a good place to ask it.',
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
        private: false
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
      'team.yaml:19:15: warning: a closed question invites a yes or a no; an open one gets the rep thinking. Try: “What happened when you tried to call the buyer?” (stages[0].questions[2].text)',
      'team.yaml:25:15: warning: a "why" question can put the rep on the defensive. Try: “What led you to offer the discount?” (stages[1].questions[0].text)',
      'team.yaml:28:15: warning: advice dressed as a question: it hands the rep your idea instead of drawing out theirs. Try: “What else could you try?” (stages[1].questions[1].text)',
      'team.yaml:34:15: warning: a closed question invites a yes or a no; an open one gets the rep thinking. Try: “Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?”” (stages[2].questions[0].text)',
      'team.yaml:38:15: warning: a yes-no question put to the rep is closed by nature. Ask it open (type: text), or make it your own check after the rep has left (voice: manager, private: true). (stages[2].questions[1].type)',
      'team.yaml:30:12: warning: the stage "Review" has no open question for the rep. Add one, e.g. “What else could you try?” or “What do you make of it?” (stages[2].title)',
      'team.yaml:13:17: warning: "idea" records your suggestions before the inquiry gate "tried". Move it after "tried": ask what the rep has already tried before offering advice. (stages[0].questions[0].advice)',
      'team.yaml:13:17: warning: "idea" records your own suggestions, yet "private: false" shows them in the rep\'s copy of the note. Remove it, or write "private: true". (stages[0].questions[0].advice)',
      'team.yaml:47:13: warning: unknown kind <deals> in a rescue phrase; use one of <buyer>, <meeting>, <doc>, <deal>, <it>, <lead>, <handover>, <work>, <np>, <boost> (rescue.phrases[0])',
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
        private: true
`;
    expect(lint(yaml)).toEqual([]);
  });

  /** One stage with an open question and the given extra question lines. */
  const withQuestion = (lines: string, extra = '') => `id: one
title: One
description: One stage.
version: "1.0.0"
${extra}stages:
  - id: listening
    title: Listening
    goal: Hear the rep out.
    questions:
      - id: story
        text: Walk me through it.
        type: long-text
${lines}`;
  const messages = (yaml: string) => lint(yaml).map((p) => `${p.path}: ${p.message}`);

  it.each([
    [
      'a yes-no put to the rep, with a rewrite from its own words',
      '      - id: champion\n        text: Is there someone inside the account who still wants this to happen?\n        type: yes-no\n',
      ['stages[0].questions[1].type: a yes-no question put to the rep is closed by nature. Ask it open (type: text), or make it your own check after the rep has left (voice: manager, private: true), e.g. “Who inside the account still wants this to happen?”.'],
    ],
    [
      'the wording of a checklist',
      '      - id: signals\n        text: Did they go quiet?\n        type: multi-choice\n        options: [yes, no]\n',
      ['stages[0].questions[1].text: a closed question invites a yes or a no; an open one gets the rep thinking. Try: “Ask it open, with “what” or “how”: e.g. “What happened?”, “How do you see it?””'],
    ],
    [
      'a leading scale',
      "      - id: sure\n        text: You're sure about the plan, aren't you?\n        type: scale\n",
      ['stages[0].questions[1].text: a leading question carries your answer; the rep is asked to agree, not to think. Try: “Ask it without your answer in it: e.g. “What do you make of it?””'],
    ],
    [
      'a question the help tells the manager to ask',
      '      - id: tried\n        text: What have you already tried?\n        help: Then ask "Did you send the proposal?" and wait.\n',
      ['stages[0].questions[1].help: the help tells you to ask “Did you send the proposal?”: a closed question invites a yes or a no; an open one gets the rep thinking. Try: “What happened when you tried to send the proposal?”'],
    ],
    [
      'rescue language in what the manager asks',
      '      - id: offer\n        text: Want me to call their VP for you?\n',
      [expect.stringMatching(/^stages\[0\]\.questions\[1\]\.text: the question has you taking the deal over \(“.*call their VP.*”\): /)],
    ],
  ])('warns about %s', (_what, lines, expected) => {
    expect(messages(withQuestion(lines))).toEqual(expected);
  });

  it.each([
    ['a yes-no that is the manager’s own check', '      - id: owned\n        text: Is every next step in the rep’s name?\n        type: yes-no\n        voice: manager\n        private: true\n'],
    ['a choice asked open', '      - id: kind\n        text: Which of these is closest to what the buyer said?\n        type: choice\n        options: [price, timing]\n'],
    ['a quote named as the thing to avoid', '      - id: tried\n        text: What have you already tried?\n        help: Ask it instead of "Did you call them?", and wait.\n'],
    ['support the rep asked for', '      - id: support\n        text: What do you need from me, if anything, that you cannot get yourself?\n'],
    ['the manager’s hypothetical', "      - id: without_me\n        text: What would you do if I weren't here to ask?\n"],
  ])('leaves alone %s', (_what, lines) => {
    expect(messages(withQuestion(lines))).toEqual([]);
  });

  it('takes a yes-no in a self-check playbook as the manager’s own check', () => {
    const yes = '      - id: holding\n        text: Are you holding on to anything that belongs to a rep?\n        type: yes-no\n';
    expect(messages(withQuestion(yes))).toHaveLength(1);
    expect(messages(withQuestion(yes, 'tags: [self-check]\n'))).toEqual([]);
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
