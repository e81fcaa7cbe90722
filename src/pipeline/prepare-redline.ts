import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { composeRedline } from '../diff/compose-redline.js';
import { SourceError } from '../errors.js';
import { loadDocument } from '../load/load-document.js';
import { stopwatch } from '../timings.js';
import { documentFacts } from './document-facts.js';
import type { RedlineJob } from './job.js';
import type { Prepared } from './prepared.js';
import type { RunContext } from './run-context.js';

/**
 * A redline before the browser: both revisions loaded (with the run's kinds and layouts), compared and composed
 * in the new revision's layout.
 */
export async function prepareRedline(ctx: RunContext, job: RedlineJob): Promise<Prepared> {
  const { times: timings, lap } = stopwatch();
  const { year, dataFile, from, to } = job;
  const oldDataFile = join(from.dir, year, basename(dataFile));
  if (!existsSync(oldDataFile)) throw new SourceError(oldDataFile, undefined, undefined, `${from.label} has no ${basename(dataFile)} for ${year}: nothing to compare this document with`);
  const kinds = await ctx.kinds();
  const [before, after] = await Promise.all([loadDocument(from.dir, year, oldDataFile, kinds), loadDocument(to.dir, year, dataFile, kinds)]);
  lap('load');
  const redline = await composeRedline(before, after, await ctx.layout(after.layout), { from: from.label, to: to.label }, lap);
  const name = `${after.name}.diff`;
  return {
    job,
    year,
    name,
    html: redline.html,
    noteCount: redline.noteCount,
    sections: after.sections.map((s) => s.file),
    sources: [
      { dir: from.dir, files: before.inputs, label: from.label },
      { dir: to.dir, files: after.inputs, label: to.label },
    ],
    templates: ctx.paths.templates,
    facts: documentFacts(after, {
      document: `${year}/${name}`,
      title: `Wijzigingen: ${after.brief.onderwerp}`,
      subject: `Wijzigingen van ${from.label} naar ${to.label}`,
      keywords: ['wijzigingen'],
      headings: redline.headings,
      bookmarks: redline.bookmarks,
    }),
    ownsDiwoo: false,
    bijlagen: [],
    redline: redline.report,
    timings,
  };
}
