import { useEffect, useState } from 'react';
import type { DemoMeta } from '../lib/demo';
import { fetchJson, GALLERY_FORMAT, type GalleryCard, type GalleryFile } from '../lib/precomputed';
import { HeadlineSvg } from './HeadlineSvg';
import { OfflineNote } from './OfflineStatus';

/** The cards' pictures and claim results, from the precomputed default runs (one small file). */
function useGalleryCards(): Map<string, GalleryCard> {
  const [cards, setCards] = useState(new Map<string, GalleryCard>());
  useEffect(() => {
    let live = true;
    fetchJson(`${import.meta.env.BASE_URL}precomputed/gallery.json`)
      .then((json) => {
        const file = json as GalleryFile | null;
        if (live && file?.format === GALLERY_FORMAT) setCards(new Map(file.cards.map((c) => [c.slug, c])));
      })
      .catch((err: unknown) => console.warn(`gallery pictures not shown: ${String(err)}`));
    return () => {
      live = false;
    };
  }, []);
  return cards;
}

function PaperClaims({ card }: { card: GalleryCard }) {
  const passed = card.paperClaims.filter((c) => c.passed).length;
  return (
    <details className="paper-claims" data-testid={`paper-claims-${card.slug}`} data-passed={passed} data-total={card.paperClaims.length}>
      <summary>
        Paper claims: {passed} of {card.paperClaims.length} pass <small>(default run, {card.createdAt.slice(0, 10)})</small>
      </summary>
      <ul>
        {card.paperClaims.map((c) => (
          <li key={c.id} className={c.passed ? 'pass' : 'fail'}>
            <span className="badge">{c.passed ? 'PASS' : 'FAIL'}</span> {c.statement}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The home page: every method, its paper and claim, a picture of its result, and whether the demo is ready. */
export function Gallery({ demos }: { demos: readonly DemoMeta[] }) {
  const cards = useGalleryCards();
  return (
    <main className="page gallery">
      <header>
        <h1>WebGPU ML Playground</h1>
        <p>
          {demos.length} recent machine-learning research methods, each run live in your browser next to the paper’s baseline, with its central claim checked on
          every run. Nothing to install; your GPU through WebGPU where available, the CPU otherwise.
        </p>
        <p>
          <a href="#/report">Reproducibility report</a>: every demo’s claims in one table, rerun on your machine, with a printable handout per demo.
        </p>
        <OfflineNote />
      </header>
      <ul className="cards" aria-label="Methods">
        {demos.map((d) => {
          const card = cards.get(d.slug);
          return (
            <li key={d.slug} className={`card method ${d.status}`} data-testid={`method-${d.slug}`} data-status={d.status}>
              <h2>{d.status === 'ready' ? <a href={`#/${d.slug}`}>{d.title}</a> : d.title}</h2>
              <p className="paper">
                {d.paper.authors} · {d.paper.venue}
              </p>
              {card && <HeadlineSvg card={card} />}
              <p>{d.claim}</p>
              {card && <PaperClaims card={card} />}
              <p className="status">{d.status === 'ready' ? <a href={`#/${d.slug}`}>Open the demo →</a> : <span className="badge">In preparation</span>}</p>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
