/** Mean, median, 95th percentile and maximum of a set of timings (milliseconds). */
export interface Latency {
  mean: number;
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function latency(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    mean: sorted.reduce((s, t) => s + t, 0) / Math.max(1, sorted.length),
    p50: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.5))] ?? 0,
    p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
    max: sorted.at(-1) ?? 0,
    n: sorted.length,
  };
}
