/** `npm run docs`: writes docs/rules.md and the README's rules table from the registry. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc, withReadmeTable } from './rules-doc';

/**
 * The repository: the nearest folder above this script with package.json and schemas/ (the
 * script runs from out/server/src/tools), else the current directory (compiled to a scratch
 * outDir and run from the repository root).
 */
function repositoryRoot(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'schemas'))) return dir;
  }
  return process.cwd();
}

const root = repositoryRoot();
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(path.join(root, 'docs', 'rules.md'), renderRulesDoc());
const readmePath = path.join(root, 'README.md');
if (fs.existsSync(readmePath)) fs.writeFileSync(readmePath, withReadmeTable(fs.readFileSync(readmePath, 'utf8')));
process.stdout.write('wrote docs/rules.md and the README rules table\n');
