/** Times consecutive steps: `lap('load')` records the milliseconds since the previous lap (or the start). */
export function stopwatch(into: Record<string, number> = {}) {
  let t = performance.now();
  return {
    times: into,
    lap(name: string): void {
      const now = performance.now();
      into[name] = Math.round((now - t) * 10) / 10;
      t = now;
    },
  };
}
