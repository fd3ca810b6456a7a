/**
 * Maximum-weight matching of maximum cardinality on a general graph: Edmonds' blossom algorithm
 * with Galil's O(n³) bookkeeping, after Joris van Rantwijk's reference implementation. Weights
 * must be integers (then all dual arithmetic stays integral and exact up to 2^53). Besides the
 * matching it returns the dual certificate, so a caller that solved on a subset of the edges can
 * prove the answer optimal for every edge it left out (see `reducedSlack`).
 */
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

  const mate = new Int32Array(n).fill(-1);
  const label = new Int32Array(2 * n);
  const labelEnd = new Int32Array(2 * n).fill(-1);
  const inBlossom = Int32Array.from({ length: n }, (_, i) => i);
  const parent = new Int32Array(2 * n).fill(-1);
  const childs: (number[] | null)[] = new Array(2 * n).fill(null);
  const base = new Int32Array(2 * n).fill(-1);
  for (let v = 0; v < n; v += 1) base[v] = v;
  const endps: (number[] | null)[] = new Array(2 * n).fill(null);
  const bestEdge = new Int32Array(2 * n).fill(-1);
  const blossomBest: (number[] | null)[] = new Array(2 * n).fill(null);
  const unused: number[] = [];
  for (let b = 2 * n - 1; b >= n; b -= 1) unused.push(b);
  const dual = new Float64Array(2 * n);
  dual.fill(maxWeight, 0, n);
  const allowed = new Uint8Array(m);
  let queue: number[] = [];

  const slack = (k: number): number => dual[ea[k]] + dual[eb[k]] - 2 * ew[k];
  const leaves = (b: number, out: number[] = []): number[] => {
    if (b < n) out.push(b);
    else for (const t of childs[b] ?? []) leaves(t, out);
    return out;
  };

  const assignLabel = (w: number, t: number, p: number): void => {
    const b = inBlossom[w];
    label[w] = label[b] = t;
    labelEnd[w] = labelEnd[b] = p;
    bestEdge[w] = bestEdge[b] = -1;
    if (t === 1) queue.push(...leaves(b));
    else {
      const mb = mate[base[b]];
      assignLabel(endpoint(mb), 1, mb ^ 1);
    }
  };

  // Trace back from v and w towards the roots; a shared blossom means a new blossom, else a path.
  const scanBlossom = (v0: number, w0: number): number => {
    let v = v0;
    let w = w0;
    const path: number[] = [];
    let found = -1;
    while (v !== -1 || w !== -1) {
      let b = inBlossom[v];
      if (label[b] & 4) {
        found = base[b];
        break;
      }
      path.push(b);
      label[b] = 5;
      if (labelEnd[b] === -1) v = -1;
      else {
        v = endpoint(labelEnd[b]);
        b = inBlossom[v];
        v = endpoint(labelEnd[b]);
      }
      if (w !== -1) [v, w] = [w, v];
    }
    for (const b of path) label[b] = 1;
    return found;
  };

  const addBlossom = (bse: number, k: number): void => {
    let v = ea[k];
    let w = eb[k];
    const bb = inBlossom[bse];
    let bv = inBlossom[v];
    let bw = inBlossom[w];
    const b = unused.pop() as number;
    base[b] = bse;
    parent[b] = -1;
    parent[bb] = b;
    const path: number[] = [];
    const ends: number[] = [];
    while (bv !== bb) {
      parent[bv] = b;
      path.push(bv);
      ends.push(labelEnd[bv]);
      v = endpoint(labelEnd[bv]);
      bv = inBlossom[v];
    }
    path.push(bb);
    path.reverse();
    ends.reverse();
    ends.push(2 * k);
    while (bw !== bb) {
      parent[bw] = b;
      path.push(bw);
      ends.push(labelEnd[bw] ^ 1);
      w = endpoint(labelEnd[bw]);
      bw = inBlossom[w];
    }
    childs[b] = path;
    endps[b] = ends;
    label[b] = 1;
    labelEnd[b] = labelEnd[bb];
    dual[b] = 0;
    for (const x of leaves(b)) {
      if (label[inBlossom[x]] === 2) queue.push(x);
      inBlossom[x] = b;
    }
    // Keep, per neighbouring S-blossom, only the least-slack edge: the Galil bookkeeping.
    const bestTo = new Map<number, number>();
    for (const sub of path) {
      const lists: number[][] = [];
      const own = blossomBest[sub];
      if (own === null) {
        for (const x of leaves(sub)) {
          const list: number[] = [];
          for (let q = neighStart[x]; q < neighStart[x + 1]; q += 1) list.push(neighEnd[q] >> 1);
          lists.push(list);
        }
      } else lists.push(own);
      for (const list of lists) {
        for (const e of list) {
          let i = ea[e];
          let j = eb[e];
          if (inBlossom[j] === b) [i, j] = [j, i];
          const bj = inBlossom[j];
          const prev = bestTo.get(bj);
          if (bj !== b && label[bj] === 1 && (prev === undefined || slack(e) < slack(prev))) bestTo.set(bj, e);
        }
      }
      blossomBest[sub] = null;
      bestEdge[sub] = -1;
    }
    const best = [...bestTo.values()];
    blossomBest[b] = best;
    bestEdge[b] = -1;
    for (const e of best) if (bestEdge[b] === -1 || slack(e) < slack(bestEdge[b])) bestEdge[b] = e;
  };

  const expandBlossom = (b: number, endStage: boolean): void => {
    const kids = childs[b] as number[];
    const ends = endps[b] as number[];
    for (const s of kids) {
      parent[s] = -1;
      if (s < n) inBlossom[s] = s;
      else if (endStage && dual[s] === 0) expandBlossom(s, endStage);
      else for (const x of leaves(s)) inBlossom[x] = s;
    }
    if (!endStage && label[b] === 2) {
      // Relabel the sub-blossoms on the even-length path from the entry child to the base.
      const entry = inBlossom[endpoint(labelEnd[b] ^ 1)];
      let j = kids.indexOf(entry);
      let step: number;
      let trick: number;
      if (j & 1) {
        j -= kids.length;
        step = 1;
        trick = 0;
      } else {
        step = -1;
        trick = 1;
      }
      const at = (i: number): number => (i < 0 ? i + kids.length : i);
      let p = labelEnd[b];
      while (j !== 0) {
        label[endpoint(p ^ 1)] = 0;
        label[endpoint(ends[at(j - trick)] ^ trick ^ 1)] = 0;
        assignLabel(endpoint(p ^ 1), 2, p);
        allowed[ends[at(j - trick)] >> 1] = 1;
        j += step;
        p = ends[at(j - trick)] ^ trick;
        allowed[p >> 1] = 1;
        j += step;
      }
      const bv = kids[at(j)];
      label[endpoint(p ^ 1)] = label[bv] = 2;
      labelEnd[endpoint(p ^ 1)] = labelEnd[bv] = p;
      bestEdge[bv] = -1;
      j += step;
      while (kids[at(j)] !== entry) {
        const sub = kids[at(j)];
        if (label[sub] === 1) {
          j += step;
          continue;
        }
        const reached = leaves(sub).find((x) => label[x] !== 0);
        if (reached !== undefined) {
          label[reached] = 0;
          label[endpoint(mate[base[sub]])] = 0;
          assignLabel(reached, 2, labelEnd[reached]);
        }
        j += step;
      }
    }
    label[b] = labelEnd[b] = -1;
    childs[b] = endps[b] = blossomBest[b] = null;
    base[b] = -1;
    bestEdge[b] = -1;
    unused.push(b);
  };

  const augmentBlossom = (b: number, v: number): void => {
    let t = v;
    while (parent[t] !== b) t = parent[t];
    if (t >= n) augmentBlossom(t, v);
    const kids = childs[b] as number[];
    const ends = endps[b] as number[];
    const i = kids.indexOf(t);
    let j = i;
    let step: number;
    let trick: number;
    if (i & 1) {
      j -= kids.length;
      step = 1;
      trick = 0;
    } else {
      step = -1;
      trick = 1;
    }
    const at = (x: number): number => (x < 0 ? x + kids.length : x);
    while (j !== 0) {
      j += step;
      let sub = kids[at(j)];
      const p = ends[at(j - trick)] ^ trick;
      if (sub >= n) augmentBlossom(sub, endpoint(p));
      j += step;
      sub = kids[at(j)];
      if (sub >= n) augmentBlossom(sub, endpoint(p ^ 1));
      mate[endpoint(p)] = p ^ 1;
      mate[endpoint(p ^ 1)] = p;
    }
    childs[b] = [...kids.slice(i), ...kids.slice(0, i)];
    endps[b] = [...ends.slice(i), ...ends.slice(0, i)];
    base[b] = base[(childs[b] as number[])[0]];
  };

  const augmentMatching = (k: number): void => {
    for (const [s0, p0] of [
      [ea[k], 2 * k + 1],
      [eb[k], 2 * k],
    ] as const) {
      let s = s0;
      let p = p0;
      for (;;) {
        const bs = inBlossom[s];
        if (bs >= n) augmentBlossom(bs, s);
        mate[s] = p;
        if (labelEnd[bs] === -1) break;
        const t = endpoint(labelEnd[bs]);
        const bt = inBlossom[t];
        s = endpoint(labelEnd[bt]);
        const j = endpoint(labelEnd[bt] ^ 1);
        if (bt >= n) augmentBlossom(bt, j);
        mate[j] = labelEnd[bt];
        p = labelEnd[bt] ^ 1;
      }
    }
  };

  for (let stage = 0; stage < n; stage += 1) {
    label.fill(0);
    bestEdge.fill(-1);
    for (let b = n; b < 2 * n; b += 1) blossomBest[b] = null;
    allowed.fill(0);
    queue = [];
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
