/** `$0` marks the cursor in inline test plans. */
export function withCursor(source: string): { text: string; offset: number } {
  const offset = source.indexOf('$0');
  if (offset < 0) throw new Error('no $0 cursor in the test text');
  return { text: source.slice(0, offset) + source.slice(offset + 2), offset };
}
