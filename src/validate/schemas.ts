import { z } from 'zod';

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

export const isoDate = z
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
  })
  .strict();

const kenmerk = z
  .union([z.string(), z.number()], { error: (issue) => (issue.input === null ? 'is empty — fill in the kenmerk of this document, e.g. "4355467"' : 'expected the kenmerk, e.g. "4355467"') })
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[0-9A-Za-z][0-9A-Za-z./-]*$/, 'expected the kenmerk as one word without spaces, e.g. "4355467"'));

/** The facts every document has, each written once in its data file. */
const documentFacts = {
  kenmerk: kenmerk.describe('Ons kenmerk, in the margin column of every page'),
  datum: isoDate.describe('Date of the document, YYYY-MM-DD; written out in Dutch on every page'),
  onderwerp: title.describe('Onderwerp (subject) or title; also the PDF title'),
  bijlagen: z.number({ error: 'expected the number of attachments, e.g. 2' }).int().min(0).optional(),
  afzender: text.describe('Name of a file in content/afzenders/ (without .yaml)'),
};

export const kamerbriefSchema = z
  .object({
    soort: z.literal('kamerbrief'),
    ...documentFacts,
    geadresseerde: nonEmpty(text, 'line').describe('Address block, one line per item'),
    beantwoording: lines('the note')
      .optional()
      .describe('The "Bij beantwoording…" note in the margin column of page 1: one text that wraps, or a list of lines, one per printed line'),
    ondertekening: z
      .union([z.array(z.object({ functie: text, naam: text }).strict()).min(1, `is an empty list — give the signatories as { functie, naam }, or write ondertekening: ${ONBEKEND} when the source does not say who signed`), z.literal(ONBEKEND)], {
        error: `expected the signatories as a list of { functie, naam }, or ${ONBEKEND} for a letter whose source does not say who signed it`,
      })
      .describe(`Signatories, in order; or ${ONBEKEND} (a letter reconstructed from an incomplete source): no signature block is printed and the PDF's Keywords say "ondertekening onbekend"`),
  })
  .strict();

export const beslisnotaSchema = z
  .object({
    soort: z.literal('beslisnota'),
    ...documentFacts,
    aan: nonEmpty(text, 'addressee').describe('Addressees, one per item (e.g. "De minister van Justitie en Veiligheid")'),
    paraaf: z
      .object({
        kop: text.describe('Heading of the paraaf block, e.g. "Algemene leiding"'),
        parafen: z
          .array(z.object({ functie: text.describe('e.g. Minister, SG'), vak: text.describe('e.g. Datum/eindparaaf') }).strict())
          .min(1, 'is an empty list — give at least one paraaf as { functie, vak }'),
      })
      .strict()
      .describe('The bordered paraaf block on page 1'),
    opsteller: z
      .object({
        naam: text,
        eenheid: text.optional(),
        telefoon: text.optional(),
        email: text.optional(),
      })
      .strict()
      .optional()
      .describe('Author/contact. Personal data: printed in the internal version only, never in the public (Woo) version'),
  })
  .strict();

export const documentSchema = z.discriminatedUnion('soort', [kamerbriefSchema, beslisnotaSchema], {
  error: 'expected soort: kamerbrief or soort: beslisnota',
});

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
export type Kamerbrief = z.infer<typeof kamerbriefSchema>;
export type Beslisnota = z.infer<typeof beslisnotaSchema>;
export type Brief = z.infer<typeof documentSchema>;
export type Dataset = z.infer<typeof datasetSchema>;

export const schemaFiles = {
  'afzender.schema.json': afzenderSchema,
  'brief.schema.json': documentSchema,
  'dataset.schema.json': datasetSchema,
} as const;
