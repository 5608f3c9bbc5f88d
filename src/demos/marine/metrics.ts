// The hallucination metrics, reimplemented from their definitions (docs/research/alignment.md §4a;
// no code or word list copied: the MARINE repository has no licence). CHAIR reads caption *text*:
// lower-cased words, two-word objects merged first ("traffic light"; "hot dog" is food, not a dog),
// plurals and synonyms mapped to a class through our own small table. Then
//   CHAIR_s = captions with ≥ 1 hallucinated object / captions with at least one word,
//   CHAIR_i = hallucinated object mentions / object mentions, repetitions counted each time,
//   recall  = Σ |mentioned ∩ present| / Σ |present|.
// POPE: accuracy, precision, recall, F1 and the yes-ratio of yes/no probes.

import { SHAPES } from './shapesWorld';
import { OBJECTS } from './world';

/** How caption text maps to classes: class names, other words for them, phrases that are not them. */
export interface Vocabulary {
  names: readonly string[];
  /** Words (and two-word phrases) that name a class, besides the class names themselves. */
  synonyms: Readonly<Record<string, string>>;
  /** Two-word phrases that contain a class word but are not that object (CHAIR's "toilet seat is not a chair"). */
  notObjects: ReadonlySet<string>;
}

/** The analytic tier's 24 objects. */
export const OBJECT_VOCABULARY: Vocabulary = {
  names: OBJECTS,
  synonyms: {
    forks: 'fork', knives: 'knife', plates: 'plate', dish: 'plate', cups: 'cup', mug: 'cup', mugs: 'cup', bowls: 'bowl', spoons: 'spoon',
    cars: 'car', automobile: 'car', buses: 'bus', 'traffic lights': 'traffic light', bicycles: 'bicycle', bike: 'bicycle', bikes: 'bicycle', 'stop signs': 'stop sign', trucks: 'truck',
    sofas: 'sofa', couch: 'sofa', couches: 'sofa', television: 'tv', televisions: 'tv', tvs: 'tv', lamps: 'lamp', remotes: 'remote', 'remote control': 'remote', books: 'book', clocks: 'clock',
    dogs: 'dog', puppy: 'dog', benches: 'bench', frisbees: 'frisbee', trees: 'tree', kites: 'kite', balls: 'ball',
  },
  notObjects: new Set(['hot dog', 'hot dogs', 'light bulb', 'sign language']),
};

/** The trained tier's 10 shapes. */
export const SHAPE_VOCABULARY: Vocabulary = {
  names: SHAPES,
  synonyms: { discs: 'disc', circle: 'disc', pluses: 'plus', rings: 'ring', crosses: 'cross', squares: 'square', bars: 'bar', frames: 'frame', triangles: 'triangle', dashes: 'dash', diamonds: 'diamond' },
  notObjects: new Set(),
};

const classTables = new WeakMap<Vocabulary, Map<string, number>>();
function classOf(vocabulary: Vocabulary): Map<string, number> {
  let table = classTables.get(vocabulary);
  if (!table) {
    table = new Map<string, number>([...vocabulary.names.map((name, i) => [name, i] as const), ...Object.entries(vocabulary.synonyms).map(([word, name]) => [word, vocabulary.names.indexOf(name)] as const)]);
    classTables.set(vocabulary, table);
  }
  return table;
}

/** The classes a text mentions, in order, each mention counted. */
export function objectMentions(text: string, vocabulary: Vocabulary = OBJECT_VOCABULARY): number[] {
  const table = classOf(vocabulary);
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const mentions: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
    if (vocabulary.notObjects.has(pair)) {
      i++;
      continue;
    }
    const pairClass = table.get(pair);
    if (pairClass !== undefined) {
      mentions.push(pairClass);
      i++;
      continue;
    }
    const wordClass = table.get(words[i]);
    if (wordClass !== undefined) mentions.push(wordClass);
  }
  return mentions;
}

const article = (name: string) => (/^[aeiou]/.test(name) ? 'an' : 'a');

/** A caption's text from its object tokens: "A picture of a fork, a knife and a cup." (empty: no words). */
export function captionText(objects: readonly number[], names: readonly string[] = OBJECTS): string {
  if (objects.length === 0) return '';
  const items = objects.map((o) => `${article(names[o])} ${names[o]}`);
  const list = items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `A picture of ${list}.`;
}

export interface CaptionRecord {
  text: string;
  /** The classes present in the image. */
  truth: readonly number[];
}

export interface ChairScores {
  chairS: number;
  chairI: number;
  recall: number;
  /** Object mentions per counted caption. */
  meanMentions: number;
  captions: number;
  hallucinatedCaptions: number;
  mentions: number;
  hallucinatedMentions: number;
  /** Share of captions with no words (left out of CHAIR_s and CHAIR_i, counted in recall). */
  emptyShare: number;
}

export function chair(records: readonly CaptionRecord[], vocabulary: Vocabulary = OBJECT_VOCABULARY): ChairScores {
  let captions = 0;
  let hallucinatedCaptions = 0;
  let mentions = 0;
  let hallucinatedMentions = 0;
  let found = 0;
  let present = 0;
  for (const { text, truth } of records) {
    present += truth.length;
    if (!/[a-z]/i.test(text)) continue;
    captions++;
    const said = objectMentions(text, vocabulary);
    const wrong = said.filter((o) => !truth.includes(o)).length;
    mentions += said.length;
    hallucinatedMentions += wrong;
    if (wrong > 0) hallucinatedCaptions++;
    found += truth.filter((o) => said.includes(o)).length;
  }
  return {
    chairS: captions > 0 ? hallucinatedCaptions / captions : 0,
    chairI: mentions > 0 ? hallucinatedMentions / mentions : 0,
    recall: present > 0 ? found / present : 0,
    meanMentions: captions > 0 ? mentions / captions : 0,
    captions,
    hallucinatedCaptions,
    mentions,
    hallucinatedMentions,
    emptyShare: records.length > 0 ? 1 - captions / records.length : 0,
  };
}

export interface ProbeRecord {
  /** The object is in the image. */
  truth: boolean;
  answeredYes: boolean;
}

export interface PopeScores {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  yesRatio: number;
}

export function pope(records: readonly ProbeRecord[]): PopeScores {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const { truth, answeredYes } of records) {
    if (answeredYes) truth ? tp++ : fp++;
    else truth ? fn++ : tn++;
  }
  const n = tp + fp + tn + fn;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { accuracy: (tp + tn) / n, precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, yesRatio: (tp + fp) / n };
}
