/** `npm run docs`: writes docs/rules.md and the README's rules table from the registry. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc, withReadmeTable } from './rules-doc';

const root = path.resolve(__dirname, '..', '..', '..', '..');
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
fs.writeFileSync(path.join(root, 'docs', 'rules.md'), renderRulesDoc());
const readmePath = path.join(root, 'README.md');
if (fs.existsSync(readmePath)) fs.writeFileSync(readmePath, withReadmeTable(fs.readFileSync(readmePath, 'utf8')));
process.stdout.write('wrote docs/rules.md and the README rules table\n');
