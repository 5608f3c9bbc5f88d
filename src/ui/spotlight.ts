// Presenter mode's stage: the element the current tutorial step talks about (a chart card, or a
// section by its heading's id) is shown large beside the step's text. The element may not be drawn
// yet when the step opens (results arrive, charts draw one per task), so it is looked for until found.

import { useEffect } from 'react';

/** The element a step's `focus` names: a `data-testid` (chart cards: chart-<name>), else an id; a heading stands for its section. */
export function focusElement(root: ParentNode, focus: string): HTMLElement | null {
  const byTestId = root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focus)}"]`);
  const element = byTestId ?? (root.querySelector<HTMLElement>(`#${CSS.escape(focus)}`) as HTMLElement | null);
  if (!element) return null;
  return /^H[1-6]$/.test(element.tagName) ? (element.closest<HTMLElement>('section, figure, .card') ?? element) : element;
}

const LOOK_EVERY_MS = 150;
const LOOK_FOR_MS = 20_000;

/** While `focus` is set, marks its element `.spotlight` and the page `.staged` (styles.css lays them out). */
export function useSpotlight(focus: string | null): void {
  useEffect(() => {
    if (focus === null) return;
    const page = document.querySelector('main.page');
    page?.classList.add('staged');
    let marked: HTMLElement | null = null;
    const started = Date.now();
    const look = () => {
      const element = focusElement(document, focus);
      if (element && element !== marked) {
        marked?.classList.remove('spotlight');
        element.classList.add('spotlight');
        element.setAttribute('data-spotlight', focus);
        marked = element;
        // a projector shows the stage as it is; a narrow screen scrolls the element in under the step
        if (!matchMedia('(min-width: 900px)').matches) element.scrollIntoView({ block: 'start' });
      }
    };
    look();
    // re-looked for until the time runs out: a chart redrawn by a finished live run is a new element
    const timer = setInterval(() => (Date.now() - started > LOOK_FOR_MS ? clearInterval(timer) : look()), LOOK_EVERY_MS);
    return () => {
      clearInterval(timer);
      page?.classList.remove('staged');
      marked?.classList.remove('spotlight');
      marked?.removeAttribute('data-spotlight');
    };
  }, [focus]);
}
