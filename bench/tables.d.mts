// Types of tables.mjs (plain JavaScript so that bench/run.mjs can import it without a build step).
import type { AdmmRow } from './admmTiming';
import type { StepRow } from './denoiseSteps';
import type { LossRow } from './lossRows';

export declare function adapterLabel(adapter: string, software: boolean): string;
export declare function denoiseStepTable(adapter: string, rows: readonly StepRow[]): string[];
export declare function lossTable(adapter: string, rows: readonly LossRow[]): string[];
export declare function admmTable(adapter: string, rows: readonly AdmmRow[]): string[];
