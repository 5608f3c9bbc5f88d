import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { runClaims, type Setting } from './claimsRun';
import type { ClaimRun } from './claimsTable';

/** A page whose run() answers with the seed it was given, and remembers what it was asked. */
function fakePage(asked: string[]): Page {
  return {
    evaluate: async (_fn: unknown, [slug, params]: [string, { seed: number; n?: number }]) => {
      asked.push(`${params.n ?? 'defaults'}/${params.seed}`);
      return { claims: [{ id: 'c', kind: 'paper', passed: true, value: params.seed, text: slug }] };
    },
  } as unknown as Page;
}

const settings: Setting[] = [
  { label: 'defaults', params: {} },
  { label: 'n = 2', params: { n: 2 } },
];

describe('runClaims', () => {
  it('runs every setting at every seed, in order, over several pages', async () => {
    const asked: string[] = [];
    const runs = await runClaims([fakePage(asked), fakePage(asked)], 'demo', settings, [1, 2]);
    expect(runs.map((r) => `${r.setting}/${r.seed}`)).toEqual(['defaults/1', 'defaults/2', 'n = 2/1', 'n = 2/2']);
    expect(asked.sort()).toEqual(['2/1', '2/2', 'defaults/1', 'defaults/2']);
  });

  it('starts the runs root by root, each root at every setting', async () => {
    const asked: string[] = [];
    await runClaims([fakePage(asked)], 'demo', settings, [1, 2]);
    expect(asked).toEqual(['defaults/1', '2/1', 'defaults/2', '2/2']);
  });

  it('keeps the journalled runs and runs only the rest', async () => {
    const asked: string[] = [];
    const journalled: ClaimRun = { slug: 'demo', setting: 'n = 2', seed: 1, claims: [] };
    const other: ClaimRun = { slug: 'other', setting: 'defaults', seed: 1, claims: [] };
    const heard: string[] = [];
    const runs = await runClaims([fakePage(asked)], 'demo', settings, [1, 2], (r) => heard.push(`${r.setting}/${r.seed}`), [journalled, other]);
    expect(asked).toEqual(['defaults/1', 'defaults/2', '2/2']);
    expect(heard).toEqual(['defaults/1', 'defaults/2', 'n = 2/2']);
    expect(runs[2]).toBe(journalled);
    expect(runs[0].claims[0].value).toBe(1);
  });
});
