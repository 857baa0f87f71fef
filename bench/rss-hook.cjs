// Loaded with `node --require` by bench/dataverse.mjs: prints the process's peak resident set
// size on exit (process.resourceUsage().maxRSS, KiB) to stderr, where the bench reads it.
'use strict';
process.on('exit', () => {
  require('node:fs').writeSync(2, `\n@@crmsync-bench maxrss ${process.resourceUsage().maxRSS}\n`);
});
