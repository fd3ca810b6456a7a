import { buildProblem } from "./problem.js";
import type { BalanceRequest, Problem } from "./types.js";
import { DomainError } from "../errors.js";

/**
 * The two splits people make by hand, kept as yardsticks for the bench (and as a sanity floor in
 * tests): both ignore parties, apart pairs and locks, so they refuse requests that have any.
 */
export interface BaselineSplit {
  teams: string[][];
  gap: number;
}

/** Captains' snake draft: strongest first, picking order 0,1,…,k−1,k−1,…,0 (full teams skip). */
export function snakeDraft(req: BalanceRequest, baseline = 1500): BaselineSplit {
  const problem = unconstrained(req, baseline);
  const k = problem.sizes.length;
  const teamOf = new Int32Array(problem.strengths.length);
  const load = new Array<number>(k).fill(0);
  let pick = 0;
  for (const i of byStrength(problem)) {
    for (;;) {
      const round = Math.floor(pick / k);
      const pos = pick % k;
      const t = round % 2 === 0 ? pos : k - 1 - pos;
      pick += 1;
      if (load[t] < problem.sizes[t]) {
        teamOf[i] = t;
        load[t] = load[t] + 1;
        break;
      }
    }
  }
  return result(req, problem, teamOf);
}

/**
 * Greedy: strongest first, each to the team with the lowest plain rating sum that still has room
 * (plain sums, as a person would add them up; on centred strengths greedy degenerates).
 */
export function greedySplit(req: BalanceRequest, baseline = 1500): BaselineSplit {
  const problem = unconstrained(req, baseline);
  const k = problem.sizes.length;
  const teamOf = new Int32Array(problem.strengths.length);
  const load = new Array<number>(k).fill(0);
  const sum = new Array<number>(k).fill(0);
  for (const i of byStrength(problem)) {
    let best = -1;
    for (let t = 0; t < k; t += 1) {
      if (load[t] >= problem.sizes[t]) continue;
      const plain = (x: number): number => sum[x] + baseline * load[x];
      if (best === -1 || plain(t) < plain(best)) best = t;
    }
    teamOf[i] = best;
    load[best] = load[best] + 1;
    sum[best] = sum[best] + problem.strengths[i];
  }
  return result(req, problem, teamOf);
}

function unconstrained(req: BalanceRequest, baseline: number): Problem {
  if ((req.parties?.length ?? 0) > 0 || (req.apart?.length ?? 0) > 0 || Object.keys(req.locks ?? {}).length > 0) {
    throw new DomainError("INVALID_TEAMS", "baseline splits do not support parties, apart pairs or locks");
  }
  return buildProblem(req, baseline);
}

function byStrength(problem: Problem): number[] {
  return problem.strengths.map((_, i) => i).sort((a, b) => problem.strengths[b] - problem.strengths[a] || a - b);
}

function result(req: BalanceRequest, problem: Problem, teamOf: Int32Array): BaselineSplit {
  const k = problem.sizes.length;
  const teams: string[][] = Array.from({ length: k }, () => []);
  const sums = new Array<number>(k).fill(0);
  req.players.forEach((p, i) => {
    const t = teamOf[i];
    teams[t].push(p.id);
    sums[t] = sums[t] + problem.strengths[i];
  });
  return { teams, gap: Math.max(...sums) - Math.min(...sums) };
}
