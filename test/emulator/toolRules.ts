// The service's rule on combining tools, as the emulator enforces it: built-in tools (Google
// Search, code execution, URL context) together with function declarations are a 400 before
// Gemini 3 (the combination is a Gemini 3 feature); and the rules of function declarations (names,
// duplicates, the Schema of their parameters). Lets tests prove the extension never sends either.
import { googleError, type GoogleErrorBody } from './errors';

const BUILT_IN_TOOLS = ['googleSearch', 'googleSearchRetrieval', 'codeExecution', 'urlContext'] as const;

export function toolCombinationError(model: string | undefined, body: any): GoogleErrorBody | undefined {
  const tools: Record<string, unknown>[] = Array.isArray(body?.tools) ? body.tools : [];
  const builtIn = tools.flatMap((tool) => BUILT_IN_TOOLS.filter((key) => key in tool));
  const functions = tools.some((tool) => Array.isArray(tool.functionDeclarations) && tool.functionDeclarations.length > 0);
  if (!builtIn.length || !functions) return undefined;
  const generation = /^(?:models\/)?gemini-(\d+(?:\.\d+)?)-/.exec(model ?? '')?.[1];
  if (generation !== undefined && Number(generation) >= 3) return undefined;
  return googleError(400, 'INVALID_ARGUMENT', `Built-in tools (${builtIn.join(', ')}) and function calling cannot be combined on ${model ?? 'this model'}; this combination needs a Gemini 3 model.`);
}

const SCHEMA_KEYS = new Set(['type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required', 'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering', 'default', 'items', 'minimum', 'maximum']);
const SCHEMA_TYPES = new Set(['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT']);
const SCHEMA_FORMATS: Record<string, string[]> = { STRING: ['enum', 'date-time'], NUMBER: ['float', 'double'], INTEGER: ['int32', 'int64'] };
/** Gemini's rule for function names: a letter or underscore, then letters, digits, _ . : -; at most 64. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const MAX_SCHEMA_DEPTH = 20;

/**
 * The first thing in a Gemini `Schema` (function parameters) the service refuses, with its path, or
 * undefined: a key Schema does not have ($ref, $schema, additionalProperties, oneOf…), a type it
 * does not know, a format on the wrong type, an enum that is not of strings, a nested OBJECT without
 * properties, an OBJECT with a required name that is not one, an ARRAY without items, an empty anyOf,
 * int64 fields not written as strings, nesting deeper than the service takes.
 */
export function schemaProblem(schema: any, path = 'parameters', depth = 0): string | undefined {
  if (depth > MAX_SCHEMA_DEPTH) return `${path}: nested too deeply`;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return `${path}: not a Schema object`;
  for (const key of Object.keys(schema)) if (!SCHEMA_KEYS.has(key)) return `${path}: Cannot find field "${key}"`;
  if ('anyOf' in schema) {
    if (!Array.isArray(schema.anyOf) || schema.anyOf.length === 0) return `${path}.any_of: should be non-empty`;
    for (let i = 0; i < schema.anyOf.length; i++) {
      const problem = schemaProblem(schema.anyOf[i], `${path}.any_of[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!SCHEMA_TYPES.has(schema.type)) return `${path}.type: invalid value ${JSON.stringify(schema.type)}`;
  if (schema.format !== undefined && !SCHEMA_FORMATS[schema.type]?.includes(schema.format)) return `${path}.format: "${schema.format}" is not supported for ${schema.type}`;
  if (schema.enum !== undefined) {
    if (schema.type !== 'STRING') return `${path}.enum: only allowed for STRING type`;
    if (!Array.isArray(schema.enum) || !schema.enum.every((value: unknown) => typeof value === 'string')) return `${path}.enum: values must be strings`;
  }
  for (const key of ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']) {
    if (key in schema && !/^\d+$/.test(String(schema[key]))) return `${path}.${key}: not an int64`;
  }
  if (schema.type === 'OBJECT') {
    const names = Object.keys(schema.properties ?? {});
    // The top level may be empty (a tool without arguments: recording 01, a real 200); nested, the
    // service has answered "should be non-empty for OBJECT type".
    if (names.length === 0 && depth > 0) return `${path}.properties: should be non-empty for OBJECT type`;
    for (const name of schema.required ?? []) if (!names.includes(name)) return `${path}.required[${JSON.stringify(name)}]: property is not defined`;
    for (const name of names) {
      const problem = schemaProblem(schema.properties[name], `${path}.properties[${name}]`, depth + 1);
      if (problem) return problem;
    }
  } else if ('properties' in schema || 'required' in schema) {
    return `${path}: properties and required are only allowed for OBJECT type`;
  }
  if (schema.type === 'ARRAY') {
    if (!schema.items) return `${path}.items: missing field`;
    return schemaProblem(schema.items, `${path}.items`, depth + 1);
  }
  return undefined;
}

/** A 400 like the service's when a function declaration breaks its rules (name, duplicates, Schema). */
export function functionDeclarationsError(body: any): GoogleErrorBody | undefined {
  const tools: any[] = Array.isArray(body?.tools) ? body.tools : [];
  const seen = new Set<string>();
  for (let t = 0; t < tools.length; t++) {
    const declarations: any[] = Array.isArray(tools[t]?.functionDeclarations) ? tools[t].functionDeclarations : [];
    for (let d = 0; d < declarations.length; d++) {
      const declaration = declarations[d] ?? {};
      const where = `GenerateContentRequest.tools[${t}].function_declarations[${d}]`;
      const name = String(declaration.name ?? '');
      let problem: string | undefined;
      if (!FUNCTION_NAME.test(name)) problem = `${where}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.`;
      else if (seen.has(name)) problem = `${where}.name: Duplicate function declaration found: ${name}`;
      else if (declaration.parameters !== undefined && declaration.parametersJsonSchema !== undefined) problem = `${where}: parameters and parameters_json_schema cannot both be set`;
      else if (declaration.parameters !== undefined) {
        const inner = schemaProblem(declaration.parameters);
        if (inner) problem = `${where}.${inner}`;
      }
      seen.add(name);
      if (problem) return googleError(400, 'INVALID_ARGUMENT', `* ${problem}\n`);
    }
  }
  return undefined;
}

/** The tool rules of a generate request: the combination rule, then the declarations. */
export function toolRequestError(model: string | undefined, body: any): GoogleErrorBody | undefined {
  return toolCombinationError(model, body) ?? functionDeclarationsError(body);
}
