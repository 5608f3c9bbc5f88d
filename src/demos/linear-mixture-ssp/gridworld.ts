// The zero-cost gridworld (docs/research/theory.md §2a, environment 2): a 4×4 grid, goal in the top
// right corner, four moves. The kernel mixes d base kernels — the intended move, slip left of it,
// slip right of it, stay, jump to a random cell — with weights θ* on the simplex, so
// φ(s'|s,a) = (P_1, …, P_d)(s'|s,a). Every step costs 1 except on the bottom row, a "conveyor"
// that costs 0 (c_min = 0) and carries you right whatever you do, then up the right edge: free, but
// slow. No policy can stay on it for ever (every policy is proper), yet a planner that trusts zero
// costs too much rides it. The goal is absorbing and free.

import type { LinearMixtureSsp } from './ssp';

export const GRID_SIZE = 4;
const MOVES: readonly [number, number][] = [
  [0, 1], // up
  [1, 0], // right
  [0, -1], // down
  [-1, 0], // left
];
/** The true mixture weights for d = 3, 4, 5 base kernels (intended, slip left, slip right, stay, jump). */
export const GRID_TRUTH: Record<number, readonly number[]> = {
  3: [0.7, 0.15, 0.15],
  4: [0.6, 0.1, 0.1, 0.2],
  5: [0.55, 0.1, 0.1, 0.15, 0.1],
};

const cell = (x: number, y: number) => y * GRID_SIZE + x;
const clampMove = (x: number, y: number, [dx, dy]: readonly [number, number]): number => {
  const nx = Math.min(GRID_SIZE - 1, Math.max(0, x + dx));
  const ny = Math.min(GRID_SIZE - 1, Math.max(0, y + dy));
  return cell(nx, ny);
};

export function zeroCostGridworld(d: number): LinearMixtureSsp {
  if (!(d in GRID_TRUTH)) throw new Error(`the gridworld has d = 3, 4 or 5 base kernels (got ${d})`);
  const S = GRID_SIZE * GRID_SIZE;
  const A = MOVES.length;
  const goal = cell(GRID_SIZE - 1, GRID_SIZE - 1);
  const start = cell(0, GRID_SIZE - 1);
  const features = new Float64Array(S * A * S * d);
  const cost = new Float64Array(S * A);
  for (let y = 0; y < GRID_SIZE; y++) {
    for (let x = 0; x < GRID_SIZE; x++) {
      const s = cell(x, y);
      for (let a = 0; a < A; a++) {
        const z = s * A + a;
        const put = (k: number, target: number, p: number) => (features[(z * S + target) * d + k] += p);
        if (s === goal) {
          for (let k = 0; k < d; k++) put(k, goal, 1);
          continue;
        }
        const conveyor = y === 0;
        cost[z] = conveyor ? 0 : 1;
        // on the conveyor the belt decides the direction: right, and up at its end
        const direction = conveyor ? (x === GRID_SIZE - 1 ? 0 : 1) : a;
        put(0, clampMove(x, y, MOVES[direction]), 1);
        put(1, clampMove(x, y, MOVES[(direction + 3) % 4]), 1);
        put(2, clampMove(x, y, MOVES[(direction + 1) % 4]), 1);
        if (d >= 4) put(3, s, 1);
        if (d >= 5) for (let t = 0; t < S; t++) put(4, t, 1 / S);
      }
    }
  }
  return { states: S, actions: A, start, goal, dim: d, cost, features, theta: Float64Array.from(GRID_TRUTH[d]) };
}

/** The same problem with every cost raised by ε (LEVIS's answer to c_min = 0; the goal stays free). */
export function perturbCosts(ssp: LinearMixtureSsp, epsilon: number): LinearMixtureSsp {
  const A = ssp.actions;
  return { ...ssp, cost: Float64Array.from(ssp.cost, (c, z) => (Math.floor(z / A) === ssp.goal ? 0 : Math.min(1, c + epsilon))) };
}
