/** An element of the preview's own page (src/preview/shell.ts writes them), of the type the script needs. */
export function byId<T extends HTMLElement>(id: string, type: abstract new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`the preview page has no ${type.name} #${id}`);
  return el;
}

/**
 * An element of the pages' frame. The frame's document has its own Element (another window's), so `instanceof
 * Element` of this window is false for its nodes: the node type tells.
 */
export function isElement(target: EventTarget | Node | null): target is Element {
  return target !== null && (target as Partial<Node>).nodeType === Node.ELEMENT_NODE;
}
