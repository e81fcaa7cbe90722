import * as z from 'zod';
import { kindWooSchema } from '../diwoo/tooi-schema.js';

/**
 * The descriptor of a kind of document: templates/<soort>/layout.yaml. A kind of document is data — its facts,
 * its versions, its page geometry, its template and stylesheets — so that adding one is a new folder, not code.
 */
const length = z.string({ error: 'expected a length in millimetres, e.g. 137.5mm' }).regex(/^\d+(\.\d+)?mm$/, 'expected a length in millimetres, e.g. 137.5mm');

/** A fact's type. The vocabulary is small on purpose: each type has the checks and messages of voortgang's own facts. */
export const FACT_TYPES = ['tekst', 'titel', 'kenmerk', 'datum', 'getal', 'regels', 'lijst', 'object', 'ondertekening'] as const;

export interface FactSpec {
  type: (typeof FACT_TYPES)[number];
  beschrijving?: string | undefined;
  optioneel?: boolean | undefined;
  /** Personal data: in the view of an internal version only; null in every public (openbaar) version. */
  intern?: boolean | undefined;
  /** For regels and lijst: what one item is, for the message of an empty list ("give at least one line"). */
  item?: string | undefined;
  /** For lijst: the type of its items (default tekst). */
  items?: FactSpec | undefined;
  /** For object: its fields. */
  velden?: Record<string, FactSpec> | undefined;
  /** For lijst: the message when the list is empty, in place of the standard one. */
  leeg?: string | undefined;
}

const factSpec: z.ZodType<FactSpec> = z.lazy(() =>
  z
    .object({
      type: z.enum(FACT_TYPES, { error: `expected one of ${FACT_TYPES.join(', ')}` }),
      beschrijving: z.string().optional(),
      optioneel: z.boolean().optional(),
      intern: z.boolean().optional(),
      item: z.string().optional(),
      items: factSpec.optional(),
      velden: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'field names are lower case words'), factSpec).optional(),
      leeg: z.string().optional(),
    })
    .strict()
    .refine((f) => f.type !== 'object' || f.velden !== undefined, { message: 'an object fact lists its fields under velden' })
    // The kenmerk identifies the document in every version: the PDF's metadata and its DiWoo and MDTO records name it.
    .refine((f) => !(f.type === 'kenmerk' && f.intern), { message: 'a kenmerk cannot be intern: it identifies the document in the public version too (its metadata, its DiWoo and MDTO records) — remove intern here', path: ['intern'] }),
);

/** The facts every kind of document has; a descriptor may not redefine them. */
export const COMMON_FACTS = ['soort', 'datum', 'onderwerp', 'bijlagen', 'bijlagestukken', 'afzender', 'woo'] as const;

export const layoutSchema = z
  .object({
    naam: z.string().min(1).describe('Name of the kind, as readers call it (e.g. Kamerbrief)'),
    sjabloon: z.string().regex(/^[\w.-]+\.hbs$/, 'expected the name of a Handlebars file in this folder, e.g. kamerbrief.hbs').describe('The template, a file in this folder'),
    pagina: z
      .object({
        'tekst-links': length.describe('Left edge of the text column'),
        'tekst-breedte': length.describe('Width of the text column: tables and charts are drawn at this width'),
        'tekst-boven': length.describe('Top of the text on a following page'),
        'tekst-onder': length.describe('Bottom edge of text and footnotes'),
      })
      .strict()
      .describe('Page geometry (A4): given to the stylesheets as CSS variables --tekst-links, --tekst-breedte, …'),
    versies: z
      .array(
        z
          .object({
            achtervoegsel: z.string().regex(/^(-[a-z0-9-]+)?$/, 'expected "" or a suffix like -openbaar').default('').describe('Added to the output file name: <name><achtervoegsel>.pdf'),
            omvang: z.enum(['volledig', 'openbaar']).default('volledig').describe('volledig: everything; openbaar: up to and including the streep'),
            openbaar: z.boolean().describe('A public version: facts marked intern are left out'),
            onderwerp: z.string().min(1).describe('The PDF subject, e.g. "Beslisnota, openbare versie (Woo)"'),
          })
          .strict(),
      )
      .min(1, 'a kind of document has at least one version'),
    koppen: z
      .object({
        nummering: z.array(z.number().int().min(1).max(6)).default([]).describe('Heading levels the layout numbers, e.g. [2, 3]: ## → 1, ### → 1.1 (a tussenkop, *emphasis* only, never)'),
      })
      .strict()
      .default({ nummering: [] }),
    feiten: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact names are lower case words'), factSpec).default({}).describe('The facts of this kind beside the common ones'),
    woo: kindWooSchema.optional().describe('Woo facts: each public version gets a DiWoo record (<name>.diwoo.xml) with them'),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const key of Object.keys(d.feiten)) {
      if ((COMMON_FACTS as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', path: ['feiten', key], params: { atKey: true }, message: `"${key}" is a fact of every document — remove it here` });
    }
    const suffixes = d.versies.map((v) => v.achtervoegsel);
    if (new Set(suffixes).size !== suffixes.length) ctx.addIssue({ code: 'custom', path: ['versies'], message: 'two versions with the same achtervoegsel would write the same file' });
  });

export type LayoutDescriptor = z.infer<typeof layoutSchema>;
