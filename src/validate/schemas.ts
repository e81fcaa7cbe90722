import * as z from 'zod';
import type { FactSpec, LayoutDescriptor } from './layout-schema.js';
import { documentWooSchema, tooiSchema, type DocumentWoo } from '../diwoo/tooi-schema.js';

/** The data model of voortgang's sources. JSON Schemas in schemas/ are generated from these (npm run schemas). */

/** Text of a fact: never empty, and of a size a letter can hold (a limit stated in the message, not a timeout). */
const MAX_TEXT = 1000;
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TEXT, { error: (issue) => `is ${String(issue.input).length} characters long — at most ${MAX_TEXT} fit in a letter's facts; shorten it` });
const MAX_TITLE = 300;
const title = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TITLE, { error: (issue) => `is ${String(issue.input).length} characters long — an onderwerp is a title of at most ${MAX_TITLE} characters (it is printed in the letter head and is the PDF's title)` });
/** A list that must hold at least one item. */
const nonEmpty = <T extends z.ZodType>(item: T, what: string) => z.array(item).min(1, `is an empty list — give at least one ${what}`);

/** `ondertekening: onbekend`: the signatories of a reconstructed letter are not known. */
export const ONBEKEND = 'onbekend';

const isoDate = z
  .string({ error: (issue) => (issue.input === null ? 'is empty — fill in the date of this document, YYYY-MM-DD, e.g. 2022-12-14' : 'expected a date written as YYYY-MM-DD, e.g. 2022-12-14') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written as YYYY-MM-DD, e.g. 2022-12-14')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real calendar date');

/**
 * A block of the margin column: one text, which wraps to the column's width, or a list of lines, each printed
 * as a line of its own (as in the real letter: [Directoraat-Generaal, Straffen en Beschermen]).
 */
const lines = (what: string) =>
  z.union([text, z.array(text).min(1, 'is an empty list — give its lines, one per item, or write it as one text')], { error: `expected ${what} as one text (it wraps to the column) or a list of lines, one per printed line` });

export const afzenderSchema = z
  .object({
    ministerie: text.describe('Name of the ministry, shown as the word mark at the top of page 1'),
    eenheid: lines('the unit').describe('Organisational unit, bold at the top of the margin column (e.g. a Directoraat-Generaal): one text that wraps, or a list of lines, one per printed line'),
    onderdeel: lines('the sub-unit').optional().describe('Sub-unit below the unit (e.g. a Directie): one text that wraps, or a list of lines, one per printed line'),
    bezoekadres: nonEmpty(text, 'line').describe('Visiting address, one line per item'),
    postadres: nonEmpty(text, 'line').describe('Postal address, one line per item; also used as the retouradres'),
    website: text.optional(),
    tooi: tooiSchema('ministerielijst', "the ministry's TOOI URI").optional().describe("The ministry's TOOI URI (identifier.overheid.nl/tooi/id/ministerie/…), for its DiWoo records; needed only where the TOOI list has the ministry's name twice, or for a ministry under a former name (the list has present names)"),
  })
  .strict();

const kenmerk = z
  .union([z.string(), z.number()], { error: (issue) => (issue.input === null ? 'is empty — fill in the kenmerk of this document, e.g. "4355467"' : 'expected the kenmerk, e.g. "4355467"') })
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[0-9A-Za-z][0-9A-Za-z./-]*$/, 'expected the kenmerk as one word without spaces, e.g. "4355467"'));

/** The facts every document has, each written once in its data file; a layout's descriptor adds its own. */
const bijlagestuk = z.union(
  [
    z.object({ document: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'expected the name of a document of this year, its data file without .yaml, e.g. actieprogramma').describe('A document voortgang makes: content/<year>/<document>.yaml') }).strict(),
    z.object({ extern: text.describe('A bijlage not made by voortgang (e.g. a PDF), by its title') }).strict(),
  ],
  { error: 'expected { document: <name of a document of this year> } or { extern: <title of a bijlage not made by voortgang> }' },
);
const documentFacts = {
  datum: isoDate.describe('Date of the document, YYYY-MM-DD; written out in Dutch on every page'),
  onderwerp: title.describe('Onderwerp (subject) or title; also the PDF title'),
  bijlagen: z.number({ error: 'expected the number of attachments, e.g. 2' }).int().min(0).optional(),
  bijlagestukken: z.array(bijlagestuk).optional().describe('The bijlagen, in order: their number must be bijlagen'),
  afzender: text.describe('Name of a file in content/afzenders/ (without .yaml)'),
  woo: documentWooSchema.optional().describe("Woo facts of this document for its DiWoo record: url (where it is published), and its kind's informatiecategorie or documentsoort overridden"),
};

const signatoriesSchema = z
  .union([z.array(z.object({ functie: text, naam: text }).strict()).min(1, `is an empty list — give the signatories as { functie, naam }, or write ondertekening: ${ONBEKEND} when the source does not say who signed`), z.literal(ONBEKEND)], {
    error: `expected the signatories as a list of { functie, naam }, or ${ONBEKEND} for a letter whose source does not say who signed it`,
  })
  .describe(`Signatories, in order; or ${ONBEKEND} (a letter reconstructed from an incomplete source): no signature block is printed and the PDF's Keywords say "ondertekening onbekend"`);

