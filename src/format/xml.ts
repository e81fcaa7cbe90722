/**
 * Text as XML character data: `&`, `<`, `>` (and CR) always; in an attribute value also `"` and the white space an
 * attribute would normalise (tab, line feed). One escaper for every XML voortgang writes: XMP, DiWoo, MDTO.
 */
export function escapeXml(text: string, attribute = false): string {
  const out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? out.replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : out.replace(/\r/g, '&#13;');
}
