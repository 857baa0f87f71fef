/**
 * A strict checker of the Mermaid flowchart subset `renderMermaid` writes, standing in for
 * Mermaid's own parser (the `mermaid` package needs a DOM: DOMPurify, and ~150 MB of
 * dependencies). It accepts only what Mermaid's flowchart grammar accepts for these forms, and
 * is stricter where Mermaid is lenient (every node declared before use, every class defined):
 *
 *   flowchart LR                              the first line
 *   %% comment
 *   id["label"]  id[["label"]]  id[("label")]  id("label")     node declarations
 *   a --> b   a -.-> b   a -..-> b   a --- b                    edges between declared ids
 *   classDef name prop:value,prop:value                          class definitions
 *   class a,b name                                               class assignments
 *
 * Ids are ASCII words that are not flowchart keywords. Labels hold no `"` (quotes are written
 * `#quot;`), every `#` starts an entity code (`#name;` or `#123;`), and the only markup is
 * `<br/>`. It returns what it read, with labels decoded, so tests can compare them with the model.
 */

export interface MermaidChart {
  readonly nodes: Map<string, { shape: string; lines: string[] }>;
  readonly edges: { from: string; to: string; link: string }[];
  readonly classOf: Map<string, string>;
}

const KEYWORDS = new Set(['end', 'graph', 'flowchart', 'subgraph', 'class', 'classDef', 'style', 'linkStyle', 'click', 'direction', 'default', 'call', 'href']);
const ID = '[A-Za-z][A-Za-z0-9_]*';
const SHAPES: [string, string, string][] = [
  ['subroutine', '[[', ']]'],
  ['cylinder', '[(', ')]'],
  ['rect', '[', ']'],
  ['round', '(', ')'],
];
const ENTITIES: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };

function decode(label: string, where: string): string[] {
  if (label.includes('"')) throw new Error(`${where}: a raw quote in a label`);
  if (/[\r\n]/.test(label)) throw new Error(`${where}: a line break in a label`);
  if (/`/.test(label)) throw new Error(`${where}: a backtick (markdown string) in a label`);
  const withoutBreaks = label.split('<br/>');
  return withoutBreaks.map((part) => {
    if (/[<>&]/.test(part)) throw new Error(`${where}: markup or a raw '&' in a label: ${part}`);
    return part.replace(/#([^;]*);?/g, (m, code: string) => {
      if (!m.endsWith(';')) throw new Error(`${where}: '#' that does not start an entity code: ${part}`);
      if (/^\d+$/.test(code)) return String.fromCodePoint(Number(code));
      if (!(code in ENTITIES)) throw new Error(`${where}: unknown entity code #${code};`);
      return ENTITIES[code];
    });
  });
}

export function checkMermaid(text: string): MermaidChart {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== 'flowchart LR') throw new Error(`line 1: expected 'flowchart LR', got '${lines[0]}'`);
  const chart: MermaidChart = { nodes: new Map(), edges: [], classOf: new Map() };
  const classes = new Set<string>();
  const pendingClass: { ids: string[]; name: string; where: string }[] = [];
  lines.slice(1).forEach((raw, i) => {
    const where = `line ${i + 2}`;
    if (!raw.startsWith('  ') || raw.trim() !== raw.slice(2)) throw new Error(`${where}: expected two spaces of indentation and no trailing space`);
    const line = raw.slice(2);
    const id = (s: string) => {
      if (!new RegExp(`^${ID}$`).test(s) || KEYWORDS.has(s)) throw new Error(`${where}: '${s}' is not a usable node id`);
      return s;
    };
    if (line.startsWith('%%')) {
      if (line.includes('\n')) throw new Error(`${where}: a comment spans lines`);
      return;
    }
    let m = new RegExp(`^(${ID}) (-->|-\\.->|-\\.\\.->|---) (${ID})$`).exec(line);
    if (m) {
      for (const end of [m[1], m[3]]) if (!chart.nodes.has(id(end))) throw new Error(`${where}: edge to undeclared node '${end}'`);
      chart.edges.push({ from: m[1], to: m[3], link: m[2] });
      return;
    }
    m = /^classDef ([A-Za-z][A-Za-z0-9_]*) ([a-z-]+:[^,;\s]+(?:,[a-z-]+:[^,;\s]+)*)$/.exec(line);
    if (m) {
      classes.add(m[1]);
      return;
    }
    m = new RegExp(`^class (${ID}(?:,${ID})*) ([A-Za-z][A-Za-z0-9_]*)$`).exec(line);
    if (m) {
      pendingClass.push({ ids: m[1].split(','), name: m[2], where });
      return;
    }
    m = new RegExp(`^(${ID})(.*)$`).exec(line);
    if (m) {
      const rest = m[2];
      for (const [shape, open, close] of SHAPES) {
        if (rest.startsWith(`${open}"`) && rest.endsWith(`"${close}`) && rest.length >= open.length + close.length + 2) {
          const inner = rest.slice(open.length + 1, rest.length - close.length - 1);
          if (chart.nodes.has(id(m[1]))) throw new Error(`${where}: node '${m[1]}' declared twice`);
          chart.nodes.set(m[1], { shape, lines: decode(inner, where) });
          return;
        }
      }
    }
    throw new Error(`${where}: not a statement of the flowchart subset: ${line}`);
  });
  for (const c of pendingClass) {
    if (!classes.has(c.name)) throw new Error(`${c.where}: class '${c.name}' is not defined`);
    for (const n of c.ids) {
      if (!chart.nodes.has(n)) throw new Error(`${c.where}: class of undeclared node '${n}'`);
      if (chart.classOf.has(n)) throw new Error(`${c.where}: node '${n}' given two classes`);
      chart.classOf.set(n, c.name);
    }
  }
  return chart;
}
