// The raw data in data/ is what data/PROVENANCE.md says it is: every file listed with its checksum,
// and no file unlisted (a clone must hold everything the scripts and tests read).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath, GLOBINS_FILE, KJV_FILE, PDB_DSSP_FILE } from './dataFiles';

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

describe('data/', () => {
  const provenance = readFileSync(dataPath('PROVENANCE.md'), 'utf8');
  const listed = new Map([...provenance.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => [m[2], m[1]]));

  it('holds exactly the files PROVENANCE.md lists, with their checksums', () => {
    const present = filesUnder(dataPath('')).filter((f) => f !== 'PROVENANCE.md').sort();
    expect(present).toEqual([...listed.keys()].sort());
    for (const [file, sha] of listed) expect(createHash('sha256').update(readFileSync(dataPath(file))).digest('hex'), file).toBe(sha);
  });

  it('holds the corpus and the protein sets the scripts name', () => {
    for (const file of [KJV_FILE, GLOBINS_FILE, PDB_DSSP_FILE]) expect(listed.has(file), file).toBe(true);
  });
});
