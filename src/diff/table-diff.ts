import type { Element } from 'hast';
import { h } from 'hastscript';
import { textOf } from '../markdown/to-html.js';
import type { Counts } from './inline-diff.js';
import { addClass } from './mark.js';
import { isWord, tokenize } from './tokens.js';

/**
 * Two revisions of a table, cell by cell: rows are matched by their first cell (the year, the series), columns
 * by their header. A changed cell shows old → new; a row only in one revision is marked as a whole.
 */
export function diffTable(oldTable: Element, newTable: Element): { element: Element; counts: Counts; changed: boolean; cells: number } {
  const table = structuredClone(newTable);
  const counts: Counts = { inserted: 0, deleted: 0 };
  let cells = 0;
  const words = (s: string) => tokenize(s).filter((t) => isWord(t.text)).length;

  const oldColumns = headerTexts(oldTable);
  const newColumns = headerTexts(newTable);
  const oldRows = new Map<string, Element>(rowsOf(oldTable).map((r) => [`${r.part}\u0000${rowKey(r.row)}`, r.row]));
  const seen = new Set<string>();

  for (const part of partsOf(table)) {
    const rows = part.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'tr');
    let previousKey: string | undefined;
    for (const row of rows) {
      const key = `${part.tagName}\u0000${rowKey(row)}`;
      const old = oldRows.get(key);
      const cellsOf = (r: Element) => r.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
      if (!old) {
        addClass(row, 'diff-ingevoegd');
        for (const cell of cellsOf(row)) {
          counts.inserted += words(textOf(cell));
          cell.children = [h('ins', textOf(cell))];
        }
        cells++;
      } else {
        seen.add(key);
        const oldCells = cellsOf(old);
        cellsOf(row).forEach((cell, j) => {
          const column = newColumns[j];
          const oj = part.tagName === 'thead' ? j : column === undefined ? j : oldColumns.indexOf(column);
          const before = oj >= 0 && oldCells[oj] ? textOf(oldCells[oj]!) : undefined;
          const after = textOf(cell);
          if (before === after) return;
          cells++;
          if (before === undefined || before.trim() === '') {
            counts.inserted += words(after);
            cell.children = [h('ins', after)];
          } else {
            counts.inserted += words(after);
            counts.deleted += words(before);
            cell.children = [h('del', before), { type: 'text', value: ' → ' }, h('ins', after)];
          }
        });
      }
      // Rows of the old revision that are gone, shown where they stood (after the row before them).
      for (const [oldKey, oldRow] of oldRows) {
        if (seen.has(oldKey) || !oldKey.startsWith(`${part.tagName}\u0000`)) continue;
        if (precedingKey(oldTable, oldRow) === previousKey) {
          part.children.splice(part.children.indexOf(row), 0, removedRow(oldRow));
          seen.add(oldKey);
          counts.deleted += words(textOf(oldRow));
          cells++;
        }
      }
      previousKey = rowKey(row);
    }
    for (const [oldKey, oldRow] of oldRows) {
      if (seen.has(oldKey) || !oldKey.startsWith(`${part.tagName}\u0000`)) continue;
      part.children.push(removedRow(oldRow));
      seen.add(oldKey);
      counts.deleted += words(textOf(oldRow));
      cells++;
    }
  }
  return { element: table, counts, changed: cells > 0, cells };
}

function removedRow(row: Element): Element {
  const copy = structuredClone(row);
  addClass(copy, 'diff-verwijderd');
  for (const cell of copy.children) if (cell.type === 'element') cell.children = [h('del', textOf(cell))];
  return copy;
}

function partsOf(table: Element): Element[] {
  return table.children.filter((c): c is Element => c.type === 'element' && ['thead', 'tbody', 'tfoot'].includes(c.tagName));
}

function rowsOf(table: Element): Array<{ part: string; row: Element }> {
  return partsOf(table).flatMap((p) => p.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'tr').map((row) => ({ part: p.tagName, row })));
}

function rowKey(row: Element): string {
  const first = row.children.find((c): c is Element => c.type === 'element');
  return first ? textOf(first).trim() : '';
}

function precedingKey(table: Element, row: Element): string | undefined {
  for (const p of partsOf(table)) {
    const rows = p.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'tr');
    const i = rows.indexOf(row);
    if (i >= 0) return i === 0 ? undefined : rowKey(rows[i - 1]!);
  }
  return undefined;
}

function headerTexts(table: Element): string[] {
  const head = partsOf(table).find((p) => p.tagName === 'thead');
  const row = head?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'tr');
  return row ? row.children.filter((c): c is Element => c.type === 'element').map((c) => textOf(c).trim()) : [];
}

