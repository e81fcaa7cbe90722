import { describe, expect, it } from 'vitest';
import { validateDiwoo, validateMdto } from './helpers/xsd.js';

// The validator itself: it accepts what the schemas allow and refuses what they do not (so a green sidecar test
// means the schema was applied, not skipped).
describe('the offline XSD validator (libxml2 in WebAssembly)', () => {
  it('accepts a bare sitemap and refuses an element the sitemap schema does not know', async () => {
    const ok = await validateDiwoo('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/a.pdf</loc></url></urlset>');
    expect(ok.output).toContain('validates');
    expect(ok.valid).toBe(true);
    const bad = await validateDiwoo('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><plaats>x</plaats></url></urlset>');
    expect(bad.valid).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/plaats/);
  });

  it('validates a DiWoo extension strictly: an unknown diwoo element is refused', async () => {
    const bad = await validateDiwoo('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/"><url><loc>a.pdf</loc><diwoo:Document><diwoo:Onbekend/></diwoo:Document></url></urlset>');
    expect(bad.valid).toBe(false);
    expect(bad.errors.join('\n')).toMatch(/Onbekend/);
  });

  it('refuses an MDTO record without its required elements', async () => {
    const bad = await validateMdto('<?xml version="1.0"?><MDTO xmlns="https://www.nationaalarchief.nl/mdto"><bestand/></MDTO>');
    expect(bad.valid).toBe(false);
    expect(bad.errors.length).toBeGreaterThan(0);
  });
});
