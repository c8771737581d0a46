/**
 * The playbook format: the one source of the TypeScript types and of the JSON
 * Schema shipped for editors. The build (`npm run build`) writes
 * schema/playbook.schema.json from it; `npm run check:schema` (part of
 * `npm test`) fails when the committed file is not what the build writes.
 *
 * Objects are strict: an unknown key is an error (with a "did you mean"), so a
 * typo in a team's playbook never silently drops a question's condition.
 */
import { z } from 'zod';

import { QUESTION_TYPES } from './model.ts';

// The plain constants, types and helpers live in model.ts, which does not load
// zod: most of the program needs them, and only parsing needs the schema.
export * from './model.ts';

/** Ids become file names and placeholder names: keep them plain. */
const playbookId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and dashes, e.g. "stalled-deal"');
const itemId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'start with a letter; then letters, digits, "_" or "-", e.g. "already_tried"');

/** Text that must say something: blank text ("   ") fails here and, through the pattern, in editors too (issue 14). */
export const BLANK = /\S/;
const text = (max: number) => z.string().regex(BLANK, 'must not be blank').trim().max(max, `must be at most ${max} characters`);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export interface Condition {
  question?: string | undefined;
  equals?: string | number | boolean | undefined;
  in?: Array<string | number | boolean> | undefined;
  lessThan?: number | undefined;
  greaterThan?: number | undefined;
  answered?: boolean | undefined;
  all?: Condition[] | undefined;
  any?: Condition[] | undefined;
  not?: Condition | undefined;
}

export const CONDITION_TESTS = ['equals', 'in', 'lessThan', 'greaterThan', 'answered'] as const;
export const CONDITION_GROUPS = ['all', 'any', 'not'] as const;

/**
 * A declarative condition over earlier answers. Either a test on one question
 * (`question` plus exactly one of equals, in, lessThan, greaterThan, answered),
 * or a group: `all: [...]`, `any: [...]`, `not: {...}`. Never evaluated code.
 */
export const ConditionSchema: z.ZodType<Condition> = z
  .strictObject({
    question: itemId.optional().describe('The id of an earlier question whose answer is tested.'),
    equals: scalar.optional().describe('True when the answer equals this value (for multiple choice: includes it).'),
    in: z.array(scalar).min(1).optional().describe('True when the answer is one of these values.'),
    lessThan: z.number().optional().describe('True when the numeric answer is below this.'),
    greaterThan: z.number().optional().describe('True when the numeric answer is above this.'),
    answered: z.boolean().optional().describe('True when the question was (or, with false, was not) answered.'),
    get all() {
      return z.array(ConditionSchema).min(1).optional().describe('True when every condition is true.');
    },
    get any() {
      return z.array(ConditionSchema).min(1).optional().describe('True when at least one condition is true.');
    },
    get not() {
      return ConditionSchema.optional().describe('True when the condition is false.');
    },
  })
  .superRefine((c, ctx) => {
    const tests = CONDITION_TESTS.filter((k) => c[k] !== undefined);
    const groups = CONDITION_GROUPS.filter((k) => c[k] !== undefined);
    if (groups.length > 1 || (groups.length === 1 && (tests.length > 0 || c.question !== undefined))) {
      ctx.addIssue({
        code: 'custom',
        message: `a condition is either a test on one question or one of all/any/not, not both (found ${[...groups, ...tests].join(', ')})`,
      });
    } else if (groups.length === 0) {
      if (c.question === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a condition needs "question: <id>" and one test, or all/any/not' });
      } else if (tests.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `a condition on "${c.question}" needs exactly one of ${CONDITION_TESTS.join(', ')}${tests.length ? ` (found ${tests.join(', ')})` : ''}`,
        });
      }
    }
  })
  .meta({ id: 'Condition' });

