import type { Element, ElementContent } from 'hast';
import { basename } from 'node:path';
import { h } from 'hastscript';
import { location } from '../errors.js';
import type { ValueChange } from './data-diff.js';
import type { Change, DocumentDiff } from './document-diff.js';
import { CLASS } from '../paginate/contract.js';
import { textOf } from '../markdown/to-html.js';
import { WOO_TEXT, type WooLabel } from './woo-status.js';

/** Everything a reviewer is told about the changes between two revisions. */
export interface DiffReport {
  from: string;
  to: string;
  diff: DocumentDiff;
  data: ValueChange[];
  facts: ValueChange[];
}

function hasChanges(r: DiffReport): boolean {
  return r.diff.changes.length > 0 || r.diff.sections.some((s) => s.status !== 'gelijk' || s.renamedFrom) || r.data.length > 0 || r.facts.length > 0;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How the change list names a change's place: its heading, or its footnote and the heading of its call. */
function placeOf(c: Change): string {
  return c.note ? `Voetnoot ${c.note}${c.heading ? ` (bij ${c.heading})` : ''}` : c.heading;
}

function kindOf(c: Change): string {
  return c.kind === 'verplaatst' && c.movedFrom ? `verplaatst (uit “${c.movedFrom}”)` : c.kind;
}

function wooOf(c: { openbaar?: boolean; woo?: WooLabel }): string | undefined {
  if (c.woo) return WOO_TEXT[c.woo];
  return c.openbaar === undefined ? undefined : c.openbaar ? WOO_TEXT.openbaar : WOO_TEXT.intern;
}

/** A change's Woo label in the change list; text that crossed the streep or a redaction's edge in bold. */
function wooLabelOf(c: { openbaar?: boolean; woo?: WooLabel }, text: string): Element {
  const crossed = c.woo === 'nu openbaar' || c.woo === 'niet meer openbaar';
  return h('span', { className: [c.openbaar ? 'diff-openbaar' : 'diff-intern'] }, crossed ? [h('strong', text)] : [text]);
}

/**
 * The change list's order: first the changes that make text public (what a Woo reviewer must see first), then
 * every other change in reading order.
 */
function listed(changes: Change[]): Change[] {
  return [...changes.filter((c) => c.woo === 'nu openbaar'), ...changes.filter((c) => c.woo !== 'nu openbaar')];
}

/** The headline's sentence on text whose public status changed, or nothing. */
function crossed(changes: Change[]): string {
  const now = changes.filter((c) => c.woo === 'nu openbaar').length;
  const gone = changes.filter((c) => c.woo === 'niet meer openbaar').length;
  const parts = [now ? `${plural(now, 'wijziging maakt', 'wijzigingen maken')} tekst openbaar die dat niet was (bovenaan de lijst)` : '', gone ? `${plural(gone, 'wijziging haalt', 'wijzigingen halen')} tekst uit de openbare versie` : ''];
  return parts.filter(Boolean).map((p) => `Let op: ${p}.`).join(' ');
}

/**
 * Every change counts: the changes in the text (a figure in a table, a chart, a sentence is one there) and the
 * facts of the letter (kenmerk, datum …), printed in the margin column or the head, not in the text.
 */
function counted(r: DiffReport): Array<{ openbaar?: boolean }> {
  return [...r.diff.changes, ...r.facts];
}

/**
 * The blocks at the top of the redline: the change list "Wijzigingen" (per change its page in this PDF, its
 * heading, its kind, a few words of context; each a link to the change), then renamed and new sections,
 * footnotes, and every changed figure and fact. Page numbers are filled in by the pager
 * (a.pagina-verwijzing, like a table of contents).
 */
export function summaryBlocks(r: DiffReport): Element[] {
  if (!hasChanges(r)) {
    return [
      h('section', { className: ['diff-samenvatting', CLASS.keepTogether] }, [
        h('h2', 'Wijzigingen'),
        h('p', `Geen wijzigingen: ${r.to} is gelijk aan ${r.from} in tekst, voetnoten, tabellen, grafieken, cijfers en briefgegevens.`),
      ]),
    ];
  }
  const rows: ElementContent[] = [];
  const changes = r.diff.changes;
  const all = counted(r);
  const woo = all.some((c) => c.openbaar !== undefined);
  rows.push(h('h2', 'Wijzigingen'));
  const warning = woo ? crossed(changes) : '';
  rows.push(
    h('p', [
      `Van ${r.from} naar ${r.to}: ${plural(all.length, 'wijziging', 'wijzigingen')}. Ingevoegd is onderstreept, verwijderd is doorgehaald; een gewijzigde tabelcel toont oud → nieuw.${woo ? ` ${plural(all.filter((c) => c.openbaar).length, 'wijziging staat', 'wijzigingen staan')} ook in de openbare versie (boven de streep), ${all.filter((c) => c.openbaar === false).length} alleen in de interne.` : ''}`,
      ...(warning ? [' ', h('strong', warning)] : []),
    ]),
  );
  if (changes.length) {
    rows.push(
      h('table', { className: ['diff-wijzigingen'] }, [
        h('colgroup', [h('col', { className: ['blz'] }), h('col', { className: ['onderdeel'] }), h('col', { className: ['soort'] }), h('col', { className: ['tekst'] })]),
        h('thead', h('tr', [h('th', { scope: 'col' }, 'Blz.'), h('th', { scope: 'col' }, 'Onderdeel'), h('th', { scope: 'col' }, 'Soort'), h('th', { scope: 'col' }, 'Tekst')])),
        h(
          'tbody',
          listed(changes).map((c) => {
            const w = wooOf(c);
            return h('tr', [
              h('td', h('a', { className: [CLASS.pageRef], href: `#${c.id}`, dataVerwijzing: c.id }, '?')),
              h('td', h('a', { href: `#${c.id}` }, placeOf(c))),
              h('td', [kindOf(c), ...(w ? [h('br'), wooLabelOf(c, w)] : [])]),
              h('td', contextOf(c)),
            ]);
          }),
        ),
      ]),
    );
  }
  const renamed = r.diff.sections.filter((s) => s.renamedFrom);
  for (const s of renamed) rows.push(h('p', `Bestand hernoemd: ${s.renamedFrom} → ${basename(s.file)} (“${s.title}”).`));
  const added = r.diff.sections.filter((s) => s.status === 'nieuw');
  const gone = r.diff.sections.filter((s) => s.status === 'verwijderd');
  if (added.length) rows.push(h('p', `Nieuw onderdeel: ${added.map((s) => `“${s.title}”`).join(', ')}.`));
  if (gone.length) rows.push(h('p', `Verwijderd onderdeel: ${gone.map((s) => `“${s.title}”`).join(', ')}.`));
  const notes = r.diff.footnotes;
  const count = (status: string) => notes.filter((n) => n.status === status).map((n) => n.label);
  const part = (labels: string[], what: string) => `${labels.length} ${what}${labels.length ? ` (${labels.join(', ')})` : ''}`;
  rows.push(h('p', `Voetnoten: ${part(count('nieuw'), 'toegevoegd')}, ${part(count('verwijderd'), 'verwijderd')}, ${part(count('gewijzigd'), 'gewijzigd')}.`));
  const values = [...r.facts, ...r.data];
  rows.push(h('p', values.length ? `Gewijzigde gegevens (${values.length}):` : 'Gewijzigde gegevens: geen.'));
  if (values.length) {
    rows.push(
      h(
        'ul',
        values.map((v) => {
          const w = wooOf(v);
          return h('li', [`${v.where}: `, h('del', v.before), ' → ', h('ins', v.after), ...(w ? [' (', h('span', { className: [v.openbaar ? 'diff-openbaar' : 'diff-intern'] }, w), ')'] : [])]);
        }),
      ),
    );
  }
  // Blocks of their own, not one box: the pager splits a long change list between its rows, page after page.
  const blocks = rows.filter((b): b is Element => b.type === 'element');
  for (const b of blocks) b.properties.className = [...((b.properties.className as string[] | undefined) ?? []), 'diff-samenvatting-deel'];
  blocks[blocks.length - 1]!.properties.className = [...(blocks[blocks.length - 1]!.properties.className as string[]), 'diff-samenvatting-einde'];
  return blocks;
}

/**
 * A few words around the first change of a block, with what was inserted and deleted marked, as a reader sees
 * them: a footnote call as its number in superscript, a table's change as "2021: Overvallen 676 → 1.676".
 */
function contextOf(c: Change, words = 14): ElementContent[] {
  const lines = readerLines(c.element, { labels: false });
  const line = lines.find((l) => l.some((s) => s.how !== 'text')) ?? lines[0] ?? [];
  // The line in pieces: words and the space between them, footnote calls; a piece keeps its marking.
  const pieces = line.flatMap((s) => (s.sup ? [s] : s.text.split(/(\s+)/).filter(Boolean).map((text) => ({ ...s, text }))));
  const isWordPiece = (p: Segment) => !p.sup && p.text.trim() !== '';
  const first = c.kind === 'verplaatst' ? 0 : Math.max(0, pieces.findIndex((p) => p.how !== 'text'));
  let start = first;
  for (let n = 0; start > 0 && (n < 4 || !isWordPiece(pieces[start - 1]!)); start--) if (isWordPiece(pieces[start - 1]!)) n++;
  let end = first;
  for (let n = 0; end < pieces.length && (n < words || !isWordPiece(pieces[end]!)); end++) if (isWordPiece(pieces[end]!)) n++;
  const shown = pieces.slice(start, end);
  const blank = (p: Segment | undefined) => p !== undefined && !p.sup && p.text.trim() === '';
  while (blank(shown[0])) shown.shift();
  while (blank(shown[shown.length - 1])) shown.pop();
  const before = pieces.slice(0, start).some(isWordPiece);
  const after = pieces.slice(end).some(isWordPiece);
  const out: ElementContent[] = [];
  if (before) out.push({ type: 'text', value: '… ' });
  for (const p of shown) {
    const node: ElementContent = p.sup ? h('sup', p.text) : { type: 'text', value: p.text };
    const last = out[out.length - 1];
    if (p.how === 'text') {
      if (node.type === 'text' && last?.type === 'text') last.value += node.value;
      else out.push(node);
    } else if (last?.type === 'element' && last.tagName === p.how && node.type === 'text' && !p.sup) {
      const tail = last.children[last.children.length - 1];
      if (tail?.type === 'text') tail.value += node.value;
      else last.children.push(node);
    } else out.push(h(p.how, [node]));
  }
  const tail = out[out.length - 1];
  if (tail?.type === 'text') tail.value = tail.value.trimEnd();
  if (after) out.push({ type: 'text', value: ' …' });
  return out;
}

/** The terminal's summary: a line per heading with changes under it, then sections, footnotes and data. */
export function summaryText(r: DiffReport, name: string): string {
  const lines = [`${name}: ${r.from} → ${r.to}`];
  if (!hasChanges(r)) return `${lines[0]}\n  no changes\n`;
  const nowPublic = r.diff.changes.filter((c) => c.woo === 'nu openbaar');
  if (nowPublic.length) lines.push(`  NOW PUBLIC: ${plural(nowPublic.length, 'change makes', 'changes make')} text public that was not (${nowPublic.map((c) => location(c.file, c.line)).join(', ')})`);
  for (const [heading, group] of byHeading(r.diff.changes.filter((c) => !c.note))) {
    const sum = (k: 'inserted' | 'deleted') => group.reduce((n, c) => n + c.counts[k], 0);
    const moved = group.filter((c) => c.kind === 'verplaatst').length;
    const woo = group.some((c) => c.openbaar !== undefined) ? (group.every((c) => c.openbaar) ? 'public' : group.every((c) => c.openbaar === false) ? 'internal only' : 'public and internal') : '';
    const nowPublic = group.filter((c) => c.woo === 'nu openbaar').length;
    const noLonger = group.filter((c) => c.woo === 'niet meer openbaar').length;
    const extra = [moved ? `${moved} moved` : '', woo, nowPublic ? `${nowPublic} now public` : '', noLonger ? `${noLonger} no longer public` : ''].filter(Boolean).join(', ');
    lines.push(`  ${heading.padEnd(48)} +${sum('inserted')} -${sum('deleted')} words${extra ? ` (${extra})` : ''}`);
  }
  for (const s of r.diff.sections) {
    if (s.renamedFrom) lines.push(`  renamed: ${s.renamedFrom} → ${basename(s.file)}`);
    if (s.status === 'nieuw') lines.push(`  new section: ${s.title}`);
    if (s.status === 'verwijderd') lines.push(`  section removed: ${s.title}`);
  }
  const by = (status: string) => r.diff.footnotes.filter((n) => n.status === status).map((n) => n.label);
  const part = (labels: string[], what: string) => `${labels.length} ${what}${labels.length ? ` (${labels.join(', ')})` : ''}`;
  lines.push(`  footnotes: ${part(by('nieuw'), 'added')}, ${part(by('verwijderd'), 'removed')}, ${part(by('gewijzigd'), 'changed')}`);
  for (const v of [...r.facts, ...r.data]) lines.push(`  ${v.where}: ${v.before} → ${v.after}${v.openbaar === undefined ? '' : v.openbaar ? ' (public)' : ' (internal only)'}`);
  return `${lines.join('\n')}\n`;
}

function byHeading(changes: Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const group = groups.get(c.heading);
    if (group) group.push(c);
    else groups.set(c.heading, [c]);
  }
  return groups;
}

