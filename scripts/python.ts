// The machine's Python for the exported-script checks: the first python3 that can import NumPy
// (a pyenv or venv python3 on PATH first, then Debian's /usr/bin/python3, where .ci/run installs
// python3-numpy when it is missing).
import { spawnSync } from 'node:child_process';

export function findPython(): string | null {
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['-c', 'import numpy'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return null;
}
