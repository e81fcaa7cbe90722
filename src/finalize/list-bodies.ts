import type { UpdateObject } from './pdf-syntax.js';

export interface StoredObject {
  num: number;
  gen: number;
  body: string;
}

/**
 * PDF/UA-1 7.2 (ISO 32000-1 14.8.4.3.3): a list item (LI) holds a label (Lbl) and a body (LBody), nothing else.
 * Chromium tags an item's label as Lbl but puts the item's text beside it, as marked content (MCIDs) and
 * elements (NonStruct, P, Em …) directly under the LI. Each such LI gets an LBody that takes over everything
 * but its Lbl: the LBody is a new structure element, the LI's /K becomes [Lbl …, LBody], the moved elements
 * name the LBody as their parent (/P), and the parent tree, which names for each marked-content id its
 * structure element, names the LBody where it named the LI. Only LIs whose kids are references and integers
 * (Chromium's form) are changed; any other form is left as it is.
 */
export function listBodies(numbers: Iterable<number>, isStructElem: (num: number) => boolean, read: (num: number) => StoredObject, parentTree: number | undefined, next: number): { objects: UpdateObject[]; next: number } {
  const objects: UpdateObject[] = [];
  const bodyOf = new Map<number, number>(); // LI → its new LBody
  const typeOf = (num: number) => /\/S \/([A-Za-z0-9]+)/.exec(read(num).body)?.[1];
  for (const num of numbers) {
    if (!isStructElem(num)) continue;
    const li = read(num);
    if (!/^<<\/Type \/StructElem\s*\/S \/LI\b/.test(li.body)) continue;
    const k = /\/K \[([^\]]*)\]/.exec(li.body);
    if (!k || !/^\s*((\d+ \d+ R|\d+)\s*)*$/.test(k[1]!)) continue;
    const kids = [...k[1]!.matchAll(/(\d+) (\d+) R|(\d+)/g)].map((m) => (m[3] !== undefined ? { mcid: Number(m[3]) } : { ref: Number(m[1]), gen: Number(m[2]) }));
    const labels = kids.filter((c) => c.ref !== undefined && typeOf(c.ref) === 'Lbl');
    const moved = kids.filter((c) => !labels.includes(c));
    if (moved.length === 0 || moved.every((c) => c.ref !== undefined && typeOf(c.ref) === 'LBody')) continue;
    const body = next++;
    bodyOf.set(num, body);
    const token = (c: (typeof kids)[number]) => (c.mcid !== undefined ? String(c.mcid) : `${c.ref} ${c.gen} R`);
    const page = /\/Pg (\d+ \d+ R)/.exec(li.body)?.[1];
    objects.push({ num: body, gen: 0, text: `${body} 0 obj\n<</Type /StructElem\n/S /LBody\n/P ${num} ${li.gen} R\n${page ? `/Pg ${page}\n` : ''}/K [${moved.map(token).join(' ')}]>>\nendobj\n` });
    objects.push({ num, gen: li.gen, text: `${num} ${li.gen} obj\n${li.body.replace(k[0], `/K [${[...labels.map(token), `${body} 0 R`].join(' ')}]`)}\nendobj\n` });
    for (const c of moved) {
      if (c.ref === undefined) continue;
      const kid = read(c.ref);
      const parent = new RegExp(`/P ${num} ${li.gen} R\\b`);
      if (!parent.test(kid.body)) throw new Error(`finalize: structure element ${c.ref} is a kid of list item ${num} that does not name it as its parent`);
      objects.push({ num: c.ref, gen: kid.gen, text: `${c.ref} ${kid.gen} obj\n${kid.body.replace(parent, `/P ${body} 0 R`)}\nendobj\n` });
    }
  }
  if (bodyOf.size === 0) return { objects, next };
  if (parentTree === undefined) throw new Error('finalize: a tagged PDF without a parent tree');

  // The parent tree: its /Nums values (arrays of structure elements by MCID, directly or as array objects).
  const rename = (text: string) => text.replace(/(\d+) (\d+) R/g, (ref, n: string, g: string) => (bodyOf.has(Number(n)) ? `${bodyOf.get(Number(n))} 0 R` : ref));
  const tree = read(parentTree);
  if (/\/Kids\b/.test(tree.body)) throw new Error('finalize: a parent tree with /Kids (voortgang reads Chromium\'s one-level tree)');
  const renamed = rename(tree.body);
  if (renamed !== tree.body) objects.push({ num: parentTree, gen: tree.gen, text: `${parentTree} ${tree.gen} obj\n${renamed}\nendobj\n` });
  const nums = /\/Nums \[([\s\S]*)\]/.exec(tree.body)?.[1] ?? '';
  for (const m of nums.matchAll(/(\d+)\s+(\d+) (\d+) R/g)) {
    const value = read(Number(m[2]));
    if (!value.body.startsWith('[')) continue;
    const changed = rename(value.body);
    if (changed !== value.body) objects.push({ num: value.num, gen: value.gen, text: `${value.num} ${value.gen} obj\n${changed}\nendobj\n` });
  }
  return { objects, next };
}