export const OptionSchema = z
  .union([
    text(200),
    z.strictObject({
      value: z.union([text(100), z.number()]).describe('What is stored and matched by conditions.'),
      label: text(200).optional().describe('What the manager sees; defaults to the value.'),
      help: text(500).optional().describe('A line shown beside the option when it is highlighted.'),
    }),
  ])
  .meta({ id: 'Option', description: 'One choice: plain text, or {value, label, help} when what is stored differs from what the manager sees.' });

export const QuestionSchema = z
  .strictObject({
    id: itemId.describe('Unique within the playbook; used by {{answers.<id>}} and conditions.'),
    text: text(1000).describe('What to ask. May use {{rep}}, {{deal}}, {{manager}} and {{answers.<id>}}.'),
    type: z
      .enum(QUESTION_TYPES)
      .default('text')
      .describe('How the answer is taken: text (the default), long-text, choice, multi-choice, yes-no, number, scale or actions.'),
    required: z.boolean().default(true).describe('Optional questions can be skipped.'),
    default: z
      .union([scalar, z.array(z.union([z.string(), z.number()]))])
      .optional()
      .describe('Pre-filled answer; placeholders allowed in text.'),
    help: text(1000).optional().describe('A hint shown under the question.'),
    options: z
      .array(OptionSchema)
      .min(2)
      .max(50)
      .optional()
      .describe('The choices of a choice or multi-choice question (needed there, not allowed elsewhere): at least two, each listed once.'),
    min: z.number().optional().describe('For number and scale: the lowest allowed value (scale default 1).'),
    max: z.number().optional().describe('For number and scale: the highest allowed value (scale default 10).'),
    labels: z
      .record(z.string().regex(/^-?\d+$/, 'label keys are scale values, e.g. 1 or 10'), text(100))
      .optional()
      .describe('For scale: words for some values, e.g. {1: "not at all", 10: "completely"}.'),
    when: ConditionSchema.optional().describe('Ask only when this condition holds.'),
    voice: z
      .enum(['rep', 'manager'])
      .default('rep')
      .describe('Whose words the answer records. Manager-voice answers go through the rescue check.'),
    private: z
      .boolean()
      .optional()
      .describe(
        "Who may read the answer. true: the manager alone (left out of the rep's copy). false: shared with the rep. Unset: shared, except advice and manager-voice questions, which are the manager's alone.",
      ),
    gate: z
      .enum(['inquiry'])
      .optional()
      .describe(
        'inquiry: the question that asks what the rep has already tried, e.g. "What have you already tried?". Suggestions (advice: true) belong after it; recorded before it is answered, the note says "advice before inquiry".',
      ),
    advice: z
      .boolean()
      .optional()
      .describe("The answer records the manager's own suggestions. Put it after the inquiry gate; its words go through the rescue check."),
    summary: z
      .enum(['situation', 'decision'])
      .optional()
      .describe(
        "Where the note's summary takes its lines from: situation (the situation in one line, e.g. the rep's account in Listening) or decision (what the rep decided, e.g. the option they chose). Never taken from a private question.",
      ),
    deal: z
      .boolean()
      .optional()
      .describe('The answer names the deal: without --deal it becomes the session\'s deal (history, sessions, the note). One text or choice question at most.'),
  })
  .meta({ id: 'Question' });

export const StageSchema = z
  .strictObject({
    id: itemId.describe('Unique within the playbook.'),
    title: text(100).describe('e.g. "Listening".'),
    letter: z
      .string()
      .regex(/^[A-Za-z0-9]$/, 'one letter or digit')
      .optional()
      .describe('Shown before the title; defaults to its first letter.'),
    goal: text(500).describe('What this stage is for, shown to the manager.'),
    tip: text(500).optional().describe('A short coaching tip for the manager, e.g. "Don\'t offer your fix yet."'),
    when: ConditionSchema.optional().describe('Run this stage only when the condition holds.'),
    private: z.boolean().optional().describe("true: every question in this stage is the manager's alone, whatever the question says."),
    questions: z
      .array(QuestionSchema)
      .min(1, 'a stage needs at least one question')
      .max(100)
      .describe('The questions of this stage, asked in order; each has an id, a text and a type.'),
  })
  .meta({ id: 'Stage' });

