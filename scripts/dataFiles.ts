// Where the raw data of the repo lives (data/, see data/PROVENANCE.md), independent of the working
// directory a script or test is started from.
import { fileURLToPath } from 'node:url';

/** An absolute path under the repo's data/ folder. */
export function dataPath(relative: string): string {
  return fileURLToPath(new URL(`../data/${relative}`, import.meta.url));
}

export const KJV_FILE = 'text/kjv_verses.txt';
export const GLOBINS_FILE = 'proteins/globins630.fasta';
export const PDB_DSSP_FILE = 'proteins/pdb_chains_dssp.jsonl';
