import type { z } from 'zod';
import { isMap, isNode, isScalar, isSeq, type Node } from 'yaml';
import { SourceError, throwIfAny } from '../errors.js';
import type { YamlSource } from '../load/read-yaml.js';

/** Validates a parsed YAML file against a schema; every problem is reported at its own line and column. */
export function validateYaml<S extends z.ZodType>(source: YamlSource, schema: S): z.infer<S> {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  throwIfAny(result.error.issues.map((issue) => issueToError(source, issue)));
  throw new Error('unreachable');
}

export function issueToError(source: YamlSource, issue: z.core.$ZodIssue): SourceError {
  const path = issue.path.map(String);
  const { node, exact } = nearestNode(source, path);
  const offset = node?.range?.[0] ?? 0;
  const pos = source.lines.linePos(offset);
  const field = path.length ? path.join('.') : 'file';
  let message = issue.message;
  if (!exact && issue.code !== 'unrecognized_keys') message = `is required — ${message}`;
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} — check the spelling; allowed fields are in the JSON Schema named at the top of the file`;
  if (issue.code === 'invalid_value' && 'values' in issue) message = `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  return new SourceError(source.file, pos.line, pos.col, `${field}: ${message}`);
}

/** The YAML node at `path`, or the closest existing ancestor (for a missing field: its parent map). */
function nearestNode(source: YamlSource, path: string[]): { node: Node | undefined; exact: boolean } {
  let node: Node | undefined = source.doc.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const child = childOf(node, path[i]!);
    if (!child) return { node, exact: false };
    node = child;
  }
  return { node, exact: true };
}

/** Map keys are compared as text, so that a year written as 2013 is found under "2013". */
function childOf(node: Node | undefined, key: string): Node | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (k === key) return isNode(pair.value) ? pair.value : isNode(pair.key) ? pair.key : undefined;
    }
  }
  if (isSeq(node)) {
    const item = node.items[Number(key)];
    return isNode(item) ? item : undefined;
  }
  return undefined;
}
