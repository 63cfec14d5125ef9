/** One mark on the scrollbar: a run of buckets holding matches, as fractions of the track. */
export interface OverviewRun {
  top: number;
  height: number;
  /** The densest bucket of the run, 0..1. */
  density: number;
}

/**
 * Turns the search's density buckets into marks: each run of non-empty
 * buckets becomes one mark, so a file with matches everywhere is a handful
 * of elements, not 200.
 */
export function overviewRuns(buckets: readonly number[]): OverviewRun[] {
  const runs: OverviewRun[] = [];
  const n = buckets.length;
  let i = 0;
  while (i < n) {
    if (!(buckets[i] > 0)) {
      i++;
      continue;
    }
    let j = i;
    let density = 0;
    while (j < n && buckets[j] > 0) density = Math.max(density, Math.min(1, buckets[j++]));
    runs.push({ top: i / n, height: (j - i) / n, density });
    i = j;
  }
  return runs;
}
