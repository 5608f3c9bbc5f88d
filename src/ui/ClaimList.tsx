import type { Claim, ClaimKind } from '../lib/results';
import { CLAIM_KINDS } from '../lib/results';

// a file written before NaN survived JSON (src/lib/precomputed.ts) holds null there: shown as a dash
const fmt = (v: number | null): string => (typeof v !== 'number' ? '—' : Number.isInteger(v) ? String(v) : Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toFixed(4));

/** docs/DESIGN.md §8: only the paper rows are "the paper's claim". */
const GROUPS: Record<ClaimKind, { title: string; note: string }> = {
  paper: { title: 'The paper’s claims', note: 'the paper’s method against its baseline, measured on this run' },
  limit: { title: 'Limits, shown on purpose', note: 'where the method is expected to lose or tie' },
  sanity: { title: 'Implementation checks', note: 'identities, formulas and simulators that say the code is right' },
};

/** The claims measured on this run, grouped by kind, each with its number and threshold. */
export function ClaimList({ claims }: { claims: readonly Claim[] }) {
  return (
    <section className="claims" aria-label="Claim checks" data-testid="claims">
      {CLAIM_KINDS.map((kind) => {
        const rows = claims.filter((c) => c.kind === kind);
        if (rows.length === 0) return null;
        return (
          <div key={kind} className={`claim-group claim-group-${kind}`} data-testid={`claims-${kind}`}>
            <h3>
              {GROUPS[kind].title} <small>({GROUPS[kind].note})</small>
            </h3>
            <ul>
              {rows.map((c) => (
                <li key={c.id} className={c.passed ? 'pass' : 'fail'} data-testid={`claim-${c.id}`} data-passed={c.passed} data-kind={c.kind}>
                  <span className="badge">{c.passed ? 'PASS' : 'FAIL'}</span> {c.statement}{' '}
                  <span className="claim-value">
                    (measured {fmt(c.value)}, threshold {fmt(c.threshold)}
                    {c.spread ? `; ${fmt(c.spread.estimate)} [${fmt(c.spread.low)}, ${fmt(c.spread.high)}], ${c.spread.method}` : ''})
                  </span>
                  {c.note ? <p className="claim-note">{c.note}</p> : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
