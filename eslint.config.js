// ESLint flat config: typescript-eslint's type-aware recommended set over the server, tests, benchmarks, the web
// clients and the scripts, and the folder table of the architecture ("may import") as lint rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What each folder of `src/` may import: the last column of the folder table in ARCHITECTURE.md (docs/architecture.md).
 * `config` and `logging` are open to every folder but `config` (nothing of ours), `logging` (config) and `sandbox`
 * (nothing of ours: it stands for Salesforce): every layer reads its resolved options and logs. `app` (the composition root) may import everything.
 */
const MAY_IMPORT = {
  config: [],
  logging: ['config'],
  db: ['config', 'logging'],
  bus: ['db', 'config', 'logging'],
  engine: ['db', 'bus', 'config', 'logging'],
  monitoring: ['engine', 'bus', 'db', 'config', 'logging'],
  salesforce: ['db', 'config', 'logging'],
  storage: ['db', 'config', 'logging'],
  jobs: ['engine', 'salesforce', 'storage', 'config', 'logging'],
  api: ['engine', 'jobs', 'monitoring', 'salesforce', 'storage', 'bus', 'config', 'logging'],
  http: ['api', 'storage', 'monitoring', 'config', 'logging'],
  sandbox: [],
  app: ['config', 'logging', 'db', 'bus', 'engine', 'monitoring', 'salesforce', 'storage', 'jobs', 'api', 'http', 'sandbox', 'cli'],
  cli: ['app', 'config', 'logging'],
};
const FOLDERS = Object.keys(MAY_IMPORT);

/**
 * Packages that belong to one layer's adapters. Above `db/`, `bus/` and `engine/` nothing imports `mongodb` but the
 * stores (all of `storage/`, and the `*Store.ts` files of `monitoring/` and `salesforce/`); Agenda lives only in
 * `engine/agenda/` (the job repository's adapter); jsforce only in `salesforce/` (the `SalesforceClient` adapter).
 * Resolvers (`api/`) import none of them. An owner is a folder of `src/` or a folder inside one.
 */
const PACKAGES = {
  mongodb: { regex: '^mongodb(/|$)', owners: ['db', 'bus', 'engine', 'storage', 'app'], stores: true },
  agenda: { regex: '^(agenda|@agendajs/[^/]+)(/|$)', owners: ['engine/agenda'], stores: false },
  jsforce: { regex: '^jsforce(/|$)', owners: ['salesforce'], stores: false },
};

/** `no-restricted-imports` for one folder's files at one depth below `src/` (relative specifiers are matched exactly). */
function folderBoundary(folder, depth) {
  const denied = FOLDERS.filter((f) => f !== folder && !MAY_IMPORT[folder].includes(f));
  const allowed = MAY_IMPORT[folder].length === 0 ? 'nothing of ours' : MAY_IMPORT[folder].join(', ');
  if (denied.length === 0) return [];
  return [
    {
      files: [`src/${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./){${depth}}(${denied.join('|')})(/|$)`,
                message: `src/${folder}/ may import ${allowed} (the folder table of docs/architecture.md).`,
              },
            ],
          },
        ],
      },
    },
  ];
}

/** Whether the files of `scope` (a folder of `src/`, or one inside it) are in an owner's folder. */
const ownedBy = (scope, owners) => owners.some((owner) => scope === owner || scope.startsWith(`${owner}/`));

/** `@typescript-eslint/no-restricted-imports` for the adapter packages a folder (or a store in it) may not import. */
function packageBoundary(scope, { store }) {
  const patterns = Object.entries(PACKAGES)
    .filter(([, p]) => !ownedBy(scope, p.owners) && !(store && p.stores))
    .map(([name, p]) => ({
      regex: p.regex,
      message: `${name} is imported only by ${p.owners.map((o) => `src/${o}/`).join(', ')}${p.stores ? ' and the *Store.ts files of src/monitoring/ and src/salesforce/' : ''} (docs/architecture.md).`,
    }));
  return patterns.length === 0 ? 'off' : ['error', { patterns }];
}

const boundaries = [
  ...FOLDERS.flatMap((folder) => [1, 2, 3, 4, 5, 6].flatMap((depth) => folderBoundary(folder, depth))),
  ...FOLDERS.map((folder) => ({
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: { '@typescript-eslint/no-restricted-imports': packageBoundary(folder, { store: false }) },
  })),
  ...['monitoring', 'salesforce'].map((folder) => ({
    files: [`src/${folder}/**/*Store.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': packageBoundary(folder, { store: true }) },
  })),
  // Owners inside a folder (after the folder's own entry, which they override for their files).
  ...[...new Set(Object.values(PACKAGES).flatMap((p) => p.owners.filter((o) => o.includes('/'))))].map((scope) => ({
    files: [`src/${scope}/**/*.{ts,tsx}`],
    rules: { '@typescript-eslint/no-restricted-imports': packageBoundary(scope, { store: false }) },
  })),
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '**/generated/', '.longhaul-data/', 'test-output/', '.tmp-*/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One project per tsconfig.json (server, dashboard, GraphiQL); files outside them (scripts, configs) get a default one.
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      // `_`-prefixed names and rest siblings are how the code drops a field or an argument on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `cond ? a++ : b++` counts outcomes in one line; a bare expression that does nothing is still an error.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
      // `async` without `await` is how an implementation satisfies a Promise-returning port (Agenda's channel, Apollo
      // plugins, the sandbox's route handlers) and turns a throw into a rejection; keeping it is deliberate.
      '@typescript-eslint/require-await': 'off',
      // The code stringifies unknown input (parsed JSON, CSV cells, socket frames, request fields) into messages on
      // purpose; where an object's content matters it uses JSON.stringify.
      '@typescript-eslint/no-base-to-string': 'off',
      // Rejecting with an abort signal's `reason` (typed any) passes on what the caller aborted with, as fetch does.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true }],
      // `Refused` carries a ready GraphQLError out of the recursive cost walk; it is caught a few lines up, never escapes.
      '@typescript-eslint/only-throw-error': ['error', { allow: [{ from: 'file', name: 'Refused' }] }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests and benchmarks read GraphQL answers and documents as untyped JSON (`gqlData` answers any) field by field;
      // the assertions check the shapes, so the no-unsafe-* family would only ask for casts that check nothing.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests match ANSI escapes and NUL bytes in output on purpose.
      'no-control-regex': 'off',
    },
  },
  ...boundaries,
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
