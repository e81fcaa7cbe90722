import type { Layout } from '../compose/templates.js';
import { loadKinds, type KindLayout, type Kinds } from '../load/kinds.js';

/** Where a run reads and writes: the sources (content/), the layouts (templates/) and the output folder. */
export interface RunPaths {
  content: string;
  templates: string;
  output: string;
}

/**
 * What every document of a run shares, made once per run (once per watch cycle in the preview, so that a saved
 * layout is seen on the next rebuild): the paths, the kinds of document (their descriptors, one discovery) and
 * their compiled layouts. Each is made when first asked for and kept for the rest of the run.
 */
export class RunContext {
  private kindsLoaded: Promise<Kinds> | undefined;
  private readonly layouts = new Map<string, Promise<Layout>>();

  constructor(readonly paths: RunPaths) {}

  /** The kinds of the layouts folder, read once per run. */
  kinds(): Promise<Kinds> {
    return (this.kindsLoaded ??= remember(loadKinds(this.paths.templates), () => (this.kindsLoaded = undefined)));
  }

  /** A kind's template, partials and stylesheets, read and compiled once per run. */
  layout(kind: KindLayout): Promise<Layout> {
    let layout = this.layouts.get(kind.soort);
    if (!layout) {
      // Handlebars is loaded when a document gets this far: a mistake in the sources is told without it.
      layout = remember(
        import('../compose/templates.js').then(({ loadLayout }) => loadLayout(this.paths.templates, kind)),
        () => this.layouts.delete(kind.soort),
      );
      this.layouts.set(kind.soort, layout);
    }
    return layout;
  }
}

/** A failure is not kept: the next document of the run reads the files again (and reports the same mistake). */
function remember<T>(value: Promise<T>, forget: () => void): Promise<T> {
  value.catch(forget);
  return value;
}
