// One protein sequence as coloured residues: each letter tinted by its chemical class, masked
// positions ('_') grey dots, and an optional thin track under each residue (its secondary structure,
// or the motif) that stays aligned when the line wraps, because letter and track are one column.

import type { CSSProperties } from 'react';
import { RESIDUE_CLASS } from '../../models/protein/aminoAcids';
import { OKABE_ITO, tint } from '../../ui/palette';

type ResidueClass = (typeof RESIDUE_CLASS)[string];

export const CLASS_COLOURS: Record<ResidueClass, string> = {
  hydrophobic: tint(OKABE_ITO.yellow, 0.45),
  aromatic: tint(OKABE_ITO.orange, 0.5),
  positive: tint(OKABE_ITO.skyBlue, 0.5),
  negative: tint(OKABE_ITO.vermillion, 0.6),
  polar: tint(OKABE_ITO.bluishGreen, 0.6),
  special: tint(OKABE_ITO.reddishPurple, 0.55),
};

const CLASS_LABELS: Record<ResidueClass, string> = {
  hydrophobic: 'hydrophobic (A V L I M)',
  aromatic: 'aromatic (F W Y)',
  positive: 'positive (K R H)',
  negative: 'negative (D E)',
  polar: 'polar (S T N Q)',
  special: 'special (G P C)',
};

export const SS_COLOURS: Record<string, string> = { H: OKABE_ITO.reddishPurple, E: OKABE_ITO.blue, C: '#bdbdbd' };
const SS_LABELS: Record<string, string> = { H: 'helix (H)', E: 'strand (E)', C: 'coil (C)' };
const SS_WORDS: Record<string, string> = { H: 'helix', E: 'strand', C: 'coil' };
export const MOTIF_COLOUR = '#222';

const column: CSSProperties = { display: 'inline-flex', flexDirection: 'column', alignItems: 'stretch', padding: 0 };
const letterBox: CSSProperties = { padding: '0 1px' };
const trackBar: CSSProperties = { height: 4, marginTop: 1 };

interface Props {
  sequence: string;
  /** The same sequence one frame earlier: residues that were masked there are outlined (just decoded). */
  previous?: string;
  /** One H/E/C letter per residue: drawn as the track. */
  ss?: string;
  /** Per residue: part of the motif (bold, dark track). */
  motif?: readonly boolean[];
  testId?: string;
  /** Read by screen readers instead of the letters (defaults to the sequence, masks as "·"). */
  label?: string;
}

export function ResidueSequence({ sequence, previous, ss, motif, testId, label }: Props) {
  const withTrack = (ss !== undefined && ss.length > 0) || motif !== undefined;
  const spoken = label ?? `${sequence.replace(/_/g, '·')}${ss ? `; secondary structure ${ss}` : ''}`;
  return (
    <p className="sequence" data-testid={testId} aria-label={spoken} role="img">
      {Array.from(sequence, (ch, i) => {
        const masked = ch === '_';
        const cls = RESIDUE_CLASS[ch];
        const fresh = previous !== undefined && previous[i] === '_' && !masked;
        const inMotif = motif?.[i] === true;
        const track = ss?.[i] ? SS_COLOURS[ss[i]] : inMotif ? MOTIF_COLOUR : 'transparent';
        const title = masked ? `${i + 1}: masked` : `${i + 1}: ${ch}${cls ? `, ${cls}` : ''}${ss?.[i] ? `, ${SS_WORDS[ss[i]] ?? ss[i]}` : ''}${inMotif ? ', motif' : ''}`;
        return (
          <span key={i} className={masked ? 'tok masked' : 'tok'} style={withTrack ? column : undefined} title={title} aria-hidden="true">
            <span
              style={{
                ...letterBox,
                background: masked ? undefined : cls ? CLASS_COLOURS[cls] : undefined,
                fontWeight: inMotif ? 700 : undefined,
                outline: fresh ? '2px solid #333' : undefined,
                outlineOffset: fresh ? -2 : undefined,
              }}
            >
              {masked ? '·' : ch}
            </span>
            {withTrack && <span style={{ ...trackBar, background: track }} />}
          </span>
        );
      })}
    </p>
  );
}

const swatch = (colour: string, height = '0.9em'): CSSProperties => ({ display: 'inline-block', width: '0.9em', height, background: colour, verticalAlign: 'middle', marginRight: '0.25em', border: '1px solid #ccc' });

/** The colour key: residue classes, the mask, and (optionally) the SS or motif track. */
export function ResidueLegend({ track }: { track?: 'ss' | 'motif' }) {
  return (
    <p className="caption" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.2rem 0.9rem', fontSize: '0.85em' }}>
      {(Object.keys(CLASS_COLOURS) as ResidueClass[]).map((c) => (
        <span key={c}>
          <span style={swatch(CLASS_COLOURS[c])} />
          {CLASS_LABELS[c]}
        </span>
      ))}
      <span>
        <span style={{ ...swatch('#eee'), textAlign: 'center', lineHeight: '0.9em' }}>·</span>masked
      </span>
      {track === 'ss' &&
        Object.keys(SS_COLOURS).map((s) => (
          <span key={s}>
            <span style={swatch(SS_COLOURS[s], '0.3em')} />
            {SS_LABELS[s]}
          </span>
        ))}
      {track === 'motif' && (
        <span>
          <span style={swatch(MOTIF_COLOUR, '0.3em')} />
          <strong>motif</strong> residue (kept fixed)
        </span>
      )}
    </p>
  );
}
