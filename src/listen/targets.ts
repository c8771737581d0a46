/**
 * The targets shown beside the figures, with their sources in docs/listen.md.
 * Conversation habits to aim at, not a score of the person.
 */
export const TARGETS = {
  /** Warned above this share of the talk. */
  talkShareWarn: 0.6,
  /** Aim at or below: sales-call research finds top performers talk about 43% of the time. */
  talkShareAim: 0.45,
  /** A monologue of the manager's longer than this is warned (seconds). */
  monologueWarnSeconds: 120,
  /** Advice given before asking what the rep has already tried: aim for none. */
  adviceBeforeInquiry: 0,
  /** MITI 4: a reflection-to-question ratio of 1:1 is fair, 2:1 good. */
  reflectionToQuestionFair: 1,
  reflectionToQuestionGood: 2,
} as const;
