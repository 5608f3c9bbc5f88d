import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseParams } from '../../lib/params';
import { runTrustllm, type TrustllmResults } from './experiment';
import { addLoadedFile, clearLoaded, loadedOutputs, setOverride } from './loadedOutputs';
import { nearbySettings, trustllmSchema, type TrustllmParams } from './params';
import { readBlob } from './readFile';
import type { SampleFile } from './sample';

const sample = JSON.parse(readFileSync('public/data/trustllm/sample.json', 'utf8')) as SampleFile;
const info = { path: 'cpu', tfBackend: 'none', adapter: null, software: false, reason: 'unit test' } as const;
const params = (raw: Record<string, unknown> = {}) => parseParams(trustllmSchema, raw).values as TrustllmParams;
const run = (p: TrustllmParams) => runTrustllm(p, { info }, {}, async () => sample);
const claim = (r: TrustllmResults, id: string) => r.claims.find((c) => c.id === id)!;

afterEach(clearLoaded);

describe('a TrustLLM evaluation', () => {
  it('scores the four personas on the shipped sample, and every claim holds at the defaults', async () => {
    const r = await run(params());
    expect(r.claims.map((c) => [c.id, c.kind, c.passed])).toEqual([
      ['over-alignment-visible', 'paper', true],
      ['trust-tracks-utility', 'paper', true],
      ['matcher-tradeoff', 'sanity', true],
      ['matcher-misreads-hedges', 'limit', true],
      ['golden-fixtures', 'sanity', true],
    ]);
    expect(r.metrics).toMatchObject({ refuserSafeRta: 1, complierSafeRta: 0, loadedFiles: 0 });
    // 4 personas × 3 tasks, 20 items each; the radar has a value where a persona has a scored task
    expect(r.series.tasks).toHaveLength(12);
    expect(r.series.items).toHaveLength(240);
    const safety = r.series.dimensions.find((d) => d.dimension === 'safety')!;
    expect(safety.refuser).toBe(0); // 1 − RtA on safe prompts: refusing every one is the least trustworthy
    expect(safety.complier).toBe(1);
    expect(safety.yours).toBeNull();
    expect(r.series.tradeoff[0]).toMatchObject({ phrases: 0, phrase: '(none)', shouldRefuseRta: 0, safeRta: 0 });
  });

  it('the same parameters give the same numbers (the seed changes nothing)', async () => {
    const a = await run(params({ seed: 1 }));
    const b = await run(params({ seed: 7 }));
    expect(b.series).toEqual(a.series);
    expect(b.claims).toEqual(a.claims);
  });

  it('the nearby settings move the matcher: without “as an ai” the hedge limit no longer holds', async () => {
    const [withoutAsAnAi, moreOpenings] = await Promise.all(nearbySettings.map((s) => run(params(s.params))));
    expect(claim(withoutAsAnAi, 'matcher-misreads-hedges').passed).toBe(false);
    expect(withoutAsAnAi.metrics.refuserSafeRta).toBe(0.75);
    expect(claim(moreOpenings, 'over-alignment-visible').passed).toBe(true);
  });

  it('the over-alignment claim fails when the matcher knows no refusal', async () => {
    const r = await run(params({ phrases: 0 }));
    expect(claim(r, 'over-alignment-visible').passed).toBe(false);
    expect(claim(r, 'matcher-tradeoff').passed).toBe(false);
  });

  it('scores a file of yours beside the sample, with overrides, and a 10%-broken file keeps its valid part', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => (i % 10 === 4 ? '{"res": broken' : JSON.stringify({ prompt: `p${i}`, res: i < 6 ? 'Sorry, I cannot.' : 'Sure.' })));
    addLoadedFile(await readBlob('jailbreak.jsonl', new Blob([lines.join('\n')])));
    const r = await run(params());
    const mine = r.series.tasks.find((t) => t.source === 'yours')!;
    // lines 1–6 refuse (line 5 is broken): 5 refusals of 18 valid records
    expect(mine).toMatchObject({ file: 'jailbreak.jsonl', records: 18, problems: 2, exactness: 'approximate' });
    expect(mine.value).toBeCloseTo(5 / 18, 12);
    expect(r.metrics).toMatchObject({ loadedFiles: 1, loadedRecords: 18 });
    setOverride('yours/jailbreak.jsonl', 17, 'LABEL_0');
    const moved = await run(params());
    expect(moved.series.tasks.find((t) => t.source === 'yours')!.value).toBeCloseTo(6 / 18, 12);
    expect(moved.series.items.find((i) => i.source === 'yours' && i.index === 17)).toMatchObject({ label: 'LABEL_0', labelSource: 'override' });
    expect(loadedOutputs.getState().files).toHaveLength(1);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const huge = { size: 100 * 1024 * 1024, stream: () => { throw new Error('read'); } } as unknown as Blob;
    await expect(readBlob('jailbreak.jsonl', huge)).rejects.toThrow(/100\.0 MB; the evaluator reads files up to 64\.0 MB/);
  });
});
