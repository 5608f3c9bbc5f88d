// Example scenes of the first replicate: what is in the image, what the detector listed, and the
// vanilla and guided captions, each hallucinated object marked (text and colour both).

import type { ExampleRow } from './experiment';

const list = (names: string) => (names ? names.split(', ') : []);

function Mentions({ caption, truth, label }: { caption: string; truth: readonly string[]; label: string }) {
  const mentions = list(caption);
  return (
    <div className="marine-caption">
      <span className="marine-caption-label">{label}</span>
      {mentions.length === 0 ? (
        <em>(no objects)</em>
      ) : (
        mentions.map((name, i) => {
          const wrong = !truth.includes(name);
          return (
            <span key={i} className={wrong ? 'marine-chip marine-hallucinated' : 'marine-chip'} title={wrong ? 'not in the image' : 'in the image'}>
              {name}
              {wrong && <span className="sr-only"> (hallucinated)</span>}
            </span>
          );
        })
      )}
    </div>
  );
}

export function ExampleCaptions({ rows, gamma }: { rows: readonly ExampleRow[]; gamma: number }) {
  return (
    <ol className="marine-examples">
      {rows.map((row) => {
        const truth = list(row.objects);
        return (
          <li key={row.scene} data-testid={`example-${row.scene}`}>
            <div>
              <strong>In the image:</strong> {row.objects}. <strong>Detector lists:</strong> {row.detected || '(nothing)'}
            </div>
            <Mentions caption={row.vanilla} truth={truth} label="vanilla (γ = 0)" />
            <Mentions caption={row.guided} truth={truth} label={`MARINE (γ = ${gamma})`} />
          </li>
        );
      })}
    </ol>
  );
}
