import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, UsageError } from './commands/exit.js';
import { setDebug } from './errors.js';
import { failureText } from './pipeline/progress.js';
import type { RunPaths } from './pipeline/run-context.js';
import { launchBrowser, type LaunchOptions } from './print/browser.js';
import { Renderer } from './print/render-pdf.js';
import { chromiumExecutable } from './print/chromium-binary.js';
import { ROOT } from './paths.js';
import { VERSION } from './version.js';

export { launchBrowser, Renderer, failureText, EXIT, UsageError };
export { Run, runJob } from './pipeline/run.js';
export { runPool } from './pipeline/pool.js';
export { findBrowser } from './print/find-browser.js';
/** The preview and printing in parts, loaded when used: a command's start loads only what it runs. */
export const startPreview = async (...args: Parameters<typeof import('./preview/preview.js').startPreview>) => (await import('./preview/preview.js')).startPreview(...args);
export const printInParts = async (...args: Parameters<typeof import('./print/print-in-parts.js').printInParts>) => (await import('./print/print-in-parts.js')).printInParts(...args);

const EXIT_CODES = `
Exit codes:
  0  everything asked for was made (verify: identical)
  1  a document failed (a mistake in the sources, a browser that cannot print; verify: different)
  2  the command line is wrong (unknown command or option, missing argument)`;

interface PathOptions {
  content: string;
  output: string;
  templates: string;
  browser?: string;
  timings?: boolean;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = makeProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok; // --help, help <command>, --version
      return EXIT.usage; // commander has written its message
    }
    if (err instanceof UsageError) {
      process.stderr.write(`voortgang: ${err.message}\n${err.command ? `(voortgang help ${err.command} shows its usage)\n` : ''}`);
      return EXIT.usage;
    }
    throw err;
  }
  return code;
}

