import type { Job } from './job.js';
import type { Prepared } from './prepared.js';
import { prepareDocument } from './prepare-document.js';
import { prepareRedline } from './prepare-redline.js';
import type { RunContext } from './run-context.js';

/** The one step before the browser, for every job: load → validate → markdown → compose. */
export async function prepare(ctx: RunContext, job: Job): Promise<Prepared[]> {
  return job.kind === 'document' ? prepareDocument(ctx, job) : [await prepareRedline(ctx, job)];
}
