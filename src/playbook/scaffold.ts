/**
 * The text `repcoach playbook new <id>` writes: a complete, valid CLEAR-style
 * playbook with a comment on each kind of field, ready to be edited. Pure.
 */
import { schemaComment } from './fork.ts';

/** "price-objections" → "Price objections". */
export function titleFromId(id: string): string {
  const words = id.replace(/-+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function scaffoldPlaybook(id: string, schemaPath: string): string {
  return `${schemaComment(schemaPath)}
# A CLEAR-style playbook: five stages, each with a goal and a tip for you, the manager.
# Check it with: repcoach playbook validate <this file>
# Every field is described in docs/playbooks.md; your editor completes them through the schema above.
id: "${id}"
title: "${titleFromId(id)}"
description: >-
  When to reach for this playbook, in a sentence or two. Keep the conversation
  about the rep's next move, not about taking the deal over.
version: "0.1.0"
model: CLEAR
tags: [custom]
stages:
  - id: contracting
    title: Contracting
    letter: C
    goal: Agree what this conversation is for and what a good outcome looks like for {{rep}}.
    tip: Let {{rep}} name the topic. If you set the agenda, you will end up solving it.
    questions:
      - id: outcome
        text: What do you want to walk out of this conversation with, {{rep}}?
        type: text
        help: A decision, a plan, a second opinion, or space to think.
      - id: topic
        text: Which deal or situation should we spend our time on?
        type: text
        # Placeholders fill in the rep, the deal and earlier answers.
        default: "{{deal}}"

  - id: listening
    title: Listening
    letter: L
    goal: "{{rep}} describes the situation in their own words; you listen, you do not fix."
    tip: Ask, then stay quiet. Count to five before you say anything that sounds like advice.
    questions:
      - id: situation
        text: Walk me through what is happening with {{answers.topic}}, in your own words.
        type: long-text
      - id: already_tried
        text: What have you already tried?
        type: long-text
        help: Ask this before offering any idea of your own.
      - id: result_so_far
        text: What happened when you did that?
        type: long-text
        required: false
        # Shown only when the earlier question was answered.
        when:
          question: already_tried
          answered: true

  - id: exploring
    title: Exploring
    letter: E
    goal: Widen the options and test the assumptions, with {{rep}} generating the ideas.
    tip: Resist ranking their ideas. "What else?" is the most useful question you have.
    questions:
      - id: options
        text: What could you do next? Give me at least three options.
        type: long-text
      - id: without_me
        text: What would you do if I weren't here to ask?
        type: text
      - id: kind_of_move
        text: Which kind of move is the strongest option?
        type: choice
        options:
          - value: ask
            label: Ask the buyer a sharper question
          - value: involve
            label: Bring in another person on the buyer's side
          - value: reframe
            label: Reframe the value or the timing
          - value: walk-away
            label: Qualify out

  - id: action
    title: Action
    letter: A
    goal: "{{rep}} chooses the next steps, owns them and puts dates on them."
    tip: Keep the pen with {{rep}}. If an action lands on you, ask whether it should.
    questions:
      - id: actions
        text: What will you do, and by when?
        type: actions
        help: Record each step in the rep's words.
      - id: support
        text: What do you need from me, if anything, that you cannot get yourself?
        type: text
        required: false
      # A yes-no is closed by nature: keep it for your own checks, not for questions to the rep.
      - id: owned
        text: "Your own check: is every next step in {{rep}}'s name?"
        type: yes-no
        voice: manager
        private: true
      - id: hand_back
        text: "Which step will you hand back to {{rep}}, and how will you say it?"
        type: text
        voice: manager
        private: true
        when:
          question: owned
          equals: false

  - id: review
    title: Review
    letter: R
    goal: Check what was learned, how confident {{rep}} is, and what happens next.
    tip: Ask what they learned, not what you taught. Don't promise to step in.
    questions:
      - id: learned
        text: What are you taking away from this conversation?
        type: text
      - id: confidence
        text: On a scale of 1 to 10, how confident are you in this plan?
        type: scale
        min: 1
        max: 10
        labels:
          "1": not at all
          "10": completely
      - id: raise_confidence
        text: What would move that number up by one?
        type: text
        required: false
        when:
          question: confidence
          lessThan: 7
`;
}
