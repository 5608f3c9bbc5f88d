// What the training scripts share: `--key value` options, the commit being run, and the
// learning-rate schedule (linear warm-up, then cosine decay to 10 %).
import { execSync } from 'node:child_process';

/** `--key value` pairs of the command line, as strings. */
export function parseOptions(argv: readonly string[] = process.argv.slice(2)): Record<string, string> {
  return Object.fromEntries(argv.reduce<[string, string][]>((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
}

/** A numeric option, or its fallback when absent. */
export function numberOption(options: Record<string, string>, key: string, fallback: number): number {
  return options[key] !== undefined ? Number(options[key]) : fallback;
}

/** The commit whose code is running (read at the start: HEAD may move while a long run trains). */
export function headCommit(): string {
  try {
    return execSync('git rev-parse HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Linear warm-up over `warmup` steps, then cosine decay from `peak` to 10 % of it at `steps`. */
export function learningRateAt(step: number, peak: number, steps: number, warmup: number): number {
  if (step <= warmup) return (peak * step) / warmup;
  const progress = (step - warmup) / Math.max(1, steps - warmup);
  return peak * (0.1 + 0.45 * (1 + Math.cos(Math.PI * progress)));
}
