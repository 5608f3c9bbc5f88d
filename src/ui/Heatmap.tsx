import { useEffect, useRef } from 'react';
import type { MatrixData } from '../lib/results';

interface Props {
  matrix: MatrixData;
  label: string;
  /** Symmetric colour scale limit (values beyond are saturated). */
  limit: number;
  size?: number;
  /** Plain-text alternative: what the picture shows. */
  description: string;
}

/** Diverging blue–white–red colour for v in [−limit, limit]; exact zeros stay pure white. */
function colour(v: number, limit: number): [number, number, number] {
  if (v === 0) return [255, 255, 255];
  const t = Math.max(-1, Math.min(1, v / limit));
  const a = Math.abs(t) ** 0.6;
  return t > 0 ? [255, Math.round(255 * (1 - a)), Math.round(255 * (1 - a))] : [Math.round(255 * (1 - a)), Math.round(255 * (1 - a)), 255];
}

/** A p×p matrix as a canvas heat map (2 500+ cells: SVG would be heavy), with a text alternative. */
export function Heatmap({ matrix, label, limit, size = 180, description }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const { rows, cols, data } = matrix;
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const [r, g, b] = colour(data[i], limit);
      image.data.set([r, g, b, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [matrix, limit]);
  return (
    <figure className="heatmap">
      <canvas ref={ref} style={{ width: size, height: size }} role="img" aria-label={`${label}: ${description}`} />
      <figcaption>
        <strong>{label}</strong>
        <span className="sr-only">{description}</span>
      </figcaption>
    </figure>
  );
}
