// The protein vocabulary of the DPLM demo's models: the 20 standard amino acids, a padding token
// after the end of a sequence, and the mask token (V = 22). No BOS/EOS as in ESM: the models have a
// fixed number of positions and the padding says where a sequence ends. Sequences with other
// letters (X, B, Z, U, O) are left out of the training data (data/PROVENANCE.md).

export const AMINO_ACIDS = 'ACDEFGHIKLMNPQRSTVWY';
export const PAD = AMINO_ACIDS.length; // 20
export const MASK = PAD + 1; // 21
export const PROTEIN_VOCAB = MASK + 1; // 22

/** Residue classes for colouring and for the teaching text (a common 6-way grouping). */
export const RESIDUE_CLASS: Record<string, 'hydrophobic' | 'aromatic' | 'positive' | 'negative' | 'polar' | 'special'> = {
  A: 'hydrophobic', V: 'hydrophobic', L: 'hydrophobic', I: 'hydrophobic', M: 'hydrophobic',
  F: 'aromatic', W: 'aromatic', Y: 'aromatic',
  K: 'positive', R: 'positive', H: 'positive',
  D: 'negative', E: 'negative',
  S: 'polar', T: 'polar', N: 'polar', Q: 'polar',
  G: 'special', P: 'special', C: 'special',
};

export interface BadResidue {
  letter: string;
  /** 1-based position in the typed sequence. */
  position: number;
}

/** Letters that are not one of the 20 amino acids, with their 1-based positions (upper-case input). */
export function badResidues(sequence: string): BadResidue[] {
  const out: BadResidue[] = [];
  for (let i = 0; i < sequence.length; i++) if (!AMINO_ACIDS.includes(sequence[i])) out.push({ letter: sequence[i], position: i + 1 });
  return out;
}

/** A message naming every bad letter and where it is (the first few positions of each), or null. */
export function describeBadResidues(field: string, sequence: string): string | null {
  const bad = badResidues(sequence);
  if (bad.length === 0) return null;
  const byLetter = new Map<string, number[]>();
  for (const { letter, position } of bad) byLetter.set(letter, [...(byLetter.get(letter) ?? []), position]);
  const parts = [...byLetter].map(([letter, positions]) => {
    const shown = positions.slice(0, 5).join(', ') + (positions.length > 5 ? `, … (${positions.length} in all)` : '');
    return `"${letter === ' ' ? 'space' : letter}" at ${shown}`;
  });
  return `${field}: only the 20 amino-acid letters ${AMINO_ACIDS} are allowed; found ${parts.join('; ')}`;
}

export function encodeProtein(sequence: string): Int32Array {
  return Int32Array.from(sequence, (ch) => {
    const i = AMINO_ACIDS.indexOf(ch);
    if (i < 0) throw new Error(`"${ch}" is not one of the 20 amino acids`);
    return i;
  });
}

/** Residues as letters, the mask as `maskSymbol`; padding ends the sequence. */
export function decodeProtein(tokens: ArrayLike<number>, maskSymbol = '_'): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === PAD) break;
    out += t === MASK ? maskSymbol : (AMINO_ACIDS[t] ?? '?');
  }
  return out;
}

/** One sequence in a row of `positions` tokens: residues, then padding. */
export function padProtein(residues: ArrayLike<number>, positions: number): Int32Array {
  if (residues.length > positions) throw new Error(`a sequence of ${residues.length} residues does not fit ${positions} positions`);
  const row = new Int32Array(positions).fill(PAD);
  row.set(Array.from(residues));
  return row;
}
