import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { ValueChange } from './data-diff.js';
import type { DocumentDiff } from './document-diff.js';
import { CLASS } from '../paginate/contract.js';

/** Everything a reviewer is told about the changes between two revisions. */
export interface DiffReport {
  from: string;
  to: string;
  diff: DocumentDiff;
  data: ValueChange[];
  facts: ValueChange[];
}

export function hasChanges(r: DiffReport): boolean {
  return r.diff.sections.some((s) => s.status !== 'gelijk') || r.diff.footnotes.length > 0 || r.data.length > 0 || r.facts.length > 0;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The block at the top of the redline: what changed, per section, in the footnotes, in the data. */
export function summaryBlock(r: DiffReport): Element {
  const rows: ElementContent[] = [];
  if (!hasChanges(r)) {
    return h('section', { className: ['diff-samenvatting', CLASS.keepTogether] }, [
      h('h2', 'Wijzigingen'),
      h('p', `Geen wijzigingen: ${r.to} is gelijk aan ${r.from} in tekst, voetnoten, tabellen, grafieken, cijfers en briefgegevens.`),
    ]);
  }
  const changed = r.diff.sections.filter((s) => s.status !== 'gelijk');
  rows.push(h('h2', 'Wijzigingen'));
  rows.push(h('p', `Van ${r.from} naar ${r.to}. Ingevoegd is onderstreept, verwijderd is doorgehaald; een gewijzigde tabelcel toont oud → nieuw.`));
  rows.push(
    h('table', { className: ['tabel', 'diff-tabel'] }, [
      h('thead', h('tr', [h('th', { scope: 'col' }, 'Onderdeel'), h('th', { scope: 'col' }, 'Woorden ingevoegd'), h('th', { scope: 'col' }, 'Woorden verwijderd')])),
      h(
        'tbody',
        changed.map((s) =>
          h('tr', [
            h('th', { scope: 'row' }, `${s.title}${s.status === 'nieuw' ? ' (nieuw)' : s.status === 'verwijderd' ? ' (verwijderd)' : ''}${s.moved ? ` (${plural(s.moved, 'alinea', 'alinea’s')} verplaatst)` : ''}`),
            h('td', String(s.counts.inserted)),
            h('td', String(s.counts.deleted)),
          ]),
        ),
      ),
    ]),
  );
  const notes = r.diff.footnotes;
  const count = (status: string) => notes.filter((n) => n.status === status).map((n) => n.label);
  const added = count('nieuw');
  const removed = count('verwijderd');
  const changedNotes = count('gewijzigd');
  rows.push(
    h('p', [
      `Voetnoten: ${added.length} toegevoegd${added.length ? ` (${added.join(', ')})` : ''}, ${removed.length} verwijderd${removed.length ? ` (${removed.join(', ')})` : ''}, ${changedNotes.length} gewijzigd${changedNotes.length ? ` (${changedNotes.join(', ')})` : ''}.`,
    ]),
  );
  const values = [...r.facts, ...r.data];
  rows.push(h('p', values.length ? `Gewijzigde gegevens (${values.length}):` : 'Gewijzigde gegevens: geen.'));
  if (values.length) rows.push(h('ul', values.map((v) => h('li', [`${v.where}: `, h('del', v.before), ' → ', h('ins', v.after)]))));
  return h('section', { className: ['diff-samenvatting'] }, rows);
}

/** The terminal's summary: a line per changed section, then footnotes and data. */
export function summaryText(r: DiffReport, name: string): string {
  const lines = [`${name}: ${r.from} → ${r.to}`];
  if (!hasChanges(r)) return `${lines[0]}\n  no changes\n`;
  for (const s of r.diff.sections) {
    if (s.status === 'gelijk') continue;
    const extra = [s.status === 'nieuw' ? 'new section' : s.status === 'verwijderd' ? 'section removed' : '', s.moved ? `${s.moved} moved` : '', s.tableCells ? `${s.tableCells} table cells` : ''].filter(Boolean).join(', ');
    lines.push(`  ${s.title.padEnd(48)} +${s.counts.inserted} -${s.counts.deleted} words${extra ? ` (${extra})` : ''}`);
  }
  const by = (status: string) => r.diff.footnotes.filter((n) => n.status === status).map((n) => n.label);
  lines.push(`  footnotes: ${by('nieuw').length} added, ${by('verwijderd').length} removed, ${by('gewijzigd').length} changed${r.diff.footnotes.length ? ` (${r.diff.footnotes.map((n) => `${n.label} ${n.status === 'nieuw' ? 'added' : n.status === 'verwijderd' ? 'removed' : 'changed'}`).join(', ')})` : ''}`);
  for (const v of [...r.facts, ...r.data]) lines.push(`  ${v.where}: ${v.before} → ${v.after}`);
  return `${lines.join('\n')}\n`;
}

/** `--format text`: every changed block as a word diff, [-deleted-] and {+inserted+}, by section and footnote. */
export function wordDiffText(r: DiffReport, name: string): string {
  const out = [`${name}: ${r.from} → ${r.to}`];
  if (!hasChanges(r)) return `${out[0]}\nno changes\n`;
  for (const s of r.diff.sections) {
    if (!s.changedBlocks.length) continue;
    out.push('', `## ${s.title}`);
    for (const block of s.changedBlocks) out.push(marked(block));
  }
  for (const n of r.diff.footnotes) {
    out.push('', `## voetnoot ${n.label} (${n.status})`, marked(n.element.children.find((c): c is Element => c.type === 'element' && hasClass(c, 'noot-tekst')) ?? n.element));
  }
  if (r.facts.length || r.data.length) {
    out.push('', '## gegevens');
    for (const v of [...r.facts, ...r.data]) out.push(`${v.where}: [-${v.before}-]{+${v.after}+}`);
  }
  return `${out.join('\n')}\n`;
}

function hasClass(el: Element, name: string): boolean {
  const c: unknown = el.properties.className;
  return Array.isArray(c) && c.includes(name);
}

/** A merged block as one line of text with git's word-diff markers; table cells separated by " | ". */
export function marked(node: ElementContent): string {
  const walk = (n: ElementContent): string => {
    if (n.type === 'text') return n.value;
    if (n.type !== 'element') return '';
    const inner = n.children.map(walk).join('');
    if (n.tagName === 'del') return `[-${inner}-]`;
    if (n.tagName === 'ins') return `{+${inner}+}`;
    if (n.tagName === 'svg') return '';
    if (n.tagName === 'sup') return hasClass(n, 'diff-ingevoegd') ? `{+^${inner}+}` : `^${inner}`;
    if (n.tagName === 'figure') {
      // A chart: what changed in it is told by the line under it.
      const note = n.children.find((c): c is Element => c.type === 'element' && hasClass(c, 'diff-toelichting'));
      return note ? `${walk(note)}\n` : '';
    }
    if (n.tagName === 'td' || n.tagName === 'th') return `${inner} | `;
    if (n.tagName === 'tr') return /\[-|\{\+/.test(inner) ? `${inner}\n` : '';
    if (n.tagName === 'li' || n.tagName === 'p' || n.tagName === 'figcaption') return `${inner}\n`;
    return inner;
  };
  return walk(node)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').replace(/-\] \{\+/g, '-]{+').replace(/ \| $/, '').trim())
    .filter((l) => l !== '')
    .join('\n');
}