/**
 * `--format text`: every change as a word diff, [-deleted-] and {+inserted+}, under its heading, each with
 * its file:line in the new revision and its kind; then the footnotes and the data.
 */
export function wordDiffText(r: DiffReport, name: string): string {
  const out = [`${name}: ${r.from} → ${r.to}`];
  if (!hasChanges(r)) return `${out[0]}\nno changes\n`;
  const where = (c: Change) => `${location(c.file, c.line)} ${c.kind}${wooOf(c) ? `, ${wooOf(c)}` : ''}`;
  const nowPublic = r.diff.changes.filter((c) => c.woo === 'nu openbaar');
  if (nowPublic.length) out.push(`nu openbaar: ${plural(nowPublic.length, 'wijziging maakt', 'wijzigingen maken')} tekst openbaar die dat niet was — ${nowPublic.map((c) => location(c.file, c.line)).join(', ')}`);
  for (const [heading, group] of byHeading(r.diff.changes.filter((c) => !c.note))) {
    out.push('', `## ${heading}`);
    for (const c of group) out.push(where(c), marked(c.element));
  }
  for (const c of r.diff.changes.filter((x) => x.note)) {
    const status = r.diff.footnotes.find((n) => n.label === c.note)?.status;
    out.push('', `## voetnoot ${c.note} (${status ?? 'tekst ongewijzigd'})`, where(c), marked(c.element));
  }
  for (const s of r.diff.sections) if (s.renamedFrom) out.push('', `## ${s.title}`, `renamed: ${s.renamedFrom} → ${basename(s.file)} (no words changed)`);
  if (r.facts.length || r.data.length) {
    out.push('', '## gegevens');
    for (const v of [...r.facts, ...r.data]) out.push(`${v.where}: [-${v.before}-]{+${v.after}+}${wooOf(v) ? `, ${wooOf(v)}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

function hasClass(el: Element, name: string): boolean {
  const c: unknown = el.properties.className;
  return Array.isArray(c) && c.includes(name);
}

/** A piece of a changed block as read: plain, inserted or deleted text, or a footnote call (its number). */
interface Segment {
  how: 'text' | 'ins' | 'del';
  text: string;
  sup?: boolean;
}

/**
 * A merged block as a reader reads it, line by line (a paragraph, a list item, a changed table row), in
 * pieces marked inserted or deleted. A table gives its changed rows only, each as "2021: Overvallen 676 →
 * 1.676" (the row's first cell, then each changed cell under its column's heading); a row inserted or
 * removed as a whole is marked as a whole. A chart gives the line under it that says what changed in it.
 * `labels: false` leaves out the "[Verplaatst …]" label of a moved block.
 */
function readerLines(node: ElementContent, opts: { labels: boolean } = { labels: true }): Segment[][] {
  const lines: Segment[][] = [[]];
  const push = (s: Segment): void => void lines[lines.length - 1]!.push(s);
  const newline = (): void => void lines.push([]);
  const walk = (n: ElementContent, how: Segment['how']): void => {
    if (n.type === 'text') return push({ how, text: n.value.replace(/\n/g, ' ') });
    if (n.type !== 'element' || n.tagName === 'svg') return;
    if (!opts.labels && hasClass(n, 'diff-label')) return;
    if (n.tagName === 'sup') return push({ how: hasClass(n, 'diff-ingevoegd') ? 'ins' : how, text: textOf(n), sup: true });
    if (n.tagName === 'table') return tableLines(n, push, newline);
    if (n.tagName === 'figure') {
      // A chart: what changed in it is told by the line under it.
      const note = n.children.find((c): c is Element => c.type === 'element' && hasClass(c, 'diff-toelichting'));
      if (note) walk(note, how);
      return newline();
    }
    const inner: Segment['how'] = n.tagName === 'del' ? 'del' : n.tagName === 'ins' ? 'ins' : how;
    for (const c of n.children) walk(c, inner);
    if (n.tagName === 'li' || n.tagName === 'p' || n.tagName === 'figcaption') newline();
  };
  walk(node, 'text');
  return lines.filter((l) => l.some((s) => s.sup || s.text.trim() !== ''));
}

/** The changed rows of a merged table, a line each, as a reader says them: "2021: Overvallen 676 → 1.676". */
function tableLines(table: Element, push: (s: Segment) => void, newline: () => void): void {
  const parts = table.children.filter((c): c is Element => c.type === 'element' && ['thead', 'tbody', 'tfoot'].includes(c.tagName));
  const rowsOf = (p: Element) => p.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'tr');
  const cellsOf = (r: Element) => r.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
  const isMarked = (n: ElementContent): boolean => n.type === 'element' && (n.tagName === 'ins' || n.tagName === 'del' || n.children.some(isMarked));
  // A column's heading as it now reads (a changed heading: its new words).
  const newText = (cell: Element): string => {
    const ins = cell.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ins');
    return (ins ? textOf(ins) : textOf(cell)).trim();
  };
  const head = parts.find((p) => p.tagName === 'thead');
  const headings = head && rowsOf(head)[0] ? cellsOf(rowsOf(head)[0]!).map(newText) : [];
  for (const part of parts) {
    for (const row of rowsOf(part)) {
      const cells = cellsOf(row);
      if (!cells.some(isMarked)) continue;
      const whole = hasClass(row, 'diff-ingevoegd') ? 'ins' : hasClass(row, 'diff-verwijderd') ? 'del' : undefined;
      if (whole) {
        const [key, ...rest] = cells.map((cell) => textOf(cell).trim());
        push({ how: whole, text: `${key}: ${rest.map((v, j) => `${headings[j + 1] ?? ''} ${v}`.trim()).join(', ')}` });
        newline();
        continue;
      }
      const key = part.tagName === 'thead' ? 'Kolomkoppen' : textOf(cells[0]!).trim();
      push({ how: 'text', text: `${key}: ` });
      let first = true;
      cells.forEach((cell, j) => {
        if ((j === 0 && part.tagName !== 'thead') || !isMarked(cell)) return;
        push({ how: 'text', text: `${first ? '' : ', '}${part.tagName === 'thead' ? '' : `${headings[j] ?? ''} `}` });
        first = false;
        for (const c of cell.children) {
          if (c.type === 'element' && (c.tagName === 'ins' || c.tagName === 'del')) push({ how: c.tagName, text: textOf(c) });
          else if (c.type === 'text') push({ how: 'text', text: c.value });
        }
      });
      newline();
    }
  }
}

/** A merged block as text with git's word-diff markers ([-deleted-], {+inserted+}; a footnote call as ^5), a line per paragraph, item or table row. */
export function marked(node: ElementContent): string {
  return readerLines(node)
    .map((line) =>
      line
        .map((s) => {
          const text = s.sup ? `^${s.text}` : s.text;
          return s.how === 'ins' ? `{+${text}+}` : s.how === 'del' ? `[-${text}-]` : text;
        })
        .join('')
        .replace(/\s+/g, ' ')
        .replace(/-\] \{\+/g, '-]{+')
        .trim(),
    )
    .filter((l) => l !== '')
    .join('\n');
}
