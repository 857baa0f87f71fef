/**
 * Line bookkeeping for a document. Offsets are UTF-16 code units; lines and characters are
 * 0-based here. The LSP layer and the CLI turn them into their own conventions.
 */

/** Lines per block of a new index (see `LineIndex`). */
const BLOCK_LINES = 1024;

/**
 * The line starts of a text, in blocks: each block a typed array of the starts of consecutive
 * lines, plus an amount every start in it is moved by. A spliced index shares the blocks the
 * edit did not reach with the previous version's: it rebuilds the block or two around the edit
 * and moves the later blocks by the change in length, so an edit costs the number of blocks
 * (a few hundred at 50,000 mailboxes), not the number of lines. Immutable: versions share blocks.
 */
export class LineIndex {
  /** The blocks' line starts, each block's as stored (add its shift). Never empty, nor is any block. */
  private readonly blocks: readonly Int32Array[];
  /** Per block, what to add to its stored starts. */
  private readonly shifts: Int32Array;
  /** Per block, the index of its first line; one more entry, the line count. */
  private readonly firsts: Int32Array;

  /** `blockLines`: lines per block (tests make it small so that edits cross blocks). */
  constructor(
    private readonly text: string,
    private readonly blockLines = BLOCK_LINES,
    parts?: { readonly blocks: readonly Int32Array[]; readonly shifts: Int32Array },
  ) {
    if (parts) {
      this.blocks = parts.blocks;
      this.shifts = parts.shifts;
      this.firsts = firstsOf(parts.blocks);
      return;
    }
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // The common case, without carriage returns: indexOf is several times faster than a loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.blocks = cut(starts, blockLines);
    this.shifts = new Int32Array(this.blocks.length);
    this.firsts = firstsOf(this.blocks);
  }

  /**
   * The index of `text`, which is `previous`'s text with the range [start, endOld) replaced
   * (everything else the same, shifted by `delta` after it): only the lines of the new range are
   * looked for. Neither text may hold a carriage return.
   */
  static spliced(previous: LineIndex, text: string, start: number, endOld: number, delta: number): LineIndex {
    // A line start s follows the break at s - 1: kept when that break is before the edit, moved
    // when after it, dropped when in the replaced range (start < s <= endOld).
    const lo = previous.position(start).line + 1;
    const after = lo + previous.countStartsIn(lo, endOld);
    const end = endOld + delta;
    const { blocks, shifts, firsts } = previous;
    // The blocks that hold line lo - 1 (kept) and line after - 1 (the last one dropped, or lo - 1).
    const bi = previous.blockOf(lo - 1);
    const bj = previous.blockOf(after - 1);
    const middle: number[] = [];
    const first = blocks[bi];
    for (let k = 0; k < lo - firsts[bi]; k++) middle.push(first[k] + shifts[bi]);
    for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) middle.push(i + 1);
    const last = blocks[bj];
    for (let k = after - firsts[bj]; k < last.length; k++) middle.push(last[k] + shifts[bj] + delta);
    // In even pieces: a block that outgrows its size splits in halves, which then grow again.
    const rebuilt = cut(middle, Math.ceil(middle.length / Math.ceil(middle.length / previous.blockLines)));
    const nextBlocks = blocks.slice(0, bi).concat(rebuilt, blocks.slice(bj + 1));
    const nextShifts = new Int32Array(nextBlocks.length);
    nextShifts.set(shifts.subarray(0, bi));
    for (let k = bj + 1, to = bi + rebuilt.length; k < blocks.length; k++, to++) nextShifts[to] = shifts[k] + delta;
    return new LineIndex(text, previous.blockLines, { blocks: nextBlocks, shifts: nextShifts });
  }

  get lineCount(): number {
    return this.firsts[this.blocks.length];
  }

  /** 0-based line and UTF-16 character of `offset` (clamped into the document). */
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const { blocks, shifts } = this;
    // The last block whose first line starts at or before o (the first block starts at 0).
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid][0] + shifts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    const block = blocks[lo];
    const at = o - shifts[lo];
    let a = 0;
    let b = block.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if (block[mid] <= at) a = mid;
      else b = mid - 1;
    }
    return { line: this.firsts[lo] + a, character: at - block[a] };
  }

  /** Offset of a 0-based line and character (clamped into the line). */
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.lineCount) return this.text.length;
    return Math.min(this.startOf(line) + Math.max(0, character), this.lineEnd(line));
  }

  /** Offset of the first character of a 0-based line. */
  lineStart(line: number): number {
    return this.startOf(Math.max(0, Math.min(line, this.lineCount - 1)));
  }

  /** Offset just before the line break of a 0-based line. */
  lineEnd(line: number): number {
    const l = Math.max(0, Math.min(line, this.lineCount - 1));
    const start = this.startOf(l);
    let end = l + 1 < this.lineCount ? this.startOf(l + 1) : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  /** The start of line `line`, which exists. */
  private startOf(line: number): number {
    const b = this.blockOf(line);
    return this.blocks[b][line - this.firsts[b]] + this.shifts[b];
  }

  /** The block that holds line `line`, which exists. */
  private blockOf(line: number): number {
    const { firsts } = this;
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** How many lines from line `from` on start at or before `offset` (starts rise with the line). */
  private countStartsIn(from: number, offset: number): number {
    let n = 0;
    for (let line = from; line < this.lineCount; ) {
      const b = this.blockOf(line);
      const block = this.blocks[b];
      const at = offset - this.shifts[b];
      let k = line - this.firsts[b];
      if (block[block.length - 1] <= at) {
        // The whole rest of the block.
        n += block.length - k;
        line += block.length - k;
        continue;
      }
      while (block[k] <= at) {
        k++;
        n++;
      }
      break;
    }
    return n;
  }
}

/** `starts` in blocks of `size` lines (one block at least). */
function cut(starts: readonly number[], size: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let i = 0; i < starts.length; i += size) out.push(Int32Array.from(starts.slice(i, i + size)));
  return out;
}

function firstsOf(blocks: readonly Int32Array[]): Int32Array {
  const firsts = new Int32Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) firsts[i + 1] = firsts[i] + blocks[i].length;
  return firsts;
}
