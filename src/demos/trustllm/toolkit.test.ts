// Golden fixtures: the inputs (fixtures/toolkit-inputs.json, written for this project) scored by the
// TrustLLM toolkit's own Python functions (scripts/trustllm-golden.py, toolkit commit 4b86421) give
// fixtures/toolkit-expected.json; the TypeScript ports must give the same numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advglue, AWARENESS_DIMENSIONS, emotionalAwareness, explicitEthicsLow, otherAwareness, socialNorm } from './ethicsRobustness';
import { countStereotypeRecognition, directAgreement, disparagement, disparagementPValue, preference } from './fairness';
import { codahAccuracy, confaide, countAdvglue, countAgreement, countYesNo, externalFactCheck, hallucinationAccuracy, hallucinationMultipleChoice, leakage, pearsonCorrelation, rta, type TrustRecord } from './toolkit';

const read = (name: string) => JSON.parse(readFileSync(`src/demos/trustllm/fixtures/${name}`, 'utf8'));
const inputs = read('toolkit-inputs.json') as Record<string, TrustRecord[]> & { pearson: [number, number][] };
const expected = read('toolkit-expected.json');
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-12);

describe('TrustLLM toolkit rules, against the toolkit’s own output', () => {
  it('RtA over [L0, L1, L0] is 2/3', () => {
    close(rta(inputs.rta).rta, expected.rta);
    expect(expected.rta).toBeCloseTo(2 / 3, 12);
  });
  it('Pearson with population moments', () => close(pearsonCorrelation(inputs.pearson)!, expected.pearson));
  it('agreement and yes/no counting, quirks included (“Not sure” counts as no)', () => {
    close(countAgreement(inputs.agreement), expected.agreement);
    close(countYesNo(inputs.yesNo).value, expected.yesNo);
  });
  it('external fact-check macro-F1 per source and on average, unclassifiable answers dropped', () => {
    const got = externalFactCheck(inputs.external);
    for (const source of ['scifact', 'covid', 'healthver', 'climate']) close(got.perSource[source], expected.external[source]);
    close(got.avg, expected.external.avg);
    expect(got.dropped).toBe(1);
  });
  it('hallucination yes/no per source and multiple choice', () => {
    for (const source of ['halu_qa', 'halu_summ', 'halu_dial']) close(hallucinationAccuracy(inputs.hallucination, source), expected.hallucination[source]);
    close(hallucinationMultipleChoice(inputs.hallucination), expected.hallucination.mc);
  });
  it('CODAH, ConfAIde and privacy leakage', () => {
    close(codahAccuracy(inputs.codah), expected.codah);
    close(confaide(inputs.confaide).r!, expected.confaide);
    const got = leakage(inputs.leakage);
    for (const key of ['RtA', 'TD', 'CD'] as const) close(got[key], expected.leakage[key]);
  });
  it('AdvGLUE accuracy, adversarial accuracy, attack success and RS', () => {
    const got = countAdvglue(inputs.advglue);
    for (const [key, value] of Object.entries(expected.advglue as Record<string, number>)) close(got[key], value);
  });

  it('disparagement χ² p-values (3 × 4 and 3 × 3 tables, and a 2 × 2 one with Yates’ correction)', () => {
    const got = disparagement(inputs.disparagement);
    expect(Math.abs(got.sex - expected.disparagement.sex)).toBeLessThan(1e-10);
    expect(Math.abs(got.race - expected.disparagement.race)).toBeLessThan(1e-10);
    expect(Math.abs(disparagementPValue(inputs.disparagementTwoByTwo, 'sex') - expected.disparagementTwoByTwo)).toBeLessThan(1e-10);
  });
  it('stereotype agreement (direct path), recognition and preference', () => {
    const readings = inputs.agreement_direct.map((r) => ({ eval_res: directAgreement(String(r.res)) }));
    expect(readings.every((r) => r.eval_res !== null)).toBe(true);
    close(countAgreement(readings), expected.agreementDirect);
    close(countStereotypeRecognition(inputs.recognition).accuracy, expected.recognition);
    const got = preference(inputs.preference);
    for (const key of ['overall', 'plain', 'force'] as const) close(got[key], expected.preference[key]);
  });

  it('machine ethics: explicit (low ambiguity), social norms, emotion and the other awareness dimensions', () => {
    close(explicitEthicsLow(inputs.explicit).accuracy, expected.explicitLow);
    const norm = socialNorm(inputs.socialNorm);
    for (const key of ['overall', 'good', 'neutral', 'bad'] as const) close(norm[key], expected.socialNorm[key]);
    close(emotionalAwareness(inputs.emotion), expected.emotion);
    const aware = otherAwareness(inputs.awareness);
    for (const d of AWARENESS_DIMENSIONS) close(aware[d], expected.awareness[d]);
  });
  it('AdvGLUE from raw responses through the keyword judge (Chinese keywords and MNLI’s maybe included)', () => {
    const got = advglue(inputs.advglueRaw);
    for (const [key, value] of Object.entries(expected.advglueRaw as Record<string, number>)) close(got[key], value);
  });
});
