import type { Element, ElementContent } from 'hast';
import { basename } from 'node:path';
import { h } from 'hastscript';
import { location } from '../errors.js';
import type { ValueChange } from './data-diff.js';
import type { Change, DocumentDiff } from './document-diff.js';
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

function wooOf(c: Change): string | undefined {
  return c.openbaar === undefined ? undefined : c.openbaar ? 'ook in de openbare versie' : 'alleen intern';
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
  const woo = changes.some((c) => c.openbaar !== undefined);
  rows.push(h('h2', 'Wijzigingen'));
  rows.push(
    h(
      'p',
      `Van ${r.from} naar ${r.to}: ${plural(changes.length, 'wijziging', 'wijzigingen')}. Ingevoegd is onderstreept, verwijderd is doorgehaald; een gewijzigde tabelcel toont oud → nieuw.${woo ? ` ${plural(changes.filter((c) => c.openbaar).length, 'wijziging staat', 'wijzigingen staan')} ook in de openbare versie (boven de streep), ${changes.filter((c) => c.openbaar === false).length} alleen in de interne.` : ''}`,
    ),
  );
  if (changes.length) {
    rows.push(
      h('table', { className: ['diff-wijzigingen'] }, [
        h('colgroup', [h('col', { className: ['blz'] }), h('col', { className: ['onderdeel'] }), h('col', { className: ['soort'] }), h('col', { className: ['tekst'] })]),
        h('thead', h('tr', [h('th', { scope: 'col' }, 'Blz.'), h('th', { scope: 'col' }, 'Onderdeel'), h('th', { scope: 'col' }, 'Soort'), h('th', { scope: 'col' }, 'Tekst')])),
        h(
          'tbody',
          changes.map((c) => {
            const w = wooOf(c);
            return h('tr', [
              h('td', h('a', { className: [CLASS.pageRef], href: `#${c.id}`, dataVerwijzing: c.id }, '?')),
              h('td', h('a', { href: `#${c.id}` }, placeOf(c))),
              h('td', [kindOf(c), ...(w ? [h('br'), h('span', { className: [c.openbaar ? 'diff-openbaar' : 'diff-intern'] }, w)] : [])]),
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
  if (values.length) rows.push(h('ul', values.map((v) => h('li', [`${v.where}: `, h('del', v.before), ' → ', h('ins', v.after)]))));
  // Blocks of their own, not one box: the pager splits a long change list between its rows, page after page.
  const blocks = rows.filter((b): b is Element => b.type === 'element');
  for (const b of blocks) b.properties.className = [...((b.properties.className as string[] | undefined) ?? []), 'diff-samenvatting-deel'];
  blocks[blocks.length - 1]!.properties.className = [...(blocks[blocks.length - 1]!.properties.className as string[]), 'diff-samenvatting-einde'];
  return blocks;
}

/** A few words around the first change of a block, with what was inserted and deleted marked. */
export function contextOf(c: Change, words = 14): ElementContent[] {
  const lines = marked(c.element).split('\n');
  const line = lines.find((l) => /\[-|\{\+/.test(l)) ?? lines[0] ?? '';
  const segments = [...line.replace(/^\[Verplaatst [^\]]*\] /, '').matchAll(/\[-(.*?)-\]|\{\+(.*?)\+\}|((?:(?!\[-|\{\+).)+)/g)].map((m) => (m[1] !== undefined ? { how: 'del', text: m[1] } : m[2] !== undefined ? { how: 'ins', text: m[2] } : { how: 'text', text: m[3]! }));
  const out: ElementContent[] = [];
  const first = segments.findIndex((s) => s.how !== 'text');
  let budget = words;
  segments.forEach((s, i) => {
    if (budget <= 0) return;
    let text = s.text;
    if (c.kind !== 'verplaatst' && i < first) {
      if (i < first - 1) return;
      const w = text.trim().split(/\s+/);
      text = `${w.length > 4 ? '… ' : ''}${w.slice(-4).join(' ')}${/\s$/.test(text) ? ' ' : ''}`;
    } else {
      const w = text.split(/(\s+)/);
      let taken = '';
      for (const part of w) {
        if (part.trim() && budget-- <= 0) {
          taken = `${taken.trimEnd()} …`;
          break;
        }
        taken += part;
      }
      text = taken;
    }
    // A footnote call reads "^41" in a word diff; in a few words of context it is left out.
    if (s.how === 'text') text = text.replace(/\s?\^\w+/g, '');
    out.push(s.how === 'text' ? { type: 'text', value: text } : h(s.how, text));
  });
  return out;
}

/** The terminal's summary: a line per heading with changes under it, then sections, footnotes and data. */
export function summaryText(r: DiffReport, name: string): string {
  const lines = [`${name}: ${r.from} → ${r.to}`];
  if (!hasChanges(r)) return `${lines[0]}\n  no changes\n`;
  for (const [heading, group] of byHeading(r.diff.changes.filter((c) => !c.note))) {
    const sum = (k: 'inserted' | 'deleted') => group.reduce((n, c) => n + c.counts[k], 0);
    const moved = group.filter((c) => c.kind === 'verplaatst').length;
    const woo = group.some((c) => c.openbaar !== undefined) ? (group.every((c) => c.openbaar) ? 'public' : group.every((c) => c.openbaar === false) ? 'internal only' : 'public and internal') : '';
    const extra = [moved ? `${moved} moved` : '', woo].filter(Boolean).join(', ');
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
  for (const v of [...r.facts, ...r.data]) lines.push(`  ${v.where}: ${v.before} → ${v.after}`);
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
  const where = (c: Change) => `${location(c.file, c.line)} ${c.kind}${c.openbaar === undefined ? '' : c.openbaar ? ', ook in de openbare versie' : ', alleen intern'}`;
  for (const [heading, group] of byHeading(r.diff.changes.filter((c) => !c.note))) {
    out.push('', `## ${heading}`);
    for (const c of group) out.push(where(c), marked(c.element));
  }
  for (const c of r.diff.changes.filter((x) => x.note)) {
    const status = r.diff.footnotes.find((n) => n.label === c.note)?.status;
    out.push('', `## voetnoot ${c.note} (${status})`, where(c), marked(c.element));
  }
  for (const s of r.diff.sections) if (s.renamedFrom) out.push('', `## ${s.title}`, `renamed: ${s.renamedFrom} → ${basename(s.file)} (no words changed)`);
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
    if (n.type === 'text') return n.value.replace(/\n/g, ' ');
    if (n.type !== 'element') return '';
    if (n.tagName === 'svg') return '';
    const inner = n.children.map(walk).join('');
    if (n.tagName === 'del') return `[-${inner}-]`;
    if (n.tagName === 'ins') return `{+${inner}+}`;
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
