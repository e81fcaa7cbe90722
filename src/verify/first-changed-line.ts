/** The first line where two texts differ (1-based), with that line of each, trimmed. */
export function firstChangedLine(a: string, b: string): { line: number; was: string; now: string } {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return { line: i + 1, was: (x[i] ?? '').trim(), now: (y[i] ?? '').trim() };
}
