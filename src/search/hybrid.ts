/**
 * Reciprocal rank fusion: each ranking contributes weight / (K + rank) to an item. Rank-based, so the
 * incomparable BM25 and cosine scores need no calibration.
 */
const K = 60;

export interface Ranking {
  ids: readonly string[];
  weight: number;
}

export function fuseRankings(rankings: readonly Ranking[]): Array<{ id: string; score: number }> {
  const scores = new Map<string, number>();
  for (const { ids, weight } of rankings) {
    ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + weight / (K + rank + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
