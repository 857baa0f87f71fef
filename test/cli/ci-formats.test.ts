/**
 * `crmsync check --format github|azure|junit` (annotations in CI logs, JUnit XML for test-result
 * tabs) on every example, their escaping, and the script features: `-` (stdin) with
 * `--stdin-filename`, `--quiet`, `--output-file`, the JSON fix edits, the fixable count and the
 * related locations of the text format.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filesUnder, repoPath } from '../harness/paths';
import { escapeAzureData, escapeAzureProperty, escapeGithubData, escapeGithubProperty, escapeXml } from '../../server/src/cli/ci-formats';
import { formatJson } from '../../server/src/cli/format';
import { secretLiterals } from '../../server/src/cli/mask';
import { createAnalyzer } from '../../server/src/analysis';
import { crmsync, example, scratchDir, summary } from './helpers';

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: string[];
  quickFixes: { title: string; preferred: boolean; unsafe?: boolean; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[];
  related: { line: number; column: number; message: string }[];
}

const examples = filesUnder(repoPath('examples'), /\.crmsync\.yaml$/).map((f) => `examples/${path.basename(f)}`);

function jsonOf(args: string[], input?: string): { code: number | null; findings: JsonFinding[] } {
  const r = crmsync(['check', '--format', 'json', ...args], undefined, input);
  return { code: r.code, findings: JSON.parse(r.stdout).files.flatMap((f: { findings: JsonFinding[] }) => f.findings) };
}

// --- escaping, on crafted strings -------------------------------------------------------------

test('GitHub escaping: data escapes %, CR and LF; property values also : and ,', () => {
  assert.equal(escapeGithubData('100% a:b, c\r\nd'), '100%25 a:b, c%0D%0Ad');
  assert.equal(escapeGithubProperty('100% a:b, c\r\nd'), '100%25 a%3Ab%2C c%0D%0Ad');
  // `%` first: an escape already in the text is not taken for one.
  assert.equal(escapeGithubData('%0A'), '%250A');
  assert.equal(escapeGithubProperty('%3A,'), '%253A%2C');
  assert.equal(escapeGithubData('plain text; [x]'), 'plain text; [x]');
});

test('Azure escaping: data escapes % (as %AZP25), CR and LF; property values also ; and ]', () => {
  assert.equal(escapeAzureData('100% a;b] c\r\nd'), '100%AZP25 a;b] c%0D%0Ad');
  assert.equal(escapeAzureProperty('100% a;b] c\r\nd'), '100%AZP25 a%3Bb%5D c%0D%0Ad');
  assert.equal(escapeAzureProperty('%3B'), '%AZP253B');
  assert.equal(escapeAzureProperty('a:b,c'), 'a:b,c');
});

test('XML escaping: entities, CR/LF/tab as references, characters XML forbids replaced', () => {
  assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  assert.equal(escapeXml('a\r\n\tb'), 'a&#13;&#10;&#9;b');
  assert.equal(escapeXml('nul\u0000 bell\u0007 \uFFFF lone\uD800 ok\uD83D\uDE00'), 'nul\uFFFD bell\uFFFD \uFFFD lone\uFFFD ok\uD83D\uDE00');
  assert.equal(parseXml(`<x a="${escapeXml('1 < 2 & "q"\r\n')}">${escapeXml(']]> <y/>')}</x>`).attrs.a, '1 < 2 & "q"\r\n');
});

// --- a tiny XML reader (well-formedness and the tree, enough for JUnit) -------------------------

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decodeXml(s: string, where: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&|</g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare '${m}' at ${where}`);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (!(ref in named)) throw new Error(`unknown entity &${ref}; at ${where}`);
    return named[ref];
  });
}

/** Parses a document of elements, attributes, text and character references; throws when it is not well-formed. */
function parseXml(xml: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  const bad = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} is not allowed in XML`);
  let i = 0;
  const decl = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (decl) i = decl[0].length;
  const name = /[A-Za-z_][\w.-]*/y;
  const element = (): XmlElement => {
    if (xml[i] !== '<') throw new Error(`expected '<' at ${i}`);
    i++;
    name.lastIndex = i;
    const n = name.exec(xml);
    if (!n) throw new Error(`expected a name at ${i}`);
    i = name.lastIndex;
    const el: XmlElement = { name: n[0], attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /\s*/y;
      ws.lastIndex = i;
      ws.exec(xml);
      const hadSpace = ws.lastIndex > i;
      i = ws.lastIndex;
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (!hadSpace) throw new Error(`expected a space before an attribute at ${i}`);
      const attr = /([A-Za-z_][\w.-]*)="([^"]*)"/y;
      attr.lastIndex = i;
      const a = attr.exec(xml);
      if (!a) throw new Error(`bad attribute at ${i}: ${xml.slice(i, i + 40)}`);
      if (a[1] in el.attrs) throw new Error(`attribute ${a[1]} twice at ${i}`);
      el.attrs[a[1]] = decodeXml(a[2], i);
      i = attr.lastIndex;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) throw new Error(`<${el.name}> is not closed`);
      el.text += decodeXml(xml.slice(i, lt), i);
      i = lt;
      if (xml.startsWith(`</${el.name}>`, i)) {
        i += el.name.length + 3;
        return el;
      }
      if (xml.startsWith('</', i)) throw new Error(`mismatched end tag at ${i}: ${xml.slice(i, i + 30)}`);
      el.children.push(element());
    }
  };
  const root = element();
  if (xml.slice(i).trim() !== '') throw new Error(`content after the root element at ${i}`);
  return root;
}

test('the XML reader rejects what is not well-formed', () => {
  for (const bad of ['<a>', '<a></b>', '<a x="1" x="2"/>', '<a>&nope;</a>', '<a>1 & 2</a>', '<a/><b/>', '<a x="<"/>', '<a>\u0001</a>']) {
    assert.throws(() => parseXml(bad), Error, bad);
  }
  assert.equal(parseXml('<a><b x="&#10;"/>t&amp;</a>').children[0].attrs.x, '\n');
});

// --- every format on every example ------------------------------------------------------------

const GITHUB = /^::(error|warning|notice) file=([^,:]*),line=(\d+)(?:,col=(\d+))?,endLine=(\d+)(?:,endColumn=(\d+))?,title=([^,:]+)::(.*)$/;
const AZURE = /^##vso\[task\.logissue type=(error|warning);sourcepath=([^;\]]*);linenumber=(\d+);columnnumber=(\d+);code=([^;\]]+);\](.*)$/;

for (const file of examples) {
  test(`${file}: github, azure and junit report each finding once, at its place, and exit as check does`, () => {
    const expected = jsonOf([file]);
    const text = crmsync(['check', file]);
    assert.equal(text.code, expected.code);

    const gh = crmsync(['check', '--format', 'github', file]);
    assert.equal(gh.code, expected.code, gh.stderr);
    const ghLines = gh.stdout.trimEnd().split('\n');
    assert.equal(ghLines.pop(), summary(text.stdout), 'the summary is the text summary, a plain line');
    assert.equal(ghLines.length, expected.findings.length, gh.stdout);
    ghLines.forEach((line, k) => {
      const f = expected.findings[k];
      const m = GITHUB.exec(line);
      assert.ok(m, line);
      assert.equal(m[1], { error: 'error', warning: 'warning', info: 'notice' }[f.severity]);
      assert.equal(m[2], file);
      assert.deepEqual([Number(m[3]), Number(m[5])], [f.line, f.endLine]);
      if (f.line === f.endLine) assert.deepEqual([Number(m[4]), Number(m[6])], [f.column, f.endColumn]);
      else assert.equal(m[4] ?? m[6], undefined, 'no columns on a multi-line annotation');
      assert.equal(m[7], f.ruleId);
      assert.equal(m[8], escapeGithubData(f.message));
    });

    const az = crmsync(['check', '--format', 'azure', file]);
    assert.equal(az.code, expected.code, az.stderr);
    const azLines = az.stdout.trimEnd().split('\n');
    assert.equal(azLines.pop(), summary(text.stdout));
    assert.equal(azLines.length, expected.findings.length, az.stdout);
    azLines.forEach((line, k) => {
      const f = expected.findings[k];
      if (f.severity === 'info') {
        assert.equal(line, `${file}:${f.line}:${f.column} info ${f.ruleId} ${f.message}`, 'info is a plain line (Azure has no info issue)');
        return;
      }
      const m = AZURE.exec(line);
      assert.ok(m, line);
      assert.deepEqual([m[1], m[2], Number(m[3]), Number(m[4]), m[5], m[6]], [f.severity, file, f.line, f.column, f.ruleId, escapeAzureData(f.message)]);
    });

    const ju = crmsync(['check', '--format', 'junit', file]);
    assert.equal(ju.code, expected.code, ju.stderr);
    const root = parseXml(ju.stdout);
    assert.equal(root.name, 'testsuites');
    assert.equal(root.children.length, 1);
    const suite = root.children[0];
    assert.equal(suite.name, 'testsuite');
    assert.equal(suite.attrs.name, file);
    const cases = suite.children;
    assert.ok(cases.every((c) => c.name === 'testcase' && c.attrs.classname === file));
    assert.equal(Number(suite.attrs.tests), cases.length);
    const failing = expected.findings.filter((f) => f.severity !== 'info');
    assert.equal(Number(suite.attrs.failures), failing.length);
    assert.equal(Number(root.attrs.failures), failing.length);
    if (expected.findings.length === 0) {
      assert.equal(cases.length, 1, 'a clean plan still shows as one passing test');
      assert.deepEqual(cases[0].children, []);
    } else {
      assert.equal(cases.length, expected.findings.length);
      cases.forEach((c, k) => {
        const f = expected.findings[k];
        assert.equal(c.attrs.name, `${f.ruleId} at ${f.line}:${f.column}`);
        assert.equal(Number(c.attrs.line), f.line);
        const [child] = c.children;
        if (f.severity === 'info') assert.equal(child.name, 'system-out');
        else {
          assert.equal(child.name, 'failure');
          assert.deepEqual([child.attrs.type, child.attrs.message], [f.severity, f.message]);
        }
        assert.ok(child.text.startsWith(`${file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}\n`), child.text);
        assert.match(child.text, /Documentation: https:\/\/\S+#/);
      });
    }
  });
}

test('junit over every example at once: one testsuite per plan, counts add up', () => {
  const r = crmsync(['check', '--format', 'junit', 'examples/']);
  assert.equal(r.code, 1);
  const root = parseXml(r.stdout);
  assert.deepEqual(
    root.children.map((s) => s.attrs.name),
    examples,
  );
  assert.equal(Number(root.attrs.tests), root.children.reduce((n, s) => n + Number(s.attrs.tests), 0));
  assert.equal(Number(root.attrs.failures), root.children.reduce((n, s) => n + Number(s.attrs.failures), 0));
});

// --- escaping end to end: a mailbox id and a file name with the special characters ------------

const SPECIAL_ID = '50%, a:b\r\nx]; y';
const SPECIAL_PLAN = `version: 1
organization: { name: contoso, deployment: online, tenantId: 00000000-0000-0000-0000-000000000000 }
mailboxes:
  ${JSON.stringify(SPECIAL_ID)}: { kind: user, emailAddress: alice@contoso.com, approval: approved }
