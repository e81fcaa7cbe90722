import type { Job } from './job.js';
import type { Prepared } from './prepared.js';
import type { RunContext } from './run-context.js';

/** The one step before the browser, for every job: load → validate → markdown → compose. */
export async function prepare(ctx: RunContext, job: Job): Promise<Prepared[]> {
  // Each loaded when a job needs it: a build never loads the redline's comparison.
  if (job.kind === 'document') return (await import('./prepare-document.js')).prepareDocument(ctx, job);
  return [await (await import('./prepare-redline.js')).prepareRedline(ctx, job)];
}
