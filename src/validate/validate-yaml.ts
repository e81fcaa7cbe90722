import type { z } from 'zod';
import { isNode, type Node } from 'yaml';
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
  const node = nearestNode(source, path);
  const offset = node?.range?.[0] ?? 0;
  const pos = source.lines.linePos(offset);
  const field = path.length ? path.join('.') : 'file';
  let message = issue.message;
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) message = `is required (${message})`;
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} — check the spelling; allowed fields are in the JSON Schema named at the top of the file`;
  if (issue.code === 'invalid_value' && 'values' in issue) message = `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  return new SourceError(source.file, pos.line, pos.col, `${field}: ${message}`);
}

/** The YAML node at `path`, or the closest existing ancestor (for a missing field: its parent map). */
function nearestNode(source: YamlSource, path: string[]): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? source.doc.contents : source.doc.getIn(path.slice(0, n), true);
    if (isNode(node)) return node;
  }
  return undefined;
}
