/**
 * Maximum-weight one-to-one assignment on a rectangular score matrix
 * (Hungarian algorithm, Jonker–Volgenant style shortest augmenting paths,
 * O(n²m)). Same contract as scipy's `linear_sum_assignment(maximize=True)`:
 * exactly min(rows, cols) pairs, returned sorted by row.
 */
export function assignMax(scores: number[][]): [number, number][] {
  const rows = scores.length;
  const cols = rows ? scores[0].length : 0;
  if (!rows || !cols) return [];
  const transpose = rows > cols;
  const n = transpose ? cols : rows; // n <= m
  const m = transpose ? rows : cols;
  const cost = (i: number, j: number) => -(transpose ? scores[j][i] : scores[i][j]);
  // 1-based potentials and matching, classic e-maxx formulation
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j] = row matched to column j
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) (minv[j] = cur), (way[j] = j0);
        if (minv[j] < delta) (delta = minv[j]), (j1 = j);
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) (u[p[j]] += delta), (v[j] -= delta);
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const pairs: [number, number][] = [];
  for (let j = 1; j <= m; j++) if (p[j]) pairs.push(transpose ? [j - 1, p[j] - 1] : [p[j] - 1, j - 1]);
  return pairs.sort((a, b) => a[0] - b[0]);
}
