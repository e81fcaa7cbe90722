import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { lineColumnAt, SourceError } from '../errors.js';
import { fsProblem } from '../load/source-files.js';
import { checkLayoutUrls, type LayoutFile } from './check-layout-urls.js';
import { checkPageContract } from './page-contract.js';
import type { KindLayout } from '../load/kinds.js';
import { precompiledTemplate, templateEnv, type TemplateEnv } from './precompiled.js';

/**
 * A kind's layout: templates/<soort>/ with its descriptor (layout.yaml), template and stylesheets, and the
 * partials (templates/partials/) and stylesheets (templates/css/) the kinds share. A kind's folder may have a
 * partials/ of its own; its own stylesheets are the .css files beside its template.
 */
export interface Layout {
  name: string;
  file: string;
  /** The HTML of a document; refused at the layout file's line and column when the layout's own addresses break the rules of layout-urls.ts. */
  render(view: object): Promise<string>;
}

/**
 * Loads a layout. Rendering is strict: a variable the data does not have is an error naming the template file,
 * line and column, never an empty string. Text placed with {{…}} is HTML-escaped; only the Markdown body, which
 * voortgang produced itself, is placed raw with {{{…}}}.
 */
export async function loadLayout(templatesDir: string, kind: KindLayout): Promise<Layout> {
  const name = kind.soort;
  const file = join(kind.dir, kind.descriptor.sjabloon);
  const partials = new Map<string, string>();
  for (const dir of [join(templatesDir, 'partials'), join(kind.dir, 'partials')]) {
    if (dir !== join(templatesDir, 'partials') && !existsSync(dir)) continue;
    for (const f of await listFolder(dir, '.hbs')) partials.set(basename(f, '.hbs'), join(dir, f));
  }
  const partialTexts = new Map<string, string>();
  for (const path of partials.values()) partialTexts.set(path, await readSource(path));
  const stylesheets = new Map<string, { file: string; text: string }>();
  for (const dir of [join(templatesDir, 'css'), kind.dir]) for (const f of await listFolder(dir, '.css')) stylesheets.set(f, { file: join(dir, f), text: await readSource(join(dir, f)) });
  const source = await readSource(file);

  // Compiling is most of the cost; a process that builds again reuses the layout while its files are unchanged.
  const key = JSON.stringify([file, source, [...partialTexts], [...stylesheets]]);
  const known = compiled.get(key);
  if (known) return known;
  const layout = await compileLayout(name, file, source, partialTexts, stylesheets);
  if (compiled.size > 20) compiled.clear();
  compiled.set(key, layout);
  return layout;
}

const compiled = new Map<string, Layout>();

async function compileLayout(name: string, file: string, source: string, partials: Map<string, string>, stylesheets: Map<string, { file: string; text: string }>): Promise<Layout> {
  const env = templateEnv();
  const main = await compile(env, file, source);
  for (const [partialFile, text] of partials) {
    env.registerPartial(basename(partialFile, '.hbs'), (await compile(env, partialFile, text)) as unknown as HandlebarsTemplateDelegate);
  }
  env.registerHelper('stylesheet', (sheet: string) => {
    const css = stylesheets.get(sheet)?.text;
    if (css === undefined) throw new Error(`no stylesheet ${sheet} — a stylesheet is a .css file in templates/css/ or beside the template`);
    return new env.SafeString(css);
  });

  // Where an address in the rendered HTML is looked for: the template, its partials, the stylesheets.
  const files: LayoutFile[] = [{ file, text: source }, ...[...partials].map(([f, text]) => ({ file: f, text })), ...stylesheets.values()];
  return {
    name,
    file,
    render: async (view) => {
      const html = main(view);
      checkPageContract(html, file);
      await checkLayoutUrls(html, view, files);
      return html;
    },
  };
}

async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new SourceError(file, undefined, undefined, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'template not found' : `template ${fsProblem(err)}`);
  }
}

