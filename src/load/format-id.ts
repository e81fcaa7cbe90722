declare const __SOURCE_FORMAT_ID__: string | undefined;

/**
 * The version of what reads source files (schemas, checks, the YAML parser, zod), set by the bundler
 * (scripts/bundle.mjs): part of the key of every cached validation, so a changed schema validates anew.
 */
export const SOURCE_FORMAT_ID = typeof __SOURCE_FORMAT_ID__ === 'string' ? __SOURCE_FORMAT_ID__ : 'unbundled';
