/**
 * Maximum-weight matching of maximum cardinality on a general graph: Edmonds' blossom algorithm
 * with Galil's O(n³) bookkeeping, after Joris van Rantwijk's reference implementation. Weights
 * must be integers (then all dual arithmetic stays integral and exact up to 2^53). Besides the
 * matching it returns the dual certificate, so a caller that solved on a subset of the edges can
 * prove the answer optimal for every edge it left out (see `reducedSlack`).
 */
import { blossomState } from "./blossom.js";

export interface WeightedEdge {
  a: number;
  b: number;
  weight: number;
}

export interface MatchingResult {
  /** mate[v] = partner of v, or -1. */
  mate: Int32Array;
  /** Twice the vertex duals (0..n-1) and blossom duals (n..2n-1). */
  dual: Float64Array;
  /** Parent blossom of each vertex/blossom that survived the last stage, or -1. */
  parent: Int32Array;
}

export function maxWeightMatching(vertexCount: number, edges: readonly WeightedEdge[]): MatchingResult {
  const n = vertexCount;
  const m = edges.length;
  const ea = new Int32Array(m);
  const eb = new Int32Array(m);
  const ew = new Float64Array(m);
  let maxWeight = 0;
  const degree = new Int32Array(n);
  edges.forEach((e, k) => {
    ea[k] = e.a;
    eb[k] = e.b;
    ew[k] = e.weight;
    maxWeight = Math.max(maxWeight, e.weight);
    degree[e.a] += 1;
    degree[e.b] += 1;
  });
  // endpoint p of edge p>>1: even p = a, odd p = b; neighbours stored as the remote endpoint.
  const endpoint = (p: number): number => ((p & 1) === 0 ? ea[p >> 1] : eb[p >> 1]);
  const neighStart = new Int32Array(n + 1);
  for (let v = 0; v < n; v += 1) neighStart[v + 1] = neighStart[v] + degree[v];
  const neighFill = neighStart.slice(0, n);
  const neighEnd = new Int32Array(2 * m);
  for (let k = 0; k < m; k += 1) {
    neighEnd[neighFill[ea[k]]++] = 2 * k + 1;
    neighEnd[neighFill[eb[k]]++] = 2 * k;
  }

  const {
    mate,
    label,
    labelEnd,
    inBlossom,
    parent,
    base,
    bestEdge,
    blossomBest,
    dual,
    allowed,
    queue,
    slack,
    assignLabel,
    scanBlossom,
    addBlossom,
    expandBlossom,
    augmentMatching,
  } = blossomState({ n, ea, eb, ew, neighStart, neighEnd, maxWeight });
  for (let stage = 0; stage < n; stage += 1) {
    label.fill(0);
    bestEdge.fill(-1);
    for (let b = n; b < 2 * n; b += 1) blossomBest[b] = null;
    allowed.fill(0);
    queue.length = 0;
    for (let v = 0; v < n; v += 1) if (mate[v] === -1 && label[inBlossom[v]] === 0) assignLabel(v, 1, -1);
    let augmented = false;
    for (;;) {
      while (queue.length > 0 && !augmented) {
        const v = queue.pop() as number;
        for (let q = neighStart[v]; q < neighStart[v + 1]; q += 1) {
          const p = neighEnd[q];
          const k = p >> 1;
          const w = endpoint(p);
          if (inBlossom[v] === inBlossom[w]) continue;
          let kSlack = 0;
          if (!allowed[k]) {
            kSlack = slack(k);
            if (kSlack <= 0) allowed[k] = 1;
          }
          if (allowed[k]) {
            if (label[inBlossom[w]] === 0) assignLabel(w, 2, p ^ 1);
            else if (label[inBlossom[w]] === 1) {
              const found = scanBlossom(v, w);
              if (found >= 0) addBlossom(found, k);
              else {
                augmentMatching(k);
                augmented = true;
                break;
              }
            } else if (label[w] === 0) {
              label[w] = 2;
              labelEnd[w] = p ^ 1;
            }
          } else if (label[inBlossom[w]] === 1) {
            const b = inBlossom[v];
            if (bestEdge[b] === -1 || kSlack < slack(bestEdge[b])) bestEdge[b] = k;
          } else if (label[w] === 0) {
            if (bestEdge[w] === -1 || kSlack < slack(bestEdge[w])) bestEdge[w] = k;
          }
        }
      }
      if (augmented) break;
      // No tight edge left to grow along: move the duals by the largest safe delta.
      let deltaType = -1;
      let delta = 0;
      let deltaEdge = -1;
      let deltaBlossom = -1;
      for (let v = 0; v < n; v += 1) {
        if (label[inBlossom[v]] === 0 && bestEdge[v] !== -1) {
          const d = slack(bestEdge[v]);
          if (deltaType === -1 || d < delta) {
            delta = d;
            deltaType = 2;
            deltaEdge = bestEdge[v];
          }
        }
      }
      for (let b = 0; b < 2 * n; b += 1) {
        if (parent[b] === -1 && label[b] === 1 && bestEdge[b] !== -1) {
          const d = slack(bestEdge[b]) / 2;
          if (deltaType === -1 || d < delta) {
            delta = d;
            deltaType = 3;
            deltaEdge = bestEdge[b];
          }
        }
      }
      for (let b = n; b < 2 * n; b += 1) {
        if (base[b] >= 0 && parent[b] === -1 && label[b] === 2 && (deltaType === -1 || dual[b] < delta)) {
          delta = dual[b];
          deltaType = 4;
          deltaBlossom = b;
        }
      }
      if (deltaType === -1) {
        // Maximum cardinality reached: a last uniform shift keeps the certificate verifiable.
        deltaType = 1;
        delta = Math.max(0, Math.min(...dual.subarray(0, n)));
      }
      for (let v = 0; v < n; v += 1) {
        const l = label[inBlossom[v]];
        if (l === 1) dual[v] -= delta;
        else if (l === 2) dual[v] += delta;
      }
      for (let b = n; b < 2 * n; b += 1) {
        if (base[b] >= 0 && parent[b] === -1) {
          if (label[b] === 1) dual[b] += delta;
          else if (label[b] === 2) dual[b] -= delta;
        }
      }
      if (deltaType === 1) break;
      if (deltaType === 4) expandBlossom(deltaBlossom, false);
      else {
        allowed[deltaEdge] = 1;
        let i = ea[deltaEdge];
        if (label[inBlossom[i]] === 0) i = eb[deltaEdge];
        queue.push(i);
      }
    }
    if (!augmented) break;
    for (let b = n; b < 2 * n; b += 1) {
      if (parent[b] === -1 && base[b] >= 0 && label[b] === 1 && dual[b] === 0) expandBlossom(b, true);
    }
  }
  const partner = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v += 1) if (mate[v] >= 0) partner[v] = endpoint(mate[v]);
  return { mate: partner, dual, parent };
}

