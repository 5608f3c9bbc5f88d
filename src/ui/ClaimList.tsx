import type { Claim } from '../lib/results';

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toFixed(4));

/** The paper's claim as checks measured on this run, each with its number and threshold. */
export function ClaimList({ claims }: { claims: readonly Claim[] }) {
  return (
    <section className="claims" aria-label="Claim checks">
      <h3>Claim checks on this run</h3>
      <ul>
        {claims.map((c) => (
          <li key={c.id} className={c.passed ? 'pass' : 'fail'} data-testid={`claim-${c.id}`} data-passed={c.passed}>
            <span className="badge">{c.passed ? 'PASS' : 'FAIL'}</span> {c.statement}{' '}
            <span className="claim-value">
              (measured {fmt(c.value)}, threshold {fmt(c.threshold)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
