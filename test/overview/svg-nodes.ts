/** Reads the node elements back from a rendered SVG (shared by the overview and explain tests). */
import { XMLParser } from 'fast-xml-parser';

/** The node `<g>` elements of an SVG, with their attributes. */
export function svgNodes(svg: string): Record<string, string>[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'g' }).parse(svg);
  const out: Record<string, string>[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const rec = x as Record<string, unknown>;
      if (typeof rec['data-node-id'] === 'string') out.push(rec as Record<string, string>);
      for (const v of Object.values(rec)) walk(v);
    }
  };
  walk(doc);
  return out;
}