/** A fact of a layout's descriptor as a schema: each type with the checks and messages of voortgang's facts. */
function factSchema(spec: FactSpec): z.ZodType {
  let schema: z.ZodType;
  switch (spec.type) {
    case 'tekst': schema = text; break;
    case 'titel': schema = title; break;
    case 'kenmerk': schema = kenmerk; break;
    case 'datum': schema = isoDate; break;
    case 'getal': schema = z.number({ error: 'expected a number' }); break;
    case 'regels': schema = lines(spec.item ?? 'the text'); break;
    case 'ondertekening': schema = signatoriesSchema; break;
    case 'lijst': {
      const item = factSchema(spec.items ?? { type: 'tekst' });
      schema = spec.leeg ? z.array(item).min(1, spec.leeg) : nonEmpty(item, spec.item ?? 'item');
      break;
    }
    case 'object':
      schema = z.object(Object.fromEntries(Object.entries(spec.velden ?? {}).map(([k, f]) => [k, factSchema(f)]))).strict();
      break;
  }
  if (spec.beschrijving) schema = schema.describe(spec.beschrijving);
  return spec.optioneel ? schema.optional() : schema;
}

/** The schema of one kind of document: the common facts and those its descriptor declares. */
function kindSchema(soort: string, layout: Pick<LayoutDescriptor, 'feiten'>) {
  const own = Object.fromEntries(Object.entries(layout.feiten).map(([k, f]) => [k, factSchema(f)]));
  return z.object({ soort: z.literal(soort), ...documentFacts, ...own }).strict();
}

/** A document's data file: one of the kinds of templates/ (the folders with a layout.yaml), by its soort. */
export function documentSchemaFor(layouts: ReadonlyMap<string, Pick<LayoutDescriptor, 'feiten'>>) {
  const kinds = [...layouts.keys()].sort();
  const options = kinds.map((k) => kindSchema(k, layouts.get(k)!));
  const expected = kinds.map((k) => `soort: ${k}`);
  const error = `expected ${expected.length > 1 ? `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}` : expected[0]} — a kind of document is a folder of the layouts (templates/<soort>/layout.yaml)`;
  if (options.length === 1) return options[0]!;
  return z.discriminatedUnion('soort', options as [ReturnType<typeof kindSchema>, ...ReturnType<typeof kindSchema>[]], { error });
}

const yearKey = z.string().regex(/^\d{4}$/, 'expected a year of four digits, e.g. 2021');
const unit = z.enum(['aantal', 'procent'], { error: 'expected "aantal" or "procent"' });
const measureKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'measure keys are lower case words, e.g. doel or ambitie_aantal');

/** A figure: a number, written with a decimal point (62.57); the decimals written are the decimals printed. */
const figure = z.number({
  error: (issue) => {
    const written = typeof issue.input === 'string' ? issue.input.trim() : undefined;
    if (written && /^-?\d{1,3}(\.\d{3})*(,\d+)?%?$/.test(written) && /[.,%]/.test(written)) {
      return `expected a number; write ${written} as ${written.replace(/\./g, '').replace(',', '.').replace('%', '')} (a decimal point, no thousands separator, no %)`;
    }
    return 'expected a number';
  },
});

const measure = z.union(
  [
    text.describe('Label of the measure, e.g. Realisatie'),
    z
      .object({
        label: text.describe('Label of the measure, e.g. Ambitie ophelderingspercentage'),
        eenheid: unit.optional().describe('Unit of this measure, if it differs from the data set\'s eenheid'),
      })
      .strict(),
  ],
  { error: 'expected a label (e.g. Realisatie) or { label: …, eenheid: aantal|procent }' },
);

export const datasetSchema = z
  .object({
    titel: text.describe('What the figures are, e.g. Geregistreerde high impact crimes'),
    bron: text.describe('Source of the figures, printed as "Bron: …" under tables and charts'),
    eenheid: unit.describe('Unit of the figures: aantal (1.982) or procent (62,57%); a measure may name its own'),
    maten: z.record(measureKey, measure).describe('Measures (e.g. doel, realisatie) with their labels'),
    reeksen: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_-]*$/, 'series keys are lower case words, e.g. overvallen'),
        z
          .object({ label: text.describe('Label of the series, e.g. Overvallen') })
          .catchall(z.record(yearKey, figure).describe('One figure per year, years in increasing order: { 2019: 1174, 2020: 907 }')),
      )
      .describe('Series, each with its figures per measure and year'),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const [key, series] of Object.entries(d.reeksen)) {
      for (const m of Object.keys(series)) {
        if (m !== 'label' && !(m in d.maten)) {
          ctx.addIssue({
            code: 'custom',
            path: ['reeksen', key, m],
            params: { atKey: true },
            message: `measure "${m}" is not declared in maten (${Object.keys(d.maten).join(', ') || 'none'}) — fix the spelling or declare it under maten`,
          });
        }
      }
    }
  });

export type Afzender = z.infer<typeof afzenderSchema>;
export type Ondertekening = { functie: string; naam: string }[] | typeof ONBEKEND;
export type Bijlagestuk = { document: string } | { extern: string };
/** A document's facts: the common ones, and those of its kind (see its descriptor), by name. */
export interface Brief {
  soort: string;
  datum: string;
  onderwerp: string;
  bijlagen?: number;
  bijlagestukken?: Bijlagestuk[];
  afzender: string;
  woo?: DocumentWoo;
  [fact: string]: unknown;
}
export type Dataset = z.infer<typeof datasetSchema>;

/** The JSON Schemas of schemas/, for the kinds of document of a layouts folder. */
export function schemaFilesFor(layouts: ReadonlyMap<string, Pick<LayoutDescriptor, 'feiten'>>) {
  return {
    'afzender.schema.json': afzenderSchema,
    'brief.schema.json': documentSchemaFor(layouts),
    'dataset.schema.json': datasetSchema,
  } as const;
}
