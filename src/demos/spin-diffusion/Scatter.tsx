// The samples as dots over the shape they should follow: the skeleton's 3σ tube in grey (where a
// sample counts as precise), one panel per shape and method, an iteration slider with Play that
// steps through the iterations; and the denoising paths of a few points from x_T to x_0.

import { useEffect, useState } from 'react';
import type { MatrixData } from '../../lib/results';
import { CANVAS_HALF, PRECISION_SIGMAS, type Shape } from './shapes';
import { OKABE_ITO } from '../../ui/palette';
import { playback } from '../../ui/motion';

const SIZE = 180;
const VIEW = CANVAS_HALF + 0.5;
const sx = (x: number) => ((x / VIEW + 1) / 2) * SIZE;
const sy = (y: number) => ((1 - y / VIEW) / 2) * SIZE;
export const METHOD_COLOURS = { spin: OKABE_ITO.vermillion, continued: OKABE_ITO.bluishGreen, sft: OKABE_ITO.blue, data: '#999' } as const;

/** The shape's 3σ tube: a grey disc of radius 3σ around every skeleton point. */
function Tube({ shape }: { shape: Shape }) {
  const radius = PRECISION_SIGMAS * shape.sigma * (SIZE / (2 * VIEW));
  return Array.from({ length: shape.centres.length / 2 }, (_, i) => <circle key={i} cx={sx(shape.centres[2 * i])} cy={sy(shape.centres[2 * i + 1])} r={radius} fill={METHOD_COLOURS.data} fillOpacity={0.12} />);
}

function Panel({ shape, points, prompt, colour, title }: { shape: Shape; points: MatrixData | undefined; prompt: number; colour: string; title: string }) {
  const dots: [number, number][] = [];
  if (points) for (let r = 0; r < points.rows; r++) if (points.data[3 * r + 2] === prompt) dots.push([points.data[3 * r], points.data[3 * r + 1]]);
  return (
    <figure className="scatter-panel" style={{ margin: 0 }}>
      <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={`${title}: ${dots.length} samples over the ${shape.prompt}`} style={{ background: '#fff', border: '1px solid #ddd' }}>
        <Tube shape={shape} />
        {dots.map(([x, y], i) => (
          <circle key={i} cx={sx(x)} cy={sy(y)} r={1.4} fill={colour} fillOpacity={0.7} />
        ))}
      </svg>
      <figcaption style={{ fontSize: '0.8em', textAlign: 'center' }}>{title}</figcaption>
    </figure>
  );
}

export function SampleGrid({ shapes, matrices, iterations }: { shapes: readonly Shape[]; matrices: Record<string, MatrixData>; iterations: number }) {
  const [k, setK] = useState(iterations);
  const [playing, setPlaying] = useState(false);
  const shown = Math.min(k, iterations);
  useEffect(() => {
    if (!playing) return;
    const { ms } = playback(iterations, 900);
    const timer = setInterval(() => setK((v) => (v >= iterations ? 0 : v + 1)), ms);
    return () => clearInterval(timer);
  }, [playing, iterations]);
  return (
    <div>
      <div className="denoising-controls">
        <label>
          Iteration {shown}{' '}
          <input type="range" min={0} max={iterations} value={shown} onChange={(e) => setK(Number(e.target.value))} aria-label="Iteration shown" data-testid="scatter-iteration" />
        </label>
        <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play through iterations'}
        </button>
      </div>
      {(['spin', 'continued'] as const).map((method) => (
        <div key={method} style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', marginTop: '0.4rem' }}>
          {shapes.map((shape, p) => (
            <Panel
              key={shape.prompt}
              shape={shape}
              prompt={p}
              points={matrices[`${method}-${shown}`]}
              colour={shown === 0 ? METHOD_COLOURS.sft : METHOD_COLOURS[method]}
              title={`${shown === 0 ? 'SFT model' : method === 'spin' ? `SPIN-Diffusion, iteration ${shown}` : `SFT continued, ${shown} × the steps`} · ${shape.prompt}`}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Paths x_T → x_0 of the first points sampled from the SFT model (one row of `paths` per step, x and y interleaved). */
export function Trajectories({ shape, paths }: { shape: Shape; paths: MatrixData }) {
  const count = paths.cols / 2;
  return (
    <svg width={SIZE * 1.6} height={SIZE * 1.6} viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={`Denoising paths of ${count} samples from noise to the ${shape.prompt}`} style={{ background: '#fff', border: '1px solid #ddd' }}>
      <Tube shape={shape} />
      {Array.from({ length: count }, (_, j) => {
        const d = Array.from({ length: paths.rows }, (_, r) => `${r === 0 ? 'M' : 'L'}${sx(paths.data[r * paths.cols + 2 * j]).toFixed(1)},${sy(paths.data[r * paths.cols + 2 * j + 1]).toFixed(1)}`).join(' ');
        const end = (paths.rows - 1) * paths.cols + 2 * j;
        return (
          <g key={j}>
            <path d={d} fill="none" stroke={METHOD_COLOURS.sft} strokeOpacity={0.45} strokeWidth={0.8} />
            <circle cx={sx(paths.data[end])} cy={sy(paths.data[end + 1])} r={2} fill={METHOD_COLOURS.sft} />
          </g>
        );
      })}
    </svg>
  );
}
