// The timing loop every bench suite uses, in the browser and in Node alike.

export const now = (): number => performance.now();

/** Mean ms per call of `step` after two warm-up calls, timed until `budgetMs` is spent (≥ 3 calls). */
export async function timeIt(step: () => Promise<void>, budgetMs: number): Promise<number> {
  await step();
  await step();
  let calls = 0;
  const start = now();
  while (calls < 3 || now() - start < budgetMs) {
    await step();
    calls++;
  }
  return (now() - start) / calls;
}
