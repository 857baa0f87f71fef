/** "Did you mean" support: edit distance and ranked suggestions. */

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Candidates close to `word`: an exact case-insensitive match first, then those within
 * `maxDistance` edits (case-insensitive), closest first, at most `limit`.
 */
export function suggest(word: string, candidates: readonly string[], maxDistance: number, limit = 3): string[] {
  const lower = word.toLowerCase();
  const exact = candidates.filter((c) => c.toLowerCase() === lower && c !== word);
  const scored = candidates
    .filter((c) => c !== word && !exact.includes(c))
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase(), maxDistance) }))
    .filter((x) => x.d <= maxDistance)
    .sort((x, y) => x.d - y.d);
  return [...exact, ...scored.map((x) => x.c)].slice(0, limit);
}
