import * as z from 'zod';

/**
 * The fields of the blocks in the Markdown (```tabel, ```grafiek): see README, "Tables" and "Charts". Validated
 * once per block text; the result is cached (src/markdown/block-specs.ts).
 */
export const tabelSchema = z
  .object({
    data: z.string().min(1),
    rijen: z.enum(['jaren', 'reeksen']).default('jaren'),
    titel: z.string().min(1).optional(),
    kop: z.string().optional(),
    jaren: z.union([z.string().regex(/^\d{4}\s*-\s*\d{4}$/, 'expected a range such as 2011-2021'), z.array(z.number().int()).min(1)]).optional(),
    reeksen: z.array(z.string()).min(1).optional(),
    reeks: z.string().optional(),
    maat: z.string().optional(),
    maten: z.array(z.string()).min(1).optional(),
    kolommen: z.array(z.string().regex(/^[a-z][a-z0-9_]*\s+\d{4}$/, 'expected "<maat> <jaar>", e.g. "realisatie 2021"')).min(1).optional(),
    koppen: z.array(z.string()).min(1).optional(),
    ontwikkeling: z.boolean().default(false),
    bron: z.boolean().default(false),
    jaarkolom: z.enum(['vet', 'gewoon']).default('vet'),
  })
  .strict();

export type Tabel = z.infer<typeof tabelSchema>;

export const grafiekSchema = z
  .object({
    data: z.string().min(1),
    titel: z.string().min(1, 'a chart needs a title: it is its caption and the start of its text alternative'),
    reeksen: z.array(z.string()).min(1).optional(),
    maat: z.string().optional(),
    jaren: z.union([z.string().regex(/^\d{4}\s*-\s*\d{4}$/, 'expected a range such as 2011-2021'), z.array(z.number().int()).min(2)]).optional(),
    soort: z.enum(['lijn', 'staaf']).default('lijn'),
    weergave: z.enum(['aantal', 'index']).default('aantal'),
    hoogte: z.number().int().min(120).max(500).default(250).describe('Height in CSS pixels; the width is the text column'),
  })
  .strict();

export type Grafiek = z.infer<typeof grafiekSchema>;
