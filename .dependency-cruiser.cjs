// Layering of crmsync, checked by `npm run lint:deps` (part of `npm test`). The rooms:
//   server/src/analysis  the pure core (parse, schema, references, model, rules, fixes)
//   server/src/ide       editor features over an analysis (no LSP, no Node built-ins)
//   server/src/lsp       the protocol layer        server/src/cli  the command line
//   server/src/tools     the docs generator        client/src      the VS Code client
//   server/src/overview  layout and drawings of the plan overview (pure; for lsp and cli)
//   server/src/dataverse import, export and drift of Dataverse Web API exports (pure; for cli and lsp)
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'No import cycle anywhere in server/src or client/src.',
      from: { path: '^(server|client)/src' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'The analysis core imports no editor, protocol or Node API: no vscode*, fs, path, process, child_process (or any other Node built-in).',
      from: { path: '^server/src/analysis' },
      to: { path: '^(vscode.*|fs|path|process|child_process|node:.*)$|node_modules/vscode', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: 'The analysis core imports no Node built-in at all.',
      from: { path: '^server/src/analysis' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-packages-yaml-ajv',
      severity: 'error',
      comment: 'The core uses two packages: yaml and ajv (the generated validator needs its runtime helpers).',
      from: { path: '^server/src/analysis' },
      to: { path: 'node_modules/', pathNot: 'node_modules/(yaml|ajv)/' },
    },
    {
      name: 'core-resolves-everything',
      severity: 'error',
      comment: 'Every import of the core resolves (a package that is not installed is no exception).',
      from: { path: '^server/src/analysis' },
      to: { couldNotResolve: true, pathNot: '^vscode' },
    },
    {
      name: 'core-stays-inside',
      severity: 'error',
      comment: 'Relative imports of the core stay in the core, or reach the schema.',
      from: { path: '^server/src/analysis' },
      to: { dependencyTypes: ['local'], pathNot: '^server/src/analysis/|^schemas/' },
    },
    {
      name: 'core-knows-no-outer-layer',
      severity: 'error',
      comment: 'The core imports nothing of ide, lsp, cli or tools.',
      from: { path: '^server/src/analysis' },
      to: { path: '^server/src/(ide|lsp|cli|tools)/|^server/src/cli\\.ts$' },
    },
    {
      name: 'ide-no-lsp-no-node',
      severity: 'error',
      comment: 'Editor features speak plain data: no LSP, no vscode, no Node built-ins.',
      from: { path: '^server/src/ide' },
      to: { path: '^server/src/(lsp|cli|tools)/|node_modules/vscode|^vscode' },
    },
    {
      name: 'ide-no-node-builtins',
      severity: 'error',
      from: { path: '^server/src/ide' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'overview-is-pure',
      severity: 'error',
      comment: 'The overview drawings are pure functions of the model: no Node built-in (they run in the web worker too).',
      from: { path: '^server/src/overview' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'overview-no-outer-layer',
      severity: 'error',
      comment: 'The overview draws for the protocol layer and the CLI, and imports neither (nor tools, the client or vscode).',
      from: { path: '^server/src/overview' },
      to: { path: '^server/src/(lsp|cli|tools)/|^server/src/cli\\.ts$|^client/|node_modules/vscode|^vscode' },
    },
    {
      name: 'overview-packages-dagre',
      severity: 'error',
      comment: 'The overview uses one package: @dagrejs/dagre (the layered layout).',
      from: { path: '^server/src/overview' },
      to: { path: 'node_modules/', pathNot: 'node_modules/@dagrejs/' },
    },
    {
      name: 'dataverse-is-pure',
      severity: 'error',
      comment: 'The Dataverse import, export and drift core (server/src/dataverse) takes files as data and returns text: no Node built-in.',
      from: { path: '^server/src/dataverse' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'dataverse-no-outer-layer',
      severity: 'error',
      comment: 'The Dataverse core serves the CLI and imports neither it nor the protocol layer, the tools, the overview drawings, the client or vscode.',
      from: { path: '^server/src/dataverse' },
      to: { path: '^server/src/(lsp|cli|tools|overview)/|^server/src/cli\\.ts$|^client/|node_modules/vscode|^vscode' },
    },
    {
      name: 'dataverse-packages-yaml',
      severity: 'error',
      comment: 'The Dataverse core uses one package: yaml (the scalars of the plans it writes).',
      from: { path: '^server/src/dataverse' },
      to: { path: 'node_modules/', pathNot: 'node_modules/yaml/' },
    },
    {
      name: 'model-knows-no-drawing',
      severity: 'error',
      comment: 'The core and the editor features compute the overview model; they never import its drawings.',
      from: { path: '^server/src/(analysis|ide)' },
      to: { path: '^server/src/overview' },
    },
    {
      name: 'lsp-not-cli',
      severity: 'error',
      comment: 'The protocol layer and the CLI stand side by side on the core.',
      from: { path: '^server/src/lsp' },
      to: { path: '^server/src/cli' },
    },
    {
      name: 'cli-not-lsp',
      severity: 'error',
      from: { path: '^server/src/cli' },
      to: { path: '^server/src/lsp' },
    },
    {
      name: 'client-knows-no-plan',
      severity: 'error',
      comment: 'The client shows what the server computes: nothing of server/src, no yaml, no ajv.',
      from: { path: '^client/src' },
      to: { path: '^server/src|node_modules/(yaml|ajv)/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'Every source file is reached from an entry point.',
      from: { orphan: true, path: '^(server|client)/src', pathNot: '\\.d\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