/**
 * Reduced cost (×2) of any edge against the certificate: ≥ 0 for every edge of the graph means
 * the perfect matching found is optimal among all perfect matchings of that graph (LP duality).
 * Returns a function so the blossom chains are walked once, not once per edge.
 */
export function reducedSlack(result: MatchingResult): (a: number, b: number, weight: number) => number {
  const { parent, dual } = result;
  const n = result.mate.length;
  // Per vertex: its enclosing blossoms from the outermost in, and running sums of their duals.
  const chains: Int32Array[] = [];
  const sums: Float64Array[] = [];
  for (let v = 0; v < n; v += 1) {
    const up: number[] = [];
    for (let x = parent[v]; x !== -1; x = parent[x]) up.push(x);
    up.reverse();
    chains.push(Int32Array.from(up));
    const acc = new Float64Array(up.length + 1);
    up.forEach((x, i) => {
      acc[i + 1] = acc[i] + 2 * dual[x];
    });
    sums.push(acc);
  }
  return (a, b, weight) => {
    const ca = chains[a] as Int32Array;
    const cb = chains[b] as Int32Array;
    let depth = 0;
    while (depth < ca.length && depth < cb.length && ca[depth] === cb[depth]) depth += 1;
    return dual[a] + dual[b] - 2 * weight + (sums[a] as Float64Array)[depth];
  };
}
