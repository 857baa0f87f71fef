/**
 * Line bookkeeping for a document. Offsets are UTF-16 code units; lines and characters are
 * 0-based here. The LSP layer and the CLI turn them into their own conventions.
 */
export class LineIndex {
  /** Offset of each line's start: a typed array, which a splice copies and shifts many times faster than a list. */
  private readonly starts: Int32Array;

  constructor(
    private readonly text: string,
    known?: Int32Array,
  ) {
    if (known) {
      this.starts = known;
      return;
    }
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // The common case, without carriage returns: indexOf is several times faster than a loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = Int32Array.from(starts);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  /**
   * The index of `text`, which is `previous`'s text with the range [start, endOld) replaced
   * (everything else the same, shifted by `delta` after it): only the lines of the new range are
   * looked for. Neither text may hold a carriage return.
   */
  static spliced(previous: LineIndex, text: string, start: number, endOld: number, delta: number): LineIndex {
    const old = previous.starts;
    // A line start s follows the break at s - 1: kept when that break is before the edit, moved when after it.
    const lo = previous.position(start).line + 1;
    const end = endOld + delta;
    const added: number[] = [];
    for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) added.push(i + 1);
    // The old line starts after the edit (sorted: found by bisection) move by `delta`.
    let after = lo;
    let hi = old.length;
    while (after < hi) {
      const mid = (after + hi) >> 1;
      if (old[mid] > endOld) hi = mid;
      else after = mid + 1;
    }
    const starts = new Int32Array(lo + added.length + old.length - after);
    starts.set(old.subarray(0, lo));
    starts.set(added, lo);
    for (let j = after, k = lo + added.length; j < old.length; j++, k++) starts[k] = old[j] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line and UTF-16 character of `offset` (clamped into the document). */
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** Offset of a 0-based line and character (clamped into the line). */
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line];
    return Math.min(start + Math.max(0, character), this.lineEnd(line));
  }

  /** Offset of the first character of a 0-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just before the line break of a 0-based line. */
  lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.starts.length - 1));
    let end = l + 1 < this.starts.length ? this.starts[l + 1] : this.text.length;
    while (end > this.starts[l] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }
}
