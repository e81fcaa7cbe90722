import { parseYaml } from '../load/read-yaml.js';
import { layoutSchema, type LayoutDescriptor } from './layout-schema.js';
import { validateYaml } from './validate-yaml.js';

/** A layout's descriptor (templates/<soort>/layout.yaml), every problem at its line and column. */
export function validateLayout(file: string, text: string): LayoutDescriptor {
  return validateYaml(parseYaml(file, text), layoutSchema);
}