function makeProgram(exit: (code: number) => void): Command {
  const program = new Command('voortgang')
    .description("Kamerbrieven and beslisnota's from Markdown and data, printed to PDF")
    .version(VERSION, '-V, --version', 'print the version of voortgang')
    .helpOption('-h, --help', 'show help (also: voortgang help <command>)')
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText('after', EXIT_CODES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      outputError: (s, write) => write(`voortgang: ${s.replace(/^error: /, '')}`),
    });
  // "unknown command 'x'", with the list of commands.
  program.on('command:*', (operands: string[]) => {
    const names = program.commands.map((c) => c.name()).concat('help');
    const given = operands[0] ?? '';
    const near = names.find((n) => editDistance(n, given) <= 2);
    process.stderr.write(`voortgang: unknown command '${given}'${near ? ` (did you mean ${near}?)` : ''} — the commands are: ${names.join(', ')} (voortgang --help tells what each does)\n`);
    throw new CommanderError(EXIT.usage, 'commander.unknownCommand', `unknown command '${operands[0]}'`);
  });
  program.hook('preAction', (_this, action) => setDebug(Boolean(action.opts().debug)));

  const withPaths = (cmd: Command, which: Array<'content' | 'output' | 'templates' | 'browser' | 'timings'>) => {
    if (which.includes('content')) cmd.option('--content <dir>', 'the sources', 'content');
    if (which.includes('output')) cmd.option('--output <dir>', 'where PDFs go', 'output');
    if (which.includes('templates')) cmd.option('--templates <dir>', "the layouts (default: voortgang's own templates/)");
    if (which.includes('browser')) cmd.option('--browser <path>', 'the Chrome, Chromium or Edge that prints (else VOORTGANG_BROWSER, PUPPETEER_EXECUTABLE_PATH, the pinned bundled Chromium, an installed one)');
    if (which.includes('timings')) cmd.option('--timings', 'print the time of each step to stderr');
    cmd.option('--debug', 'show the stack of an unexpected error');
    cmd.addHelpText('after', EXIT_CODES);
    cmd.showHelpAfterError(`(voortgang help ${cmd.name()} shows its usage)`);
    return cmd;
  };

  withPaths(
    program
      .command('build')
      .summary('build every document of the year(s) into output/<year>/')
      .description('Build every document of the given years (or of every year with --all) into <output>/<year>/: a PDF and its paginated HTML per document and version.')
      .argument('[years...]', 'years, e.g. 2022 2023')
      .option('--all', 'every year of the content folder')
      .addOption(new Option('--jobs <n>', 'documents printed side by side').argParser(positiveInteger).default(availableParallelism(), 'the CPU cores')),
    ['content', 'output', 'templates', 'browser', 'timings'],
  ).action(async (years: string[], opts: PathOptions & { all?: boolean; jobs: number }) => {
    years.forEach(checkYear);
    const { build } = await import('./commands/build.js');
    exit(await build(paths(opts), { years, all: Boolean(opts.all), jobs: opts.jobs, timings: Boolean(opts.timings), launch: launchOf(opts) }));
  });

  withPaths(
    program
      .command('diff')
      .summary('redline of two revisions of a year')
      .description('The redline of two revisions of a year: <output>/<year>/<name>.diff.pdf and .diff.html per document, with the change list first, and a summary per heading on the terminal (--format text: every change as a word diff, with its file:line). Revisions are git revisions of the content folder or folders laid out as content/; without --to, the working tree.')
      .argument('<year>', 'the year, e.g. 2022')
      .requiredOption('--from <rev|folder>', 'the old revision: a git revision (HEAD~1, a branch, a tag) or a folder')
      .option('--to <rev|folder>', 'the new revision (default: the working tree)')
      .addOption(new Option('--format <format>', 'what the terminal gets').choices(['summary', 'text']).default('summary')),
    ['content', 'output', 'templates', 'browser'],
  ).action(async (year: string, opts: PathOptions & { from: string; to?: string; format: 'summary' | 'text' }) => {
    checkYear(year);
    const { diff } = await import('./commands/diff.js');
    exit(await diff(paths(opts), { year, from: opts.from, to: opts.to, format: opts.format, launch: launchOf(opts) }, write(process.stdout), write(process.stderr)));
  });

  withPaths(
    program
      .command('verify')
      .summary('rebuild a PDF from today\'s sources: identical or where not')
      .description('Read which document a PDF is (its provenance), rebuild it from today\'s sources, and say identical, or different with where: the sources\' hash, the browser, the metadata, the page count and the first changed words (exit code 1). The DiWoo record beside a public PDF (<name>.diwoo.xml) is compared too.')
      .argument('<pdf...>', 'PDFs made by voortgang build'),
    ['content', 'templates', 'browser'],
  ).action(async (pdfs: string[], opts: PathOptions) => {
    const { verify } = await import('./commands/verify.js');
    exit(await verify(paths(opts), pdfs, launchOf(opts), write(process.stdout), write(process.stderr)));
  });

  withPaths(
    program
      .command('preview')
      .summary('the year\'s pages in your browser, updated on every save')
      .description('Show a year\'s documents in your browser, paginated exactly as they print, and show them anew on every save of a section, data file, sender or layout; a problem in the sources is shown over the last good pages (and printed here). Served on 127.0.0.1 only; the PDF button prints to <output>/<year>/ as build does. Ctrl-C stops.')
      .argument('<year>', 'the year, e.g. 2022')
      .argument('[document]', 'the document (version) to open, e.g. kamerbrief, beslisnota-openbaar (default: the first)')
      .addOption(new Option('--port <n>', 'the port on 127.0.0.1').argParser(portNumber).default(0, 'a free port'))
      .option('--open', 'open the preview in your browser'),
    ['content', 'output', 'templates', 'browser'],
  ).action(async (year: string, document: string | undefined, opts: PathOptions & { port: number; open?: boolean }) => {
    checkYear(year);
    const { preview } = await import('./commands/preview.js');
    exit(await preview(paths(opts), year, document, opts.port, Boolean(opts.open), launchOf(opts)));
  });

  withPaths(
    program
      .command('new')
      .summary('start a year from an earlier one')
      .description('Start a year from an earlier one: its documents, sections and data copied, kenmerk and datum emptied, and a checklist of what to fill in and of every year named in the text. An existing year is never overwritten.')
      .argument('<year>', 'the new year, e.g. 2024')
      .requiredOption('--from <year>', 'the year to start from'),
    ['content', 'templates'],
  ).action(async (year: string, opts: { content: string; from: string; templates?: string }) => {
    checkYear(year);
    checkYear(opts.from);
    const { newYear } = await import('./new-year/new-year.js');
    try {
      // The kinds of the layouts folder say which facts are a kenmerk, a date or the signatories.
      process.stdout.write(await newYear(resolve(opts.content), year, opts.from, paths(opts).templates));
    } catch (err) {
      process.stderr.write(`${failureText(err)}\n`);
      exit(EXIT.failed);
    }
  });

  withPaths(
    program
      .command('doctor')
      .summary('which browser, fonts and Node are used, and whether a test page prints')
      .description('Tell which browser (path, where it was found, version), fonts and Node voortgang uses, and print a test page with them.'),
    ['browser'],
  ).action(async (opts: { browser?: string }) => {
    const { doctor } = await import('./doctor.js');
    exit(await doctor({ browser: opts.browser }, (s) => process.stdout.write(s)));
  });

  withPaths(
    program
      .command('setup')
      .summary('unpack the bundled Chromium (npm install does it)')
      .description('Unpack the Chromium bundled in @sparticuz/chromium (Linux x86-64 only) into node_modules/.cache; npm install runs this. Elsewhere, voortgang uses an installed Chrome, Chromium or Edge (voortgang doctor).'),
    [],
  ).action(async () => {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      process.stdout.write(`No bundled Chromium for ${process.platform} ${process.arch} (it exists for Linux x86-64 only): voortgang prints with an installed Chrome, Chromium or Edge, or the one --browser / VOORTGANG_BROWSER names. Run voortgang doctor to see which.\n`);
      return;
    }
    process.stdout.write(`Chromium ready: ${await chromiumExecutable()}\n`);
  });

  return program;
}

function paths(opts: { content?: string; output?: string; templates?: string }): RunPaths {
  return { content: resolve(opts.content ?? 'content'), output: resolve(opts.output ?? 'output'), templates: opts.templates ? resolve(opts.templates) : join(ROOT, 'templates') };
}

/** --browser, when given. */
function launchOf(opts: { browser?: string | undefined }): LaunchOptions {
  return opts.browser === undefined ? {} : { browser: opts.browser };
}

function write(stream: NodeJS.WritableStream) {
  return (s: string) => void stream.write(s);
}

function checkYear(y: string): void {
  if (!/^\d{4}$/.test(y)) throw new UsageError(`"${y}" is not a year — a year is written with four digits, e.g. 2022`);
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

function portNumber(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535 (0: a free one)');
  return n;
}

function positiveInteger(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more');
  return n;
}
