/**
 * State and moves of the blossom algorithm (see matching.ts): labels, the nested blossoms with
 * their bases and connecting edges, and the four ways a stage changes them (label, shrink a
 * blossom, expand one, augment along a path). Split out so each file stays readable; the
 * stage loop and the dual updates stay in matching.ts.
 */
export interface Graph {
  n: number;
  ea: Int32Array;
  eb: Int32Array;
  ew: Float64Array;
  neighStart: Int32Array;
  /** Remote endpoints: edge k has endpoints 2k (its a) and 2k + 1 (its b). */
  neighEnd: Int32Array;
  maxWeight: number;
}

export const endpointOf = (g: Graph, p: number): number => ((p & 1) === 0 ? (g.ea[p >> 1] as number) : (g.eb[p >> 1] as number));

export function blossomState(g: Graph) {
  const { n, ea, eb, ew, neighStart, neighEnd, maxWeight } = g;
  const m = ea.length;
  const endpoint = (p: number): number => endpointOf(g, p);
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
  const queue: number[] = [];

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

  return {
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
  };
}
