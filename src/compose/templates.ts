import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { SourceError } from '../errors.js';
import { fsProblem } from '../load/source-files.js';
import { ROOT } from '../paths.js';

/** A layout: templates/<name>.hbs with the partials in templates/partials/ and stylesheets in templates/css/. */
export interface Layout {
  name: string;
  file: string;
  render(view: object): string;
}

/**
 * Loads a layout. Rendering is strict: a variable the data does not have is an error naming the template file,
 * line and column, never an empty string. Text placed with {{…}} is HTML-escaped; only the Markdown body, which
 * voortgang produced itself, is placed raw with {{{…}}}.
 */
export async function loadLayout(templatesDir: string, name: string): Promise<Layout> {
  const file = join(templatesDir, `${name}.hbs`);
  const partialsDir = join(templatesDir, 'partials');
  const cssDir = join(templatesDir, 'css');
  if (!existsSync(templatesDir)) throw new SourceError(templatesDir, undefined, undefined, `no such folder — --templates names a folder of layouts: <kind>.hbs, partials/ and css/ (voortgang's own are in ${join(ROOT, 'templates')})`);
  const partials = new Map<string, string>();
  for (const f of await listFolder(partialsDir, '.hbs')) partials.set(join(partialsDir, f), await readSource(join(partialsDir, f)));
  const stylesheets = new Map<string, string>();
  for (const f of await listFolder(cssDir, '.css')) stylesheets.set(f, await readSource(join(cssDir, f)));
  const source = await readSource(file);

  // Compiling is most of the cost; a process that builds again reuses the layout while its files are unchanged.
  const key = JSON.stringify([file, source, [...partials], [...stylesheets]]);
  const known = compiled.get(key);
  if (known) return known;
  const layout = compileLayout(name, file, source, partials, stylesheets);
  if (compiled.size > 20) compiled.clear();
  compiled.set(key, layout);
  return layout;
}

const compiled = new Map<string, Layout>();

function compileLayout(name: string, file: string, source: string, partials: Map<string, string>, stylesheets: Map<string, string>): Layout {
  const env = Handlebars.create();
  const main = compile(env, file, source);
  for (const [partialFile, text] of partials) {
    env.registerPartial(basename(partialFile, '.hbs'), compile(env, partialFile, text) as unknown as Handlebars.Template);
  }
  env.registerHelper('stylesheet', (sheet: string) => {
    const css = stylesheets.get(sheet);
    if (css === undefined) throw new Error(`no stylesheet templates/css/${sheet}`);
    return new env.SafeString(css);
  });

  return { name, file, render: (view) => main(view) };
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
    throw new SourceError(dir, undefined, undefined, `${fsProblem(err)} — a layouts folder has partials/ and css/ beside its <kind>.hbs`);
  }
}

type Render = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/** Compiles one template file; errors thrown while rendering it are reported at its own file and line. */
function compile(env: typeof Handlebars, file: string, source: string): Render {
  let template: HandlebarsTemplateDelegate;
  try {
    template = env.compile(source, { strict: true, noEscape: false, preventIndent: true });
  } catch (err) {
    throw syntaxError(file, err as Error);
  }
  return (context, options) => {
    try {
      return template(context, options);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      throw renderError(file, err as Error & { lineNumber?: number; column?: number });
    }
  };
}

function syntaxError(file: string, err: Error): SourceError {
  const m = /Parse error on line (\d+)/.exec(err.message);
  const line = m ? Number(m[1]) : undefined;
  return new SourceError(file, line, undefined, `template syntax: ${err.message.split('\n').slice(-1)[0]}`);
}

function renderError(file: string, err: Error & { lineNumber?: number; column?: number }): SourceError {
  const unknown = /^"([^"]+)" not defined in/.exec(err.message);
  const pos = / - (\d+):(\d+)$/.exec(err.message);
  const line = err.lineNumber ?? (pos ? Number(pos[1]) : undefined);
  const column = err.column !== undefined ? err.column + 1 : pos ? Number(pos[2]) + 1 : undefined;
  if (unknown) return new SourceError(file, line, column, `unknown template variable "${unknown[1]}" — it is not in the data given to this layout (see src/compose/letter-view.ts for the fields)`);
  return new SourceError(file, line, column, `template: ${err.message}`);
}
