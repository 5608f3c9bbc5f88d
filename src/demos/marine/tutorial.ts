import type { TutorialStep } from '../../lib/demo';
import type { MarineParams } from './params';
import type { MarineResults } from './experiment';

const claim = (r: MarineResults, id: string) => r.claims.find((c) => c.id === id);
const sweepAt = (r: MarineResults, gamma: number) => r.series.gammaSweep.find((row) => row.gamma === gamma);

/** The last steps change the detector at a smaller size, so that they run in seconds; the others are the default run, which the page has precomputed. */
const SMALL: Partial<MarineParams> = { replicates: 4, scenes: 250, detectorMap: 'off', trained: 'off' };

export const tutorial: TutorialStep<MarineParams, MarineResults>[] = [
  {
    title: 'A captioner that sees what it expects',
    focus: 'chart-marine-examples',
    params: {},
    body:
      'Each scene holds one to four objects, mostly from one theme: forks come with knives and plates, buses with traffic lights. The captioner’s next-object logits add the image’s weak, noisy evidence for each object to a language prior counted from other scenes’ captions, and a STOP token that grows more likely with every mention. ' +
      'Look at the example captions at γ = 0: the marked objects are not in the image. They are what the prior expects next to what the model did see.',
    expect: {
      label: 'The vanilla captioner hallucinates in between 30% and 70% of its captions (CHAIR_s).',
      check: (r) => r.metrics.vanillaChairS > 0.3 && r.metrics.vanillaChairS < 0.7,
    },
  },
  {
    title: 'Guidance toward what a detector found',
    focus: 'claims',
    params: {},
    body:
      'MARINE runs the model twice per token: once with the plain prompt, once with “This image contains <the detector’s objects>” in it. It mixes the two log-probability vectors as γ·(guided − unguided) + unguided and re-normalises, then samples as usual (temperature 0.6, top-p 0.9). No weights change. ' +
      'The claim row compares, replicate by replicate, the hallucinated share of mentions (CHAIR_i) at γ = 0.7 with the vanilla model’s on the same scenes and sampling coins.',
    expect: {
      label: 'At γ = 0.7 CHAIR_i is at most 0.7 × the vanilla model’s over replicates, and recall is not lower.',
      check: (r) => claim(r, 'chair-cut')?.passed === true,
    },
  },
  {
    title: 'How far to lean: the γ sweep',
    focus: 'chart-marine-gamma-sweep',
    params: {},
    body:
      'γ = 0 is the vanilla model, γ = 1 the grounded prompt alone, and above 1 the mix extrapolates past it, as classifier-free guidance does. In the sweep chart CHAIR_s and CHAIR_i fall as γ grows while recall rises: the object list both suppresses what the detector did not see and brings up what it did.',
    expect: {
      label: 'CHAIR_i falls from γ = 0 to 0.5 to 1, and recall is higher at γ = 1 than at 0.',
      check: (r) => {
        const [a, b, c] = [sweepAt(r, 0), sweepAt(r, 0.5), sweepAt(r, 1)];
        return a !== undefined && b !== undefined && c !== undefined && b.chairIMean < a.chairIMean && c.chairIMean < b.chairIMean && c.recallMean > a.recallMean;
      },
    },
  },
  {
    title: 'Yes/no probes: a model that says yes too often',
    focus: 'chart-marine-pope',
    params: {},
    body:
      'POPE asks “Is there a <object> in the image?” about present and absent objects in equal numbers. The vanilla model leans to yes, and on the adversarial split (absent objects that usually come with the present ones) it says yes far more than half the time. Guidance, with a prompt that says the image contains only the listed objects, pulls the yes-ratio back toward 50% and raises accuracy.',
    expect: {
      label: 'Guidance moves the yes-ratio closer to 50% and raises accuracy.',
      check: (r) => Math.abs(r.metrics.guidedYesRatio - 0.5) < Math.abs(r.metrics.vanillaYesRatio - 0.5) && r.metrics.guidedPopeAccuracy > r.metrics.vanillaPopeAccuracy,
    },
  },
  {
    title: 'The detector-quality map',
    focus: 'chart-marine-detector-map',
    params: {},
    body:
      'The map reruns the captions at γ = 0.7 with detectors over a grid of recall and false-positive rate. The guided branch believes its list: a missed object only loses the boost, but a false positive is named as present. So the map turns red along the false-positive axis long before it does along recall.',
    expect: {
      label: 'With a perfect-recall detector, 30% false positives leave more hallucinations than none do.',
      check: (r) => {
        const cell = (fp: number) => r.series.detectorMap?.find((row) => row.recall === 1 && row.falsePositiveRate === fp)?.ratio;
        return (cell(0.3) ?? 0) > (cell(0) ?? Infinity);
      },
    },
  },
  {
    title: 'The same mix on a trained network',
    focus: 'chart-marine-trained-sweep',
    params: {},
    body:
      'The trained tier replaces the formula with a network. A small CNN captioner learned from 32×32 images of noisy shapes that come in pairs (a disc with a plus, a ring with a cross, …); trained with a random hint, sometimes empty, it runs both branches: empty hint for the vanilla model, the trained detector’s list for the guided one. ' +
      'This captioner is weak: it names about two in five of the shapes present, and more than half of its mentions are wrong, mostly misreadings of the noisy pixels (it did not pick up the pairs as a habit). The detector, trained only to tell presence, reads the images better (per-shape accuracy near 0.88), and guidance hands its list to the captioner. The claim row reports the same test as the analytic tier’s, over fresh images; the threshold chart shows that a detector listing most shapes (threshold 0.05), or few (DETR’s 0.95, a limit row), helps far less.',
    expect: {
      label: 'The trained tier’s claim is reported over the run’s replicates, and its detector has learned (per-shape accuracy above 0.8).',
      check: (r) => (claim(r, 'chair-cut-trained')?.spread?.replicates ?? 0) >= 5 && claim(r, 'trained-detector-learned')?.passed === true,
    },
  },
  {
    title: 'A noisy detector makes it worse',
    focus: 'chart-marine-gamma-sweep',
    params: { ...SMALL, detectorRecall: 0.5, detectorFalsePositives: 0.3 },
    body:
      'This step runs a smaller problem (4 replicates of 250 scenes) with the noisy detector as the page’s own: it finds half the objects and lists about seven absent ones per image. Now guidance adds hallucinations: the main claim fails, with the numbers, as it should.',
    expect: {
      label: 'With the noisy detector CHAIR_i at γ = 0.7 is above the vanilla model’s, and the main claim fails.',
      check: (r) => r.metrics.guidedChairI > r.metrics.vanillaChairI && claim(r, 'chair-cut')?.passed === false,
    },
  },
  {
    title: 'Two detectors ∩',
    focus: 'chart-marine-gamma-sweep',
    params: { ...SMALL, detectorRecall: 0.9, detectorFalsePositives: 0.2, intersect: 'on' },
    body:
      'The official code gives the model only objects that two detectors (DETR and RAM++) both find. With two independent detectors of recall 0.9 and false-positive rate 0.2 the intersection keeps 81% of the present objects and 4% of the absent ones. Real detectors’ mistakes correlate, so this is the best case; still, the false positives fall much faster than the recall.',
    expect: {
      label: 'With the intersection, guidance at γ = 0.7 cuts CHAIR_i below the vanilla model’s.',
      check: (r) => r.metrics.guidedChairI < r.metrics.vanillaChairI,
    },
  },
];