/** Phrases in the rescue pattern language: words, <buyer>/<work>/<deal>/<it>/<np> slots, (a|b) and *. */
export const RescueListsSchema = z
  .strictObject({
    phrases: z
      .array(text(200))
      .max(200)
      .optional()
      .describe('More rescue language, e.g. "park it with me" or "babysit <deal>". Without I/me/my, the manager must be the subject.'),
    support: z
      .array(text(200))
      .max(200)
      .optional()
      .describe('Phrases that make a would-be rescue support, e.g. "sign off the discount".'),
  })
  .meta({ id: 'RescueLists' });

export const COMMITMENT_POSITIONS = ['start', 'end'] as const;

/** Where the review of last time's open commitments happens in a run (issue 4). */
export const CommitmentsPlacementSchema = z
  .strictObject({
    stage: itemId.describe('The id of the stage the review belongs to.'),
    position: z
      .enum(COMMITMENT_POSITIONS)
      .default('start')
      .describe('"start": after the stage opens, before its first question; "end": after its last question.'),
  })
  .meta({ id: 'CommitmentsPlacement' })
  .describe(
    "Where to review the rep's open commitments from earlier sessions (done / partly / not done / dropped). " +
      'By default the review opens the first stage; e.g. {stage: review, position: start} moves it into Review.',
  );

export const PlaybookSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    id: playbookId.describe('Unique id, also the default file name: lower-case letters, digits and dashes.'),
    title: text(100).describe('The name shown in `repcoach playbook list` and at the top of the note, e.g. "Weekly one-to-one".'),
    description: text(2000).describe('What the playbook is for and when to use it, in a sentence or two.'),
    version: z
      .string({ error: 'version must be text in quotes, e.g. "1.0.0"' })
      .regex(/^\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$/, 'use a version like "1.0.0"')
      .describe('Bump it when you change the playbook; sessions record it.'),
    model: text(50).optional().describe('The coaching model, e.g. "CLEAR".'),
    tags: z.array(text(40)).max(20).optional().describe('Words to find the playbook by, e.g. [pipeline, new-rep].'),
    forkedFrom: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*@.+$/, 'written as <id>@<version>')
      .optional()
      .describe('Set by `repcoach playbook fork`: the id@version this playbook was copied from.'),
    commitments: CommitmentsPlacementSchema.optional(),
    stages: z
      .array(StageSchema)
      .min(1, 'a playbook needs at least one stage')
      .max(20)
      .describe('The parts of the conversation, in order (for CLEAR: contract, listen, explore, action, review); each has questions.'),
    rescue: RescueListsSchema.optional().describe("This team's own rescue language, added to the built-in lists (docs/rescue.md)."),
  })
  .meta({ id: 'Playbook', description: 'A repcoach coaching playbook: stages of questions for a one-to-one (docs/playbooks.md).' });

export type Playbook = z.output<typeof PlaybookSchema>;
export type Stage = z.output<typeof StageSchema>;
export type Question = z.output<typeof QuestionSchema>;
export type CommitmentsPlacement = z.output<typeof CommitmentsPlacementSchema>;

/** Every key the format knows, per kind of object, for "did you mean". */
export const KNOWN_KEYS = {
  playbook: Object.keys(PlaybookSchema.shape),
  stage: Object.keys(StageSchema.shape),
  question: Object.keys(QuestionSchema.shape),
  option: ['value', 'label', 'help'],
  commitments: Object.keys(CommitmentsPlacementSchema.shape),
  condition: ['question', ...CONDITION_TESTS, ...CONDITION_GROUPS],
  rescue: Object.keys(RescueListsSchema.shape),
};

