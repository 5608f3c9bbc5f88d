// A Web Worker that answers the demo's jobs (see jobs.ts).

import { serveJobs } from '../../lib/workerPool';
import { runMarineJob } from './jobs';

serveJobs(self as unknown as Parameters<typeof serveJobs>[0], runMarineJob);