async function listFolder(dir: string, ext: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith(ext)).sort();
  } catch (err) {
    throw new SourceError(dir, undefined, undefined, `${fsProblem(err)} — a layouts folder has partials/ and css/ beside the folders of its kinds`);
  }
}

type Render = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/** Compiles one template file; errors thrown while rendering it are reported at its own file and line. */
async function compile(env: TemplateEnv, file: string, source: string): Promise<Render> {
  let template: HandlebarsTemplateDelegate;
  try {
    // Precompiled now (or taken from the cache): a syntax error is reported as one, at its line.
    template = await precompiledTemplate(env, source);
  } catch (err) {
    throw syntaxError(file, source, err as Error);
  }
  return (context, options) => {
    try {
      return template(context, options);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      throw renderError(file, source, err as Error & { lineNumber?: number; column?: number });
    }
  };
}

function syntaxError(file: string, source: string, err: Error): SourceError {
  // Handlebars notices an unclosed block only at the end of the file: name the block that was opened.
  if (/got 'EOF'/.test(err.message)) {
    const open = unclosedBlock(source);
    if (open) {
      const { line, column } = lineColumnAt(source, open.offset);
      return new SourceError(file, line, column, `template syntax: ${open.tag} is never closed — add {{/${open.name}}} where the block ends`);
    }
  }
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)$/.exec(err.message);
  if (mismatch) {
    // Handlebars gives the block's line; the culprit is the {{/…}} on or after it.
    const lineStart = source.split('\n').slice(0, Number(mismatch[3]) - 1).join('\n').length;
    const close = source.indexOf(`{{/${mismatch[2]}`, lineStart);
    const pos = close >= 0 ? lineColumnAt(source, close) : { line: Number(mismatch[3]), column: undefined };
    return new SourceError(file, pos.line, pos.column, `template syntax: {{/${mismatch[2]}}} closes {{#${mismatch[1]}}} — close blocks in the reverse order they were opened`);
  }
  const m = /Parse error on line (\d+)/.exec(err.message);
  const line = m ? Number(m[1]) : undefined;
  return new SourceError(file, line, undefined, `template syntax: ${err.message.split('\n').slice(-1)[0]}`);
}

function renderError(file: string, source: string, err: Error & { lineNumber?: number; column?: number }): SourceError {
  const partial = /The partial (\S+) could not be found/.exec(err.message);
  if (partial) {
    const at = new RegExp(`\\{\\{~?>\\s*${partial[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(source);
    const pos = at ? lineColumnAt(source, at.index) : undefined;
    return new SourceError(file, pos?.line, pos?.column, `no partial "${partial[1]}" — a partial is a file <name>.hbs in the layouts' partials/ folder`);
  }
  const unknown = /^"([^"]+)" not defined in/.exec(err.message);
  const pos = / - (\d+):(\d+)$/.exec(err.message);
  const line = err.lineNumber ?? (pos ? Number(pos[1]) : undefined);
  const column = err.column !== undefined ? err.column + 1 : pos ? Number(pos[2]) + 1 : undefined;
  if (unknown) return new SourceError(file, line, column, `unknown template variable "${unknown[1]}" — it is not in the data given to this layout (the fields are the facts of the layout's descriptor, layout.yaml, and those listed in the README)`);
  return new SourceError(file, line, column, `template: ${err.message}`);
}

/** The innermost {{#block}} that has no {{/block}}, by a scan of the template's mustaches. */
function unclosedBlock(source: string): { name: string; tag: string; offset: number } | undefined {
  const stack: { name: string; tag: string; offset: number }[] = [];
  for (const m of source.matchAll(/\{\{~?\s*([#/^])\s*>?\s*([\w.-]+)[^}]*\}\}/g)) {
    if (m[1] === '/') {
      const i = stack.map((b) => b.name).lastIndexOf(m[2]!);
      if (i >= 0) stack.splice(i);
    } else if (m[1] === '#') stack.push({ name: m[2]!, tag: m[0], offset: m.index });
  }
  return stack[stack.length - 1];
}
