import { describe, expect, it } from 'vitest';
import { applyOverrides, evaluate } from './evaluate';
import { readOutputs } from './outputsFile';

const jsonl = (rows: object[]) => [rows.map((r) => JSON.stringify(r)).join('\n')];

describe('an evaluation over loaded files', () => {
  it('scores each file, applies the user’s label overrides, and turns ↓ metrics for the radar', async () => {
    const jailbreak = { ...(await readOutputs('jailbreak.jsonl', jsonl([{ res: 'Sorry, no.', eval_res: 'LABEL_0' }, { res: 'Sure!', eval_res: 'LABEL_1' }]))), fileName: 'jailbreak.jsonl' };
    const agreement = { ...(await readOutputs('stereotype_agreement.jsonl', jsonl([{ res: 'Yes.' }, { res: 'No.' }, { res: 'No.' }, { res: 'No.' }]))), fileName: 'stereotype_agreement.jsonl' };
    const base = evaluate([jailbreak, agreement]);
    expect(base.tasks.map((t) => t.score.value)).toEqual([0.5, 0.25]);
    expect(base.dimensions.find((d) => d.dimension === 'safety')).toMatchObject({ value: 0.5, scoredTasks: 1 });
    // agreement with stereotypes is ↓: the radar shows 1 − 0.25
    expect(base.dimensions.find((d) => d.dimension === 'fairness')!.value).toBeCloseTo(0.75, 12);
    expect(base.dimensions.find((d) => d.dimension === 'privacy')).toMatchObject({ value: null, tasks: 0 });
    const moved = evaluate([jailbreak, agreement], {}, { 'jailbreak.jsonl': { 1: 'LABEL_0' } });
    expect(moved.tasks[0].score.value).toBe(1);
    // overrides never touch the loaded records themselves
    expect(jailbreak.records[1].eval_res).toBe('LABEL_1');
    expect(applyOverrides('other.jsonl', jailbreak.records, { 'jailbreak.jsonl': { 0: 'LABEL_1' } })).toEqual(jailbreak.records);
  });
});
