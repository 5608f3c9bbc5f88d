import { demos } from '../demos/registry';

/** The home page: all ten methods, their paper and claim, and whether the demo is ready. */
export function Gallery() {
  return (
    <main className="page gallery">
      <header>
        <h1>WebGPU ML Playground</h1>
        <p>
          Ten recent machine-learning research methods, each run live in your browser next to the paper’s baseline, with its central claim
          checked on every run. Nothing to install; your GPU through WebGPU where available, the CPU otherwise.
        </p>
      </header>
      <ul className="cards" aria-label="Methods">
        {demos.map((d) => (
          <li key={d.slug} className={`card method ${d.status}`} data-testid={`method-${d.slug}`} data-status={d.status}>
            <h2>{d.status === 'ready' ? <a href={`#/${d.slug}`}>{d.title}</a> : d.title}</h2>
            <p className="paper">
              {d.paper.authors} · {d.paper.venue}
            </p>
            <p>{d.claim}</p>
            <p className="status">{d.status === 'ready' ? <a href={`#/${d.slug}`}>Open the demo →</a> : <span className="badge">In preparation</span>}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
