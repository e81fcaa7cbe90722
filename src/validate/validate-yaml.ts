import type { z } from 'zod';
import { isMap, isNode, isScalar, isSeq, type Node } from 'yaml';
import { SourceError, throwIfAny } from '../errors.js';
import type { YamlSource } from '../load/read-yaml.js';

/**
 * How a source is parsed: once per process (the cache of validated files keeps the result), so without zod's
 * fast path, a parser generated with `new Function` for each object shape on its first use, which pays back
 * only over many parses. The first validation of a data file measured 11.2 → 8.4 ms (8 runs each, a fresh
 * process); the results and messages are zod's own either way.
 */
export const PARSE_ONCE = { jitless: true } as const;

/** Validates a parsed YAML file against a schema; every problem is reported at its own line and column. */
export function validateYaml<S extends z.ZodType>(source: YamlSource, schema: S): z.infer<S> {
  const result = schema.safeParse(source.value, PARSE_ONCE);
  if (result.success) return result.data;
  // In the order of the file, whatever the order of the schema's fields (a kind's facts follow the common ones).
  const errors = result.error.issues.map((issue) => issueToError(source, issue));
  throwIfAny(errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  throw new Error('unreachable');
}

export function issueToError(source: YamlSource, issue: z.core.$ZodIssue): SourceError {
  if (issue.code === 'invalid_union') {
    // Of the alternatives, report the one that got furthest into the value (an object with a wrong field).
    const deepest = issue.errors.map((e) => e[0]).filter((e) => e !== undefined).sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest && deepest.path.length > 0) return issueToError(source, { ...deepest, path: [...issue.path, ...deepest.path] });
  }
  let path = issue.path.map(String);
  let atKey = issue.code === 'invalid_key' || (issue.code === 'custom' && (issue.params as { atKey?: boolean } | undefined)?.atKey === true);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    // Point at the (first) unknown key itself.
    path = [...path, issue.keys[0]!];
    atKey = true;
    const where = source.lineOffset > 0 ? 'the fields of this block are listed in the README' : 'the fields allowed here are in the JSON Schema named at the top of the file';
    message = `unknown field${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : ''} — check the spelling; ${where}`;
  }
  const { node, exact } = nearestNode(source, path, atKey);
  const offset = node?.range?.[0] ?? 0;
  const pos = source.lines.linePos(offset);
  const field = path.length ? path.join('.') : 'file';
  if (issue.code === 'invalid_value' && 'values' in issue) message = `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  if (issue.code === 'invalid_key') message = notAYear(source, path[path.length - 1]!, offset);
  if (!exact && issue.code !== 'unrecognized_keys') message = message.startsWith('Invalid input') ? 'is required — add it to this file' : `is required — ${message}`;
  return new SourceError(source.file, pos.line + source.lineOffset, pos.col, `${field}: ${message}`);
}

/** A key under a measure that is not a year; inside { } a decimal comma (62,57) splits a figure into 62 and a key 57. */
function notAYear(source: YamlSource, key: string, offset: number): string {
  const before = source.text.slice(Math.max(0, offset - 2), offset);
  if (/\d,$/.test(before)) return `"${key}" is not a year — a decimal comma splits a figure in two: write 62.57, not 62,57`;
  return `"${key}" is not a year — figures are listed per year, e.g. { 2020: 907, 2021: 676 }`;
}

/** The YAML node at `path`, or the closest existing ancestor (for a missing field: its parent map). */
function nearestNode(source: YamlSource, path: string[], atKey = false): { node: Node | undefined; exact: boolean } {
  let node: Node | undefined = source.doc.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const child = childOf(node, path[i]!, atKey && i === path.length - 1);
    if (!child) return { node, exact: false };
    node = child;
  }
  return { node, exact: true };
}

/** Map keys are compared as text, so that a year written as 2013 is found under "2013". */
function childOf(node: Node | undefined, key: string, atKey = false): Node | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (k === key && atKey && isNode(pair.key)) return pair.key;
      if (k === key) return isNode(pair.value) ? pair.value : isNode(pair.key) ? pair.key : undefined;
    }
  }
  if (isSeq(node)) {
    const item = node.items[Number(key)];
    return isNode(item) ? item : undefined;
  }
  return undefined;
}
