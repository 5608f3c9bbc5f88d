import { useState } from 'react';

/** Copies the page URL, which holds the demo, every parameter and the seed. */
export function CopyLinkButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <>
      <button type="button" onClick={() => void copy()} data-testid="copy-link">
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      {state === 'failed' && (
        <span role="alert">
          The clipboard is blocked here; copy this link instead: <input readOnly value={location.href} aria-label="Link to this exact run" />
        </span>
      )}
    </>
  );
}
