import * as z from 'zod';
import { findTooi, type TooiListName, type TooiValue } from './tooi.js';

/**
 * A value of a TOOI list in a source file (a kind's `woo:` facts, a document's, a sender's ministry): written as
 * its label or its URI, read as both; anything else is an error at its line and column naming the list.
 */
export function tooiSchema(list: TooiListName, what: string) {
  return z
    .string({ error: `expected ${what}: a label or URI of its TOOI list` })
    .transform((written, ctx): TooiValue => {
      const found = findTooi(list, written);
      if ('value' in found) return found.value;
      ctx.addIssue({ code: 'custom', message: found.problem });
      return z.NEVER;
    })
    .describe(`${what}: a label or URI of the TOOI list ${list} (schemas/standards/diwoo-metadata-lijsten.xsd)`);
}

/** The Woo facts of a kind of document (templates/<soort>/layout.yaml, `woo:`), which its DiWoo record carries. */
export const kindWooSchema = z
  .object({
    informatiecategorie: tooiSchema('informatiecategorielijst', 'the Woo informatiecategorie'),
    documentsoort: tooiSchema('documentsoortlijst', 'the documentsoort'),
    handeling: tooiSchema('soorthandelinglijst', 'what happened to the document on its datum (vaststelling, ondertekening or ontvangst)'),
  })
  .strict();

/** A document's own Woo facts (`woo:` in its data file): where it is published, and its kind's facts overridden. */
export const documentWooSchema = z
  .object({
    url: z
      .string({ error: 'expected the web address of the folder where the PDF is published, e.g. https://open.overheid.nl/documenten/' })
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'expected the web address of the folder where the PDF is published (http:// or https://, no ? or #), e.g. https://open.overheid.nl/documenten/')
      .optional()
      .describe('Where the public PDF is published: <url>/<name>.pdf is its address in the DiWoo record (without it, the file name)'),
    informatiecategorie: tooiSchema('informatiecategorielijst', 'the Woo informatiecategorie').optional(),
    documentsoort: tooiSchema('documentsoortlijst', 'the documentsoort').optional(),
  })
  .strict();

export type KindWoo = z.output<typeof kindWooSchema>;
export type DocumentWoo = z.output<typeof documentWooSchema>;
