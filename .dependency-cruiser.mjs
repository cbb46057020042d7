// Layer rules (CONTRIBUTING.md, "Layers"). Each rule names what it protects; a fixture under
// test/architecture/fixture/ breaks every one of them on purpose, and test/architecture.test.ts
// checks that each rule fires there, so a rule that silently stopped matching is caught.

const PURE = '^(flows|src/(engine|domain|pack|i18n|nlu))/';
const IO_MODULES = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|os|worker_threads|cluster|readline|tls)$';
const IO_PACKAGES = '^(sqlite3|pg|@electric-sql/pglite|express|@slack/|botbuilder|pino|prom-client)';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or a package (a rule cannot judge what it cannot find).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules depend on each other one way; a cycle means a concept is split in two.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-layers-no-io',
      severity: 'error',
      comment:
        'flows, engine, domain, pack, i18n and nlu are pure: no files, sockets, databases or platform SDKs (I/O lives in runtime, store, scheduler, adapters, cli).',
      from: { path: PURE },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: [IO_MODULES, IO_PACKAGES] },
    },
    {
      name: 'pure-layers-no-shell',
      severity: 'error',
      comment: 'Pure layers never reach up into the I/O shell or the adapters.',
      from: { path: PURE },
      to: { path: '^(adapters|src/(runtime|store|scheduler)|src/(app|cli|server|config|export-command)\\.ts)' },
    },
    {
      name: 'domain-stands-alone',
      severity: 'error',
      comment: 'The rules of the Measures do not depend on how conversations run: src/domain imports neither the engine, the flows nor the pack.',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(engine|pack)|flows)/' },
    },
    {
      name: 'engine-knows-no-flows',
      severity: 'error',
      comment: 'The engine runs any flow; the flows are data handed to it.',
      from: { path: '^src/engine/' },
      to: { path: '^(flows|src/pack)/' },
    },
    {
      name: 'i18n-is-a-leaf',
      severity: 'error',
      comment: 'Catalogues depend on nothing of ours.',
      from: { path: '^src/i18n/' },
      to: { path: '^(src/(?!i18n/)|flows/|adapters/)' },
    },
    {
      name: 'through-entry-points',
      severity: 'error',
      comment: 'Other folders reach runtime, domain, engine, store and pack only through their index.ts.',
      from: { path: '^(src/[^/]+|adapters/[^/]+|flows)/' },
      to: { path: '^src/(runtime|domain|engine|store|pack)/(?!index\\.ts$)', pathNot: '^$1/' },
    },
    {
      name: 'slack-sdk-in-slack-adapter',
      severity: 'error',
      comment: 'Only adapters/slack/ knows @slack/*.',
      from: { pathNot: '^adapters/slack/' },
      to: { path: '^@slack/|node_modules/@slack/' },
    },
    {
      name: 'teams-sdk-in-teams-adapter',
      severity: 'error',
      comment: 'Only adapters/teams/ knows botbuilder (one folder to change when the SDK is replaced).',
      from: { pathNot: '^adapters/teams/' },
      to: { path: '^botbuilder|node_modules/botbuilder' },
    },
    {
      name: 'database-drivers-in-store',
      severity: 'error',
      comment: 'Only src/store/ talks to a database driver: the backends live behind the Store interface.',
      from: { pathNot: '^src/store/' },
      to: { path: '^(sqlite3|pg|@electric-sql/pglite)$|node_modules/(sqlite3|pg|@electric-sql/pglite)/' },
    },
    {
      name: 'adapters-independent',
      severity: 'error',
      comment: 'Adapters do not import each other.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|bench/\\.peer)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
