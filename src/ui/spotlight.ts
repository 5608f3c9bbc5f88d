// Presenter mode's stage: the element the current tutorial step talks about (a chart card, or a
// section by its heading's id) is shown large beside the step's text. The element may not be drawn
// yet when the step opens, so it is looked for again as the page changes.

import { useEffect } from 'react';

/** The element a step's `focus` names: a `data-testid` (chart cards: chart-<name>), else an id; a heading stands for its section. */
export function focusElement(root: ParentNode, focus: string): HTMLElement | null {
  const byTestId = root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focus)}"]`);
  const element = byTestId ?? (root.querySelector<HTMLElement>(`#${CSS.escape(focus)}`) as HTMLElement | null);
  if (!element) return null;
  return /^H[1-6]$/.test(element.tagName) ? (element.closest<HTMLElement>('section, figure, .card') ?? element) : element;
}

/** While `focus` is set, marks its element `.spotlight` (styles.css lays out the page's stage around it). */
export function useSpotlight(focus: string | null): void {
  useEffect(() => {
    if (focus === null) return;
    let marked: HTMLElement | null = null;
    const look = () => {
      const element = focusElement(document, focus);
      if (!element || element === marked) return;
      marked?.classList.remove('spotlight');
      marked?.removeAttribute('data-spotlight');
      element.classList.add('spotlight');
      element.setAttribute('data-spotlight', focus);
      marked = element;
      // a projector shows the stage as it is; a narrow screen scrolls the element in under the step
      if (!matchMedia('(min-width: 900px)').matches) element.scrollIntoView({ block: 'start' });
    };
    look();
    // the element may come later (results arrive, charts draw one per task) or be drawn anew by a
    // finished live run: looked for again whenever the page's elements change
    const observer = new MutationObserver(look);
    observer.observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      marked?.classList.remove('spotlight');
      marked?.removeAttribute('data-spotlight');
    };
  }, [focus]);
}
