/**
 * Chromium names the structure elements of a tagged PDF's table headers after DOM node ids, `/ID (node00000040)`
 * and `/Headers [(node00000040)]`. Those ids count every node the renderer process ever made, so a browser that
 * printed before (a warm rebuild, a worker of `build --all`) writes other numbers than a fresh one. Renumbered
 * in order of first appearance, with the same width (every byte offset of the file stays valid), they depend on
 * the document alone.
 */
export function renumberStructureIds(pdfText: string): string {
  const names = new Map<string, string>();
  return pdfText.replace(/\(node(\d+)\)/g, (_, digits: string) => {
    let name = names.get(digits);
    if (!name) {
      name = String(names.size + 1).padStart(digits.length, '0');
      if (name.length !== digits.length) throw new Error(`finalize: cannot renumber structure id node${digits}`);
      names.set(digits, name);
    }
    return `(node${name})`;
  });
}
