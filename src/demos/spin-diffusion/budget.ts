// How much compute a run spends: the full budget where the network trains on a hardware GPU, a
// reduced one on the CPU path (a narrower network, smaller batches, fewer steps and samples), so a
// CPU run takes minutes. The page and every claim say which one ran.

import type { ReplicateOptions } from './replicate';

export type BudgetName = 'full' | 'reduced' | 'quick';

export type Budget = Pick<ReplicateOptions, 'hidden' | 'layers' | 'batch' | 'maxSftSteps' | 'checkEvery' | 'stepsPerIteration' | 'generatedPerPrompt' | 'evalPerPrompt'> & {
  /** SFT steps of the underfit start (the limit regime). */
  underfitSteps: number;
};

export const BUDGETS: Record<BudgetName, Budget> = {
  full: { hidden: 128, layers: 3, batch: 512, maxSftSteps: 12000, checkEvery: 250, stepsPerIteration: 600, generatedPerPrompt: 2000, evalPerPrompt: 2000, underfitSteps: 400 },
  reduced: { hidden: 64, layers: 3, batch: 256, maxSftSteps: 8000, checkEvery: 200, stepsPerIteration: 300, generatedPerPrompt: 1000, evalPerPrompt: 1000, underfitSteps: 400 },
  // a first look in seconds (and the end-to-end tests): far from any plateau the paper presupposes
  quick: { hidden: 32, layers: 2, batch: 128, maxSftSteps: 600, checkEvery: 100, stepsPerIteration: 40, generatedPerPrompt: 200, evalPerPrompt: 300, underfitSteps: 100 },
};

export function budgetLabel(name: BudgetName): string {
  const b = BUDGETS[name];
  const title = { full: 'Full', reduced: 'Reduced (CPU)', quick: 'Quick-look (too small for the claims’ regime)' }[name];
  return `${title} budget: a ${b.layers}×${b.hidden} MLP, batch ${b.batch}, ${b.stepsPerIteration} steps per iteration, ${b.evalPerPrompt} samples per shape scored`;
}
