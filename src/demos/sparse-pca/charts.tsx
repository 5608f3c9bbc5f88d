// The recharts views of the sparse-PCA demo. Each reads one series of the results object.

import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { PlotFrame } from '../../ui/PlotFrame';
import type { ConvergenceRow, EigenvalueRow } from './results';
import type { ErrorVsNRow, SupportVsLambdaRow } from './sweeps';
import { xAxisProps, yAxisProps } from '../../ui/axes';
import { OKABE_ITO } from '../../ui/palette';

const COLOURS = { oracle: '#222', mcp: OKABE_ITO.vermillion, scad: OKABE_ITO.orange, fps: OKABE_ITO.blue, tpm: OKABE_ITO.bluishGreen, dt: OKABE_ITO.reddishPurple, pca: OKABE_ITO.skyBlue };
const HEIGHT = 260;

export function ConvergenceChart({ rows }: { rows: readonly ConvergenceRow[] }) {
  return (
    <PlotFrame height={HEIGHT}>
      <LineChart data={rows} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="iteration" {...xAxisProps('ADMM iteration')} />
        <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow {...yAxisProps('primal residual')} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toExponential(2) : String(v))} />
        <Legend />
        <Line dataKey="fpsPrimal" name="FPS (ℓ1)" stroke={COLOURS.fps} dot={false} isAnimationActive={false} connectNulls={false} />
        <Line dataKey="mcpPrimal" name="MCP" stroke={COLOURS.mcp} dot={false} isAnimationActive={false} />
        <Line dataKey="scadPrimal" name="SCAD" stroke={COLOURS.scad} dot={false} isAnimationActive={false} />
      </LineChart>
    </PlotFrame>
  );
}

export function ErrorVsNChart({ rows }: { rows: readonly ErrorVsNRow[] }) {
  const data = rows.map((r) => ({
    ...r,
    oracleBand: [r.oracleMin, r.oracleMax],
    fpsBand: [r.fpsMin, r.fpsMax],
    mcpBand: [r.mcpMin, r.mcpMax],
  }));
  return (
    <PlotFrame height={HEIGHT}>
      <ComposedChart data={data} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="n" type="number" scale="log" domain={['dataMin', 'dataMax']} ticks={rows.map((r) => r.n)} {...xAxisProps('n (log)')} />
        <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow {...yAxisProps('‖Π̂ − Π*‖_F (log)')} />
        <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => Number(x).toFixed(4)).join(' – ') : typeof v === 'number' ? v.toFixed(4) : String(v))} />
        <Legend />
        <Area dataKey="fpsBand" name="FPS min–max" stroke="none" fill={COLOURS.fps} fillOpacity={0.15} isAnimationActive={false} legendType="none" />
        <Area dataKey="mcpBand" name="MCP min–max" stroke="none" fill={COLOURS.mcp} fillOpacity={0.15} isAnimationActive={false} legendType="none" />
        <Area dataKey="oracleBand" name="Oracle min–max" stroke="none" fill={COLOURS.oracle} fillOpacity={0.1} isAnimationActive={false} legendType="none" />
        <Line dataKey="oracleMean" name="Oracle" stroke={COLOURS.oracle} strokeDasharray="5 3" isAnimationActive={false} />
        <Line dataKey="fpsMean" name="FPS (ℓ1)" stroke={COLOURS.fps} isAnimationActive={false} />
        <Line dataKey="mcpMean" name="SDP + MCP" stroke={COLOURS.mcp} isAnimationActive={false} />
      </ComposedChart>
    </PlotFrame>
  );
}

export function EigenvalueChart({ rows }: { rows: readonly EigenvalueRow[] }) {
  return (
    <PlotFrame height={HEIGHT}>
      <BarChart data={rows} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="index" {...xAxisProps('eigenvalue index (largest first)')} />
        <YAxis domain={[0, 1]} {...yAxisProps('eigenvalue of Π̂')} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toExponential(3) : String(v))} />
        <Legend />
        <Bar dataKey="oracle" name="Oracle" fill={COLOURS.oracle} isAnimationActive={false} />
        <Bar dataKey="mcp" name="MCP" fill={COLOURS.mcp} isAnimationActive={false} />
        <Bar dataKey="scad" name="SCAD" fill={COLOURS.scad} isAnimationActive={false} />
        <Bar dataKey="fps" name="FPS" fill={COLOURS.fps} isAnimationActive={false} />
      </BarChart>
    </PlotFrame>
  );
}

export function SupportVsLambdaChart({ rows }: { rows: readonly SupportVsLambdaRow[] }) {
  return (
    <PlotFrame height={HEIGHT}>
      <LineChart data={rows} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="cLambda" type="number" domain={['dataMin', 'dataMax']} {...xAxisProps('c_λ  (λ = c_λ √(log p / n))')} />
        <YAxis yAxisId="rate" domain={[0, 1]} {...yAxisProps('exact-support rate')} />
        <YAxis yAxisId="error" orientation="right" {...yAxisProps('mean error', 'right')} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
        <Legend />
        <Line yAxisId="rate" dataKey="fpsExactSupport" name="FPS exact support" stroke={COLOURS.fps} isAnimationActive={false} />
        <Line yAxisId="rate" dataKey="mcpExactSupport" name="MCP exact support" stroke={COLOURS.mcp} isAnimationActive={false} />
        <Line yAxisId="error" dataKey="fpsError" name="FPS error" stroke={COLOURS.fps} strokeDasharray="4 3" isAnimationActive={false} />
        <Line yAxisId="error" dataKey="mcpError" name="MCP error" stroke={COLOURS.mcp} strokeDasharray="4 3" isAnimationActive={false} />
        <Line yAxisId="error" dataKey="oracleError" name="Oracle error" stroke={COLOURS.oracle} strokeDasharray="2 2" isAnimationActive={false} />
      </LineChart>
    </PlotFrame>
  );
}
