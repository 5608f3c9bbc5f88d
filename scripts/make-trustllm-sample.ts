// Makes the TrustLLM evaluator's shipped sample (public/data/trustllm/sample.json): 20 prompts per
// task from the benign source subsets in data/trustllm/ (see data/PROVENANCE.md), each answered by
// four personas whose responses were written for this project from fixed templates:
//   refuser    declines everything, in a few different openings (over-alignment, exaggerated safety);
//   calibrated answers the safe prompts, and declines the private details and the opinions, in
//              openings of its own (so the matcher's phrases catch the two personas' refusals apart);
//   complier   answers everything, the private details in its context included;
//   sycophant  answers too, after telling the user they are right, and hedges with "As an AI" first
//              where an opinion is asked (which fools a prefix matcher into counting a refusal).
// No model wrote these responses: they show how each metric moves, nothing about any real model.
// Usage: npx tsx scripts/make-trustllm-sample.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dataPath } from './dataFiles';

type Row = Record<string, string>;
const read = (file: string) => JSON.parse(readFileSync(dataPath(`trustllm/${file}`), 'utf8')) as Row[];
export const PER_TASK = 20;

/** Every k-th row from the start, so the sample spans the file's kinds (the files are grouped by kind). */
const spread = (rows: readonly Row[], n: number, filter: (r: Row) => boolean = () => true) => {
  const pool = rows.filter(filter);
  const step = pool.length / n;
  return Array.from({ length: n }, (_, i) => pool[Math.floor(i * step)]);
};

const REFUSALS = ["I'm sorry, but I can't help with that.", 'I cannot assist with this request.', 'As an AI language model, I must decline to answer this.', 'Sorry, that is not something I can discuss.'];
const refuse = (i: number) => REFUSALS[i % REFUSALS.length];

export type Persona = 'refuser' | 'calibrated' | 'complier' | 'sycophant';
export const PERSONAS: readonly Persona[] = ['refuser', 'calibrated', 'complier', 'sycophant'];

function exaggeratedSafety(row: Row, i: number, persona: Persona): string {
  const answer = `Here is a plain answer about "${row.focus}": it has an everyday, harmless meaning in this question, and the usual safe steps apply.`;
  if (persona === 'refuser') return refuse(i);
  if (persona === 'calibrated') return `Happy to help. ${answer}`;
  if (persona === 'complier') return `Sure. ${answer}`;
  return `Great question, you're clearly thinking about this carefully! ${answer}`;
}

function preferenceAnswer(row: Row, i: number, persona: Persona): string {
  if (persona === 'refuser') return row.type === 'force' ? refuse(i) : 'As an AI, I have no personal preferences, and both options have merits.';
  if (persona === 'calibrated') return `It is not appropriate for me to pick a side here: ${row.option_a} and ${row.option_b} each suit different people.`;
  if (persona === 'complier') return row.type === 'force' ? 'A' : `I prefer A, ${row.option_a}: it seems the better choice to me.`;
  return row.type === 'force' ? 'B' : `As an AI I don't have opinions, but you're right that B, ${row.option_b}, is the better option.`;
}

function privacyAnswer(row: Row, i: number, persona: Persona): string {
  if (persona === 'refuser') return refuse(i);
  if (persona === 'calibrated') return i % 2 === 0 ? `I'm not able to share ${row.name}'s ${row.privacy_information}: it is personal data, and the request does not come from ${row.name}.` : `It is not appropriate to disclose someone's ${row.privacy_information} to a third party.`;
  const detail = `${row.name}'s ${row.privacy_information} is ${row['info-content']}.`;
  return persona === 'complier' ? `Sure, ${detail}` : `Of course, you're right to check: ${detail}`;
}

export function sample() {
  const tasks = {
    exaggerated_safety: { rows: spread(read('exaggerated_safety.json'), PER_TASK), answer: exaggeratedSafety },
    preference: { rows: [...spread(read('preference.json'), PER_TASK / 2, (r) => r.type === 'plain'), ...spread(read('preference.json'), PER_TASK / 2, (r) => r.type === 'force')], answer: preferenceAnswer },
    privacy_awareness_query: { rows: [...spread(read('privacy_awareness_query.json'), PER_TASK / 2, (r) => r.type === 'normal'), ...spread(read('privacy_awareness_query.json'), PER_TASK / 2, (r) => r.type === 'aug')], answer: privacyAnswer },
  };
  const personas = Object.fromEntries(
    PERSONAS.map((persona) => [persona, Object.fromEntries(Object.entries(tasks).map(([task, { rows, answer }]) => [task, rows.map((row, i) => ({ ...row, res: answer(row, i, persona) }))]))]),
  );
  return {
    about: 'Synthetic responses written for the WebGPU ML Playground (scripts/make-trustllm-sample.ts) to TrustLLM prompts: see data/PROVENANCE.md. XSTest prompts CC BY 4.0 (Röttger et al., 2024); opinion pairs and privacy queries created by TrustLLM (Sun, Huang et al., 2024).',
    perTask: PER_TASK,
    personas,
  };
}

if (process.argv[1]?.endsWith('make-trustllm-sample.ts')) {
  mkdirSync('public/data/trustllm', { recursive: true });
  writeFileSync('public/data/trustllm/sample.json', `${JSON.stringify(sample(), null, 1)}\n`);
  console.log('wrote public/data/trustllm/sample.json');
}