/** What each question type is, for editors' completion and hover. */
export const TYPE_DESCRIPTIONS: Record<(typeof QUESTION_TYPES)[number], string> = {
  text: 'A short answer in a line of text (the default).',
  'long-text': 'A longer answer over several lines, e.g. what the rep tried.',
  choice: 'Pick one of the options.',
  'multi-choice': 'Pick any number of the options.',
  'yes-no': 'Yes or no; the answer is true or false (a condition tests it with equals: true).',
  number: 'A number, optionally between min and max.',
  scale: 'A whole number on a scale, 1 to 10 unless min and max say otherwise; labels name some points.',
  actions: 'A list of action items: what, who owns it (rep, manager or both), and by when.',
};

type Json = Record<string, unknown>;

/**
 * The JSON Schema for editors. What zod's conversion cannot carry over is
 * added here, so that an editor and `repcoach playbook validate` agree on
 * everything draft-07 can express (issue 14; test/playbook-editor.test.ts):
 * the shape of a condition, which keys each question type takes, unique
 * options, finite numbers, and scale label keys written as numbers.
 */
export function playbookJsonSchema(): unknown {
  const schema = z.toJSONSchema(PlaybookSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Json;
  const defs = (schema['definitions'] ?? {}) as Record<string, Json>;
  const numbers: Json[] = [];
  walk(schema, (node) => {
    if (node['type'] === 'number' || node['type'] === 'integer') numbers.push(node);
  });
  numbers.forEach(finiteNumber);
  const condition = defs['Condition'];
  if (condition) {
    // Exactly one test on one question, or exactly one group: each branch names the only keys it allows.
    condition['anyOf'] = [
      ...CONDITION_TESTS.map((t) => ({ required: ['question', t], propertyNames: { enum: ['question', t] } })),
      ...CONDITION_GROUPS.map((g) => ({ required: [g], propertyNames: { enum: [g] } })),
    ];
  }
  const question = defs['Question'];
  const props = (question?.['properties'] ?? {}) as Record<string, Json>;
  if (question) {
    const typeIs = (types: string[]) => ({ required: ['type'], properties: { type: { enum: types } } });
    // A key a type does not take is marked on the key itself, where validate points too.
    const forbid = (keys: string[], why: string) => ({ properties: Object.fromEntries(keys.map((k) => [k, { not: {}, description: why }])) });
    question['allOf'] = [
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
      { if: typeIs(['choice', 'multi-choice']), then: { required: ['options'] }, else: forbid(['options'], 'options are for choice and multi-choice questions only') },
      { if: typeIs(['number', 'scale']), else: forbid(['min', 'max', 'labels'], 'min, max and labels are for number and scale questions only') },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
      { if: typeIs(['actions']), then: forbid(['default'], 'action lists have no default') },
    ];
    const type = props['type'];
    if (type) type['enumDescriptions'] = QUESTION_TYPES.map((t) => TYPE_DESCRIPTIONS[t]);
    const options = props['options'];
    if (options) options['uniqueItems'] = true;
    // `labels: {1: low}` has number keys in YAML: check the key's digits, not that it is a string.
    const names = (props['labels']?.['propertyNames'] ?? undefined) as Json | undefined;
    if (names) delete names['type'];
  }
  return schema;
}

/** Every JSON number is finite, but YAML has .nan and .inf: keep both out, for every kind of validator. */
function finiteNumber(node: Json): void {
  node['minimum'] ??= -Number.MAX_VALUE;
  node['maximum'] ??= Number.MAX_VALUE;
  // NaN passes every comparison in validators that test `value < minimum`; it alone satisfies this impossible range.
  node['not'] = { type: 'number', minimum: 0, exclusiveMaximum: 0 };
}

function walk(node: unknown, visit: (n: Json) => void, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) for (const n of node) walk(n, visit, seen);
  else {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit, seen);
  }
}