`;
const SPECIAL_NAME = 'we,ird:dir/100%.crmsync.yaml';

test('github and azure escape %, CR, LF, :, , (and ; ]) end to end; junit keeps them exactly', () => {
  const expected = jsonOf(['-', '--stdin-filename', SPECIAL_NAME], SPECIAL_PLAN);
  const withId = expected.findings.filter((f) => f.message.includes(SPECIAL_ID));
  assert.ok(withId.length >= 1, 'a message quotes the id');

  const gh = crmsync(['check', '--format', 'github', '-', '--stdin-filename', SPECIAL_NAME], undefined, SPECIAL_PLAN);
  assert.equal(gh.code, expected.code);
  const ghLines = gh.stdout.trimEnd().split('\n');
  assert.equal(ghLines.length, expected.findings.length + 1, 'CR and LF in a message do not break the line');
  assert.ok(ghLines.slice(0, -1).every((l) => l.startsWith('::error file=we%2Cird%3Adir/100%25.crmsync.yaml,line=')), gh.stdout);
  assert.ok(ghLines.some((l) => l.includes("::Mailbox '50%25, a:b%0D%0Ax]; y'") || l.includes("::'50%25, a:b%0D%0Ax]; y'")), gh.stdout);

  const az = crmsync(['check', '--format', 'azure', '-', '--stdin-filename', SPECIAL_NAME], undefined, SPECIAL_PLAN);
  const azLines = az.stdout.trimEnd().split('\n');
  assert.equal(azLines.length, expected.findings.length + 1);
  assert.ok(azLines.slice(0, -1).every((l) => l.includes(';sourcepath=we,ird:dir/100%AZP25.crmsync.yaml;')), az.stdout);
  assert.ok(azLines.some((l) => l.includes("'50%AZP25, a:b%0D%0Ax]; y'")), az.stdout);

  const ju = parseXml(crmsync(['check', '--format', 'junit', '-', '--stdin-filename', SPECIAL_NAME], undefined, SPECIAL_PLAN).stdout);
  assert.equal(ju.children[0].attrs.name, SPECIAL_NAME);
  const messages = ju.children[0].children.map((c) => c.children[0].attrs.message);
  for (const f of withId) assert.ok(messages.includes(f.message), 'the message survives XML escaping unchanged');
});

// --- script features --------------------------------------------------------------------------

test('- reads a plan from stdin, reported as <stdin> or as --stdin-filename; exit codes as for a file', () => {
  const file = 'examples/invalid-schema-errors.crmsync.yaml';
  const fromFile = crmsync(['check', file]);
  const piped = crmsync(['check', '-'], undefined, example('invalid-schema-errors.crmsync.yaml'));
  assert.equal(piped.code, 1);
  assert.equal(piped.stdout, fromFile.stdout.split(file).join('<stdin>'));
  const named = crmsync(['check', '-', '--stdin-filename', file], undefined, example('invalid-schema-errors.crmsync.yaml'));
  assert.equal(named.stdout, fromFile.stdout);
  const clean = crmsync(['check', '-'], undefined, example('online-exchange-online.crmsync.yaml'));
  assert.equal(clean.code, 0, clean.stdout);
  // Files and stdin together.
  const both = crmsync(['check', 'examples/online-gmail-pop3.crmsync.yaml', '-'], undefined, example('online-exchange-online.crmsync.yaml'));
  assert.match(summary(both.stdout), /^2 files checked/);
  // Usage errors: exit 2.
  assert.equal(crmsync(['check', '-', '-'], undefined, '').code, 2);
  const noDash = crmsync(['check', '--stdin-filename', 'x.crmsync.yaml', file]);
  assert.equal(noDash.code, 2);
  assert.match(noDash.stderr, /--stdin-filename only applies with the path -/);
  const fix = crmsync(['check', '--fix', '-'], undefined, 'version: 1\n');
  assert.equal(fix.code, 2);
  assert.match(fix.stderr, /--fix cannot write a plan read from standard input; use --fix-dry-run/);
  const dry = crmsync(['check', '--fix-dry-run', '-'], undefined, 'version: 1\norganization:\n  name: contoso\n  deployment: OnPremises\n');
  assert.equal(dry.code, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /^\+  deployment: onPremises$/m);
});

test('--quiet reports errors only, in every format; the exit code is unchanged', () => {
  const file = 'examples/invalid-router-queues.crmsync.yaml'; // errors, warnings and info
  const all = jsonOf([file]).findings;
  assert.ok(['error', 'warning', 'info'].every((s) => all.some((f) => f.severity === s)));
  const errors = all.filter((f) => f.severity === 'error');
  const quiet = jsonOf(['--quiet', file]);
  assert.deepEqual(quiet.findings, errors);
  assert.equal(quiet.code, 1);
  const text = crmsync(['check', '--quiet', file]);
  assert.doesNotMatch(text.stdout, / (warning|info) /);
  assert.match(summary(text.stdout), / 2 errors, 0 warnings, 0 info/);
  for (const format of ['github', 'azure']) {
    const r = crmsync(['check', '--quiet', '--format', format, file]);
    assert.equal(r.stdout.trimEnd().split('\n').length, errors.length + 1, r.stdout);
    assert.doesNotMatch(r.stdout, /::warning|::notice|type=warning| info /);
  }
  const ju = parseXml(crmsync(['check', '--quiet', '--format', 'junit', file]).stdout);
  assert.equal(ju.children[0].children.length, errors.length);
  const sarif = JSON.parse(crmsync(['check', '--quiet', '--format', 'sarif', file]).stdout);
  assert.deepEqual(
    sarif.runs[0].results.map((x: { level: string }) => x.level),
    errors.map(() => 'error'),
  );
  // Warnings still count for --max-warnings: --quiet hides, it does not pass.
  const warnOnly = 'examples/d365-9-online-exchange-online-cross-tenant-oauth.crmsync.yaml';
  assert.ok(jsonOf([warnOnly]).findings.some((f) => f.severity === 'warning'));
  const r = crmsync(['check', '--quiet', '--max-warnings', '0', warnOnly]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /more than --max-warnings 0/);
});

test('--output-file writes the report there (creating its directory); stdout stays empty; exit code unchanged', () => {
  const dir = scratchDir();
  for (const [format, code, file] of [
    ['sarif', 1, 'examples/invalid-schema-errors.crmsync.yaml'],
    ['github', 0, 'examples/online-exchange-online.crmsync.yaml'],
    ['text', 1, 'examples/invalid-schema-errors.crmsync.yaml'],
  ] as const) {
    const out = path.join(dir, 'reports', `crmsync.${format}`);
    const r = crmsync(['check', '--format', format, '--output-file', out, file]);
    assert.equal(r.code, code, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(out, 'utf8'), crmsync(['check', '--format', format, file]).stdout);
  }
  // A dry-run diff goes with the text report.
  const plan = path.join(dir, 'fixme.crmsync.yaml');
  fs.writeFileSync(plan, 'version: 1\norganization:\n  name: contoso\n  deployment: OnPremises\n');
  const report = path.join(dir, 'dry.txt');
  assert.equal(crmsync(['check', '--fix-dry-run', '--output-file=' + report, plan]).stdout, '');
  assert.match(fs.readFileSync(report, 'utf8'), /^\+  deployment: onPremises$/m);
  // Unwritable: exit 2.
  const blocked = crmsync(['check', '--output-file', path.join(plan, 'x.sarif'), plan]);
  assert.equal(blocked.code, 2);
  assert.match(blocked.stderr, /cannot write '/);
});

test('JSON findings carry their fixes: title, preferred flag and edits (1-based, end exclusive); `fixes` stays the titles', () => {
  const file = 'examples/invalid-schema-errors.crmsync.yaml';
  const text = example('invalid-schema-errors.crmsync.yaml');
  const lines = text.split('\n');
  const { findings } = jsonOf([file]);
  const enumF = findings.find((f) => f.ruleId === 'schema/enum')!;
  assert.deepEqual(
    enumF.fixes,
    enumF.quickFixes.map((q) => q.title),
  );
  assert.ok(enumF.quickFixes.some((q) => q.preferred));
  assert.equal(enumF.quickFixes.filter((q) => q.preferred).length, 1, 'at most one preferred fix');
  // Applying the preferred edit to the file's text gives the fixed line.
  const pref = enumF.quickFixes.find((q) => q.preferred)!;
  const [e] = pref.edits;
  assert.equal(e.line, e.endLine);
  const line = lines[e.line - 1];
  assert.equal(line.slice(e.column - 1, e.endColumn - 1), 'crm2017');
  assert.equal(line.slice(0, e.column - 1) + e.newText + line.slice(e.endColumn - 1), line.replace('crm2017', 'crm2016'));
  assert.ok(findings.every((f) => f.quickFixes.length === f.fixes.length));
});

test('JSON fix edits never repeat a literal password (quoted or not) of the plan', () => {
  const pw = 'Zq7-not-a-real-password-Xv9';
  const text = `version: 1\nserverProfiles:\n  p:\n    incoming: { password: "${pw}" }\n    outgoing:\n      password: plain-${pw}\n`;
  const analysis = createAnalyzer().analyze(text);
  // A fix that would copy the literal (as a move of a mapping does) into its edit.
  const finding = {
    ruleId: 'plaintext-secret',
    severity: 'error' as const,
    message: 'A password is written in the plan as a literal.',
    span: { start: 0, end: 7 },
    related: [],
    fixes: [{ title: 'Move', isPreferred: true, edits: [{ span: { start: 0, end: 0 }, newText: `a: "${pw}"\nb: plain-${pw}\nc: '${pw}'\n` }] }],
  };
  const result = { path: 'p.crmsync.yaml', absPath: '/p.crmsync.yaml', lines: analysis.lines, findings: [finding], suppressed: [] };
  const leaky = formatJson([result]);
  assert.ok(leaky.includes(pw), 'without the plan\'s secrets the edit shows the literal');
  const json = formatJson([{ ...result, secrets: secretLiterals(text) }]);
  assert.ok(!json.includes(pw), json);
  assert.equal(JSON.parse(json).files[0].findings[0].quickFixes[0].edits[0].newText, "a: ********\nb: ********\nc: '********'\n");
  // The CLI hands the plan's secrets to the JSON report.
  const dir = scratchDir();
  const plan = path.join(dir, 'pw.crmsync.yaml');
  fs.writeFileSync(plan, example('invalid-mailbox-credentials.crmsync.yaml').replace(/password: .*/g, `password: "${pw}"`));
  assert.ok(!crmsync(['check', '--format', 'json', plan]).stdout.includes(pw));
});

test('the text summary counts the findings --fix could fix; with --fix it counts the fixes instead', () => {
  const file = 'examples/invalid-schema-errors.crmsync.yaml';
  const r = crmsync(['check', file]);
  const m = /; (\d+) fixable with --fix$/.exec(summary(r.stdout));
  assert.ok(m, summary(r.stdout));
  const fixable = Number(m[1]);
  const preferred = jsonOf([file]).findings.filter((f) => f.quickFixes.some((q) => q.preferred && !q.unsafe)).length;
  assert.ok(fixable >= 1 && fixable <= preferred, `${fixable} of ${preferred} with a preferred fix`);
  // --fix-dry-run removes at least that many of the findings.
  const dry = crmsync(['check', '--fix-dry-run', '--format', 'json', file]);
  const remaining = JSON.parse(dry.stdout).files[0].findings.length;
  assert.ok(jsonOf([file]).findings.length - remaining >= fixable - 1, 'the fixes remove about as many findings');
  assert.doesNotMatch(summary(crmsync(['check', '--fix-dry-run', file]).stdout), /fixable/);
  assert.equal(summary(crmsync(['check', 'examples/online-exchange-online.crmsync.yaml']).stdout), '1 file checked: 0 errors, 0 warnings, 0 info');
  assert.match(summary(crmsync(['check', '--format', 'github', file]).stdout), new RegExp(`; ${fixable} fixable with --fix$`));
});

test('text output prints related locations under their finding, indented', () => {
  const file = 'examples/invalid-schema-errors.crmsync.yaml';
  const { findings } = jsonOf([file]);
  const withRelated = findings.filter((f) => f.related.length > 0);
  assert.ok(withRelated.length >= 1);
  const lines = crmsync(['check', file]).stdout.trimEnd().split('\n');
  for (const f of withRelated) {
    const at = lines.findIndex((l) => l.startsWith(`${file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} `));
    assert.ok(at >= 0);
    assert.deepEqual(
      lines.slice(at + 1, at + 1 + f.related.length),
      f.related.map((r) => `  ${file}:${r.line}:${r.column}: ${r.message}`),
    );
  }
  const relatedCount = findings.reduce((n, f) => n + f.related.length, 0);
  assert.equal(lines.length, findings.length + relatedCount + 1, 'one line per finding and per related location, and the summary');
});

test('--help lists the new formats and options', () => {
  const r = crmsync(['check', '--help']);
  assert.equal(r.code, 0);
  for (const s of ['github', 'azure', 'junit', '--quiet', '--output-file PATH', '--stdin-filename NAME', 'The path - reads a plan from standard input']) assert.ok(r.stdout.includes(s), s);
});
