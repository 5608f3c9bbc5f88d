// The trained tier's example scenes: each 32×32 image drawn to a canvas (grey levels, upscaled), with
// what is in it, what the detector listed, and the two captions with hallucinated shapes marked.

import { useEffect, useRef } from 'react';
import type { MatrixData } from '../../lib/results';
import { ExampleCaptions } from './ExampleCaptions';
import type { ExampleRow } from './experiment';

const SIDE = 32;

function ShapeImage({ pixels, label }: { pixels: ArrayLike<number>; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const v = Math.max(0, Math.min(255, Math.round(30 + 200 * pixels[i])));
      image.data.set([v, v, v, 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={SIDE} height={SIDE} className="marine-shape-image" role="img" aria-label={label} />;
}

export function ShapeExamples({ rows, images, gamma }: { rows: readonly ExampleRow[]; images: MatrixData; gamma: number }) {
  return (
    <div className="marine-shape-examples">
      {rows.map((row, i) => (
        <div key={row.scene} className="marine-shape-example">
          <ShapeImage pixels={images.data.slice(i * images.cols, (i + 1) * images.cols)} label={`Scene ${row.scene}: ${row.objects}`} />
          <ExampleCaptions rows={[row]} gamma={gamma} />
        </div>
      ))}
    </div>
  );
}
