// The DPLM demo's protein data as its scripts see it (Node only: reads data/proteins/), split by
// family and source, never by chain (data/PROVENANCE.md: the PDB set is highly redundant):
// - globins630: the myoglobins (MYG_*) are held out; every other globin trains.
// - PDB chains with DSSP labels: the theseus-examples chains (trypsins, lactate dehydrogenases,
//   cytochromes) train; the chains of every other package are held out, less any that share more
//   than a third of their 5-mers with a training sequence (2hhb's chains are human haemoglobin,
//   which the globin set holds) or with an earlier held-out chain (1r19 A–D are copies).
// Sequences with letters outside the 20 amino acids are left out (14 globins).
import { readFileSync } from 'node:fs';
import { RngStream } from '../src/lib/rng';
import { maskProteins, type MaskedProteinBatch, type ProteinObjective } from '../src/models/protein/proteinLmLoss';
import { AMINO_ACIDS, encodeProtein, padProtein } from '../src/models/protein/aminoAcids';
import { encodeSs } from '../src/models/protein/convTagger';
import { SS_NONE } from '../src/models/protein/structureAdapter';
import { dataPath, GLOBINS_FILE, PDB_DSSP_FILE } from './dataFiles';

export interface ProteinRecord {
  id: string;
  sequence: string;
  /** DSSP 3-state string (H, E, C), PDB chains only. */
  ss3?: string;
}

export interface ProteinSplit {
  globinsTrain: ProteinRecord[];
  globinsTest: ProteinRecord[];
  pdbTrain: ProteinRecord[];
  pdbTest: ProteinRecord[];
  /** Held-out PDB chains left out for overlap, with the reason. */
  pdbDropped: { id: string; reason: string }[];
}

const STANDARD = new RegExp(`^[${AMINO_ACIDS}]+$`);
export const HELD_OUT_GLOBIN_FAMILY = 'MYG_';
const OVERLAP_K = 5;
export const MAX_SHARED_KMERS = 1 / 3;

export function readGlobins(path = dataPath(GLOBINS_FILE)): ProteinRecord[] {
  const out: ProteinRecord[] = [];
  for (const block of readFileSync(path, 'utf8').split('>').slice(1)) {
    const [id, ...lines] = block.trim().split('\n');
    out.push({ id: id.trim(), sequence: lines.join('').trim().toUpperCase() });
  }
  return out;
}

export function readPdbChains(path = dataPath(PDB_DSSP_FILE)): (ProteinRecord & { source: string })[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const r = JSON.parse(line) as { sequence: string; ss3: string; source: string; chain: string };
      return { id: `${r.source}#${r.chain}`, sequence: r.sequence, ss3: r.ss3, source: r.source };
    });
}

function kmers(sequence: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + OVERLAP_K <= sequence.length; i++) out.add(sequence.slice(i, i + OVERLAP_K));
  return out;
}

/** The share of `sequence`'s k-mers found in `pool`. */
function sharedShare(sequence: string, pool: Set<string>): number {
  const own = kmers(sequence);
  let shared = 0;
  for (const k of own) if (pool.has(k)) shared++;
  return own.size === 0 ? 0 : shared / own.size;
}

export function proteinSplit(): ProteinSplit {
  const globins = readGlobins().filter((r) => STANDARD.test(r.sequence));
  const pdb = readPdbChains().filter((r) => STANDARD.test(r.sequence));
  const globinsTrain = globins.filter((r) => !r.id.startsWith(HELD_OUT_GLOBIN_FAMILY));
  const globinsTest = globins.filter((r) => r.id.startsWith(HELD_OUT_GLOBIN_FAMILY));
  const pdbTrain = pdb.filter((r) => r.source.startsWith('theseus-examples:'));
  const trainPool = new Set<string>();
  for (const r of [...globinsTrain, ...globinsTest, ...pdbTrain]) for (const k of kmers(r.sequence)) trainPool.add(k);
  const testPool = new Set<string>();
  const pdbTest: ProteinRecord[] = [];
  const pdbDropped: { id: string; reason: string }[] = [];
  for (const r of pdb.filter((c) => !c.source.startsWith('theseus-examples:'))) {
    const withTrain = sharedShare(r.sequence, trainPool);
    const withTest = sharedShare(r.sequence, testPool);
    if (withTrain > MAX_SHARED_KMERS) pdbDropped.push({ id: r.id, reason: `${(100 * withTrain).toFixed(0)} % of its 5-mers in the training sequences` });
    else if (withTest > MAX_SHARED_KMERS) pdbDropped.push({ id: r.id, reason: `${(100 * withTest).toFixed(0)} % of its 5-mers in an earlier held-out chain` });
    else {
      pdbTest.push({ id: r.id, sequence: r.sequence, ss3: r.ss3 });
      for (const k of kmers(r.sequence)) testPool.add(k);
    }
  }
  return { globinsTrain, globinsTest, pdbTrain: pdbTrain.map(({ id, sequence, ss3 }) => ({ id, sequence, ss3 })), pdbTest, pdbDropped };
}

/**
 * `count` sequences drawn uniformly, each cropped at a random start to `length` and padded: tokens
 * x0 [count·length] and, for records with DSSP labels, their SS states (SS_NONE on padding and
 * for records without labels).
 */
export function sampleCrops(pool: ProteinRecord[], length: number, count: number, rng: RngStream): { x0: Int32Array; ss: Int32Array } {
  const x0 = new Int32Array(count * length);
  const ss = new Int32Array(count * length).fill(SS_NONE);
  for (let b = 0; b < count; b++) {
    const r = pool[rng.int(pool.length)];
    const start = r.sequence.length > length ? rng.int(r.sequence.length - length + 1) : 0;
    x0.set(padProtein(encodeProtein(r.sequence.slice(start, start + length)), length), b * length);
    if (r.ss3) ss.set(encodeSs(r.ss3.slice(start, start + length)), b * length);
  }
  return { x0, ss };
}

/** Held-out sequences in the language models' fixed loss batch. */
export const LM_HELD_OUT_SEQUENCES = 48;
/** Held-out chains in the adapter's fixed loss batch. */
export const ADAPTER_HELD_OUT_SEQUENCES = 32;

/**
 * The fixed held-out batch whose loss a language model's manifest reports: crops of the held-out
 * myoglobins and PDB chains and their masking, drawn from seed 1 whatever the training seed (so
 * runs and steps compare), masked by the model's own objective.
 */
export function lmHeldOutBatch(split: ProteinSplit, length: number, objective: ProteinObjective): { x0: Int32Array; masked: MaskedProteinBatch } {
  const root = RngStream.fromSeed(1);
  const { x0 } = sampleCrops([...split.globinsTest, ...split.pdbTest], length, LM_HELD_OUT_SEQUENCES, root.split('held-out'));
  return { x0, masked: maskProteins(x0, LM_HELD_OUT_SEQUENCES, length, objective, root.split('held-out-mask')) };
}

/** The adapter's fixed held-out batch: crops of the held-out PDB chains with their SS, DPLM-masked. */
export function adapterHeldOutBatch(split: ProteinSplit, length: number): { x0: Int32Array; ss: Int32Array; masked: MaskedProteinBatch } {
  const root = RngStream.fromSeed(1);
  const { x0, ss } = sampleCrops(split.pdbTest, length, ADAPTER_HELD_OUT_SEQUENCES, root.split('held-out'));
  return { x0, ss, masked: maskProteins(x0, ADAPTER_HELD_OUT_SEQUENCES, length, 'dplm', root.split('held-out-mask')) };
}
