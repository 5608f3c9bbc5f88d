import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart's drawing area: full width, `height` px tall — unless a stylesheet says otherwise (presenter
 * mode's stage draws the chart a step talks about as tall as the screen allows). recharts' own
 * ResponsiveContainer takes a numeric height as fixed, so the frame carries it and the chart fills
 * the frame.
 */
export function PlotFrame({ height, children }: { height: number; children: ReactElement }) {
  return (
    <div className="plot-frame" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}
