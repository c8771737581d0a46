// Which part of the program may import which (issue 11): `npm run lint:layers`.
// Parsed with swc (@swc/core): dependency-cruiser's own TypeScript parser needs the
// TypeScript JS API, which TypeScript 7 no longer ships. swc counts `import type`
// as an import, so a type-only import across a layer is a violation too.
const fs = require('node:fs');
const path = require('node:path');

// The rooms of src/, lowest first: a room may import the rooms before it, never one
// after it. A file directly in src/ would be a room of its own, named with its
// extension. Moving or adding a folder means editing this list, and the check says so.
const ROOMS = [
  'util',
  'config',
  'rescue',
  'listen',
  'playbook',
  'model',
  'crypto',
  'mirror',
  'store',
  'lookback',
  'report',
  'note',
  'run',
  'upkeep',
  'prompts',
  'commands',
  'cli',
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const room = (name) => `^src/${escape(name)}(/|$)`;
const anyOf = (names) => `^src/(${names.map(escape).join('|')})(/|$)`;

// A room on disk that is not in ROOMS (or the other way round) stops the check
// before it runs: an unlisted folder would otherwise have no rules at all.
const onDisk = fs
  .readdirSync(path.join(__dirname, 'src'), { withFileTypes: true })
  .filter((e) => e.isDirectory() || /\.ts$/.test(e.name))
  .map((e) => e.name);
const unlisted = onDisk.filter((n) => !ROOMS.includes(n));
const gone = ROOMS.filter((n) => !onDisk.includes(n));
if (unlisted.length > 0 || gone.length > 0) {
  throw new Error(
    `.dependency-cruiser.cjs: ROOMS does not match src/ (${[
      ...unlisted.map((n) => `src/${n} is not in ROOMS`),
      ...gone.map((n) => `ROOMS names ${n}, which src/ does not have`),
    ].join('; ')}); put each room in its place in the list, lowest first`,
  );
}

const layerRules = ROOMS.slice(0, -1).map((name, i) => ({
  name: `layer-${name.replace(/\.ts$/, '')}`,
  comment: `${name} is below ${ROOMS.slice(i + 1).join(', ')}: it may not import them (ROOMS in .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: room(name) },
  to: { path: anyOf(ROOMS.slice(i + 1)) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular-folders',
      comment: 'Two rooms that import each other are one room; a cycle through three or more is as bad.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other, directly or through others.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-command-imports-a-command',
      comment: 'A command is one file; what two commands share lives in src/commands/shared/.',
      severity: 'error',
      from: { path: '^src/commands/' },
      to: { path: '^src/commands/[^/]+$' },
    },
    {
      name: 'prompts-only-in-prompts',
      comment: 'src/prompts/ is the only place that imports the prompt library (docs: STYLE.md).',
      severity: 'error',
      from: { path: '^src/', pathNot: room('prompts') },
      to: { path: '^node_modules/@inquirer/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import of a file or package that is not there.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'The program may not import a devDependency: it is not installed for a user.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-test',
      comment: 'The program and its scripts may not import test code.',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing is dead (entry points and config files aside).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: ['(^|/)[.][^/]+[.](?:js|cjs|mjs|ts|json)$', '[.]d[.]ts$', '^vitest[.]config[.]ts$', '^scripts/[^/]+[.]mjs$', '^test/.+[.]test[.]ts$'],
      },
      to: {},
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: '^(dist|coverage)/' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mjs', '.cjs', '.js', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
