// Views particular to the corruption-robust demo: the chain itself, and CR-OMLE's weights sample by sample.

import { DotPlot } from '../../ui/DotPlot';
import type { WeightTraceRow } from './experiment';
import { NEUTRAL, OKABE_ITO, tint } from '../../ui/palette';

export const COLOURS = { omle: OKABE_ITO.blue, 'known-c': OKABE_ITO.orange, 'cr-omle': OKABE_ITO.vermillion, 'plug-in': NEUTRAL, pmle: OKABE_ITO.blue, 'cr-pmle': OKABE_ITO.vermillion, corrupted: OKABE_ITO.vermillion, clean: OKABE_ITO.bluishGreen };

/** Five states in a row; right succeeds with probability θ, left always moves back; rewards at both ends. */
export function ChainDiagram({ theta, badTheta }: { theta: number; badTheta: number }) {
  const xs = [40, 130, 220, 310, 400];
  return (
    <svg viewBox="0 0 450 120" role="img" aria-label={`The chain: five states; right moves on with probability ${theta}, ${badTheta} when corrupted; left moves back; reward 0.2 for left at state 0 and 1 at state 4`} className="chain-diagram">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#444" />
        </marker>
      </defs>
      {xs.slice(0, -1).map((x, i) => (
        <g key={i}>
          <path d={`M${x + 20},50 Q${x + 45},28 ${xs[i + 1] - 20},50`} fill="none" stroke={OKABE_ITO.bluishGreen} markerEnd="url(#arrow)" />
          <text x={x + 45} y={26} textAnchor="middle" fontSize="11" fill={OKABE_ITO.bluishGreen}>
            right: θ
          </text>
          <path d={`M${xs[i + 1] - 20},62 Q${x + 45},84 ${x + 20},62`} fill="none" stroke="#444" markerEnd="url(#arrow)" />
        </g>
      ))}
      {xs.map((x, i) => (
        <g key={i}>
          <circle cx={x} cy={56} r={18} fill={i === 4 ? tint(OKABE_ITO.yellow, 0.6) : i === 0 ? tint(OKABE_ITO.skyBlue, 0.85) : '#fff'} stroke="#333" />
          <text x={x} y={61} textAnchor="middle" fontSize="13">
            {i}
          </text>
        </g>
      ))}
      <text x={40} y={104} textAnchor="middle" fontSize="11">
        start; left: +0.2
      </text>
      <text x={400} y={104} textAnchor="middle" fontSize="11">
        +1 per step
      </text>
      <text x={220} y={112} textAnchor="middle" fontSize="11" fill="#555">
        θ* = {theta}; a corrupted right move succeeds with {badTheta}
      </text>
    </svg>
  );
}

export function WeightTrace({ rows }: { rows: readonly WeightTraceRow[] }) {
  const group = (corrupted: boolean) => rows.filter((r) => r.corrupted === corrupted).map((r) => [r.sample, r.weight] as const);
  return (
    <DotPlot
      groups={[
        { name: 'corrupted sample', colour: COLOURS.corrupted, points: group(true) },
        { name: 'clean sample', colour: COLOURS.clean, points: group(false) },
      ]}
      xLabel="informative sample (in order)"
      yLabel="weight w"
      yDomain={[0, 1]}
      label="The weight CR-OMLE gives each informative sample, in the order they arrived, corrupted ones and clean ones"
    />
  );
}
