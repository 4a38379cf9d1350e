// JSON Schema (what MCP servers and VS Code's language-model tools declare) → the OpenAPI-subset
// Schema Gemini accepts in a function declaration's `parameters`. Pure and total: every input
// gives a declaration the service takes, and what could not be expressed is written into the
// descriptions so the model still knows it.
//
// What Gemini rejects and what becomes of it:
// - keywords it does not know ($schema, $id, $comment, additionalProperties, patternProperties,
//   if/then/else, not, uniqueItems, multipleOf, …): dropped; exclusive bounds become inclusive ones;
// - `$ref` / `$defs` / `definitions`: inlined (local references only); a recursive one stops as
//   a JSON-encoded string at its second appearance;
// - `anyOf` / `oneOf` / type arrays: a null member becomes `nullable`; string constants merge into
//   one enum; otherwise `anyOf` of the converted members; `allOf` of objects is merged;
// - `const`, and enums of numbers or booleans (Gemini's enum is strings only): a string enum where
//   the values are strings, otherwise the type with the allowed values in the description;
// - free-form values (an object without properties, an array without items, a schema without a
//   type) and anything nested deeper than `maxDepth`: a string holding JSON. Their paths are kept
//   in the result, and decodeArguments() parses them back before the tool is called.
// - string formats other than `enum` and `date-time`: dropped, named in the description.
import type { Schema, Type } from '@google/genai';

type Json = Record<string, unknown>;

export interface ConvertedSchema {
  /** For `parameters`; undefined when the tool takes no arguments. */
  parameters?: Schema;
  /** Argument paths sent as JSON text; '[]' stands for "each item of the array". */
  jsonPaths: string[][];
  /** The tool's input is not an object of named arguments: it travels as the one argument `value`. */
  unwrapValue?: boolean;
}

export interface ConvertOptions {
  /** Object/array nesting kept as is; deeper values travel as JSON text. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 8;
const STRING_FORMATS = new Set(['enum', 'date-time']);
const NUMBER_FORMATS = new Set(['float', 'double']);
const INTEGER_FORMATS = new Set(['int32', 'int64']);
const T = { STRING: 'STRING', NUMBER: 'NUMBER', INTEGER: 'INTEGER', BOOLEAN: 'BOOLEAN', ARRAY: 'ARRAY', OBJECT: 'OBJECT' } as unknown as Record<string, Type>;

interface Context {
  root: Json;
  maxDepth: number;
  jsonPaths: string[][];
  /** $refs being expanded on the current path (recursion guard). */
  expanding: Set<string>;
}

export function toGeminiParameters(input: unknown, options: ConvertOptions = {}): ConvertedSchema {
  const root = isObject(input) ? input : {};
  const ctx: Context = { root, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH, jsonPaths: [], expanding: new Set() };
  if (takesNoArguments(root)) return { jsonPaths: [] };
  const schema = convert(root, [], 0, ctx);
  if (schema.type === T.OBJECT) return { parameters: schema, jsonPaths: ctx.jsonPaths };
  // Parameters must be an object with properties: anything else (a free-form object, a string, a
  // union) is wrapped as one argument, `value`, and unwrapped again by decodeArguments.
  return {
    parameters: { type: T.OBJECT, properties: { value: schema }, required: ['value'] },
    jsonPaths: ctx.jsonPaths.map((p) => ['value', ...p]),
    unwrapValue: true,
  };
}

/** An object schema with no properties that allows no other keys either (or says nothing at all). */
function takesNoArguments(root: Json): boolean {
  if (root.$ref || root.anyOf || root.oneOf || root.allOf) return false;
  const properties = isObject(root.properties) ? Object.keys(root.properties).length : 0;
  const typeless = root.type === undefined || root.type === 'object';
  const extra = root.additionalProperties !== undefined && root.additionalProperties !== false;
  return typeless && properties === 0 && !extra && root.items === undefined && root.enum === undefined && root.const === undefined;
}

function convert(raw: Json, path: string[], depth: number, ctx: Context): Schema {
  const resolved = resolveRef(raw, ctx);
  if (resolved === 'recursive') return jsonText(raw, path, ctx, 'a recursive structure');
  const { schema: node, ref } = resolved;
  try {
    return convertResolved(node, path, depth, ctx);
  } finally {
    if (ref) ctx.expanding.delete(ref);
  }
}

function convertResolved(node: Json, path: string[], depth: number, ctx: Context): Schema {
  const notes: string[] = [];
  const merged = mergeAllOf(node, ctx);
  const union = unionOf(merged);
  if (union) return convertUnion(merged, union, path, depth, ctx);

  let { type, nullable } = typeOf(merged);
  if ('const' in merged) return withCommon(constSchema(merged.const), merged, nullable, notes);
  if (!type && Array.isArray(merged.enum)) type = enumType(merged.enum);
  if (!type && isObject(merged.properties)) type = 'object';
  if (!type && 'items' in merged) type = 'array';
  if (!type) return jsonText(merged, path, ctx, 'any JSON value');

  const nested = type === 'object' || type === 'array';
  if (nested && depth >= ctx.maxDepth) return jsonText(merged, path, ctx, `a ${type} nested too deeply to declare`);

  let schema: Schema;
  switch (type) {
    case 'object': {
      const properties = isObject(merged.properties) ? merged.properties : {};
      const names = Object.keys(properties).filter((name) => isObject(properties[name]) || properties[name] === true);
      if (names.length === 0) return jsonText(merged, path, ctx, 'a JSON object');
      const converted: Record<string, Schema> = {};
      for (const name of names) {
        const child = properties[name] === true ? {} : (properties[name] as Json);
        converted[name] = convert(child, [...path, name], depth + 1, ctx);
      }
      const required = Array.isArray(merged.required) ? merged.required.filter((n): n is string => typeof n === 'string' && names.includes(n)) : [];
      schema = { type: T.OBJECT, properties: converted, ...(required.length ? { required } : {}) };
      if (isObject(merged.additionalProperties) || merged.additionalProperties === true) notes.push('other keys may be given too');
      break;
    }
    case 'array': {
      const items = Array.isArray(merged.items) ? merged.items[0] : merged.items;
      if (!isObject(items)) return jsonText(merged, path, ctx, 'a JSON array');
      schema = { type: T.ARRAY, items: convert(items, [...path, '[]'], depth + 1, ctx) };
      if (isCount(merged.minItems)) schema.minItems = String(merged.minItems);
      if (isCount(merged.maxItems)) schema.maxItems = String(merged.maxItems);
      if (merged.uniqueItems === true) notes.push('items must be unique');
      break;
    }
    case 'string':
      schema = { type: T.STRING };
      stringRules(merged, schema, notes);
      break;
    case 'integer':
    case 'number':
      schema = { type: type === 'integer' ? T.INTEGER : T.NUMBER };
      numberRules(merged, schema, type, notes);
      break;
    case 'boolean':
      schema = { type: T.BOOLEAN };
      break;
    default:
      return jsonText(merged, path, ctx, 'any JSON value');
  }
  return withCommon(schema, merged, nullable, notes);
}

function convertUnion(node: Json, members: Json[], path: string[], depth: number, ctx: Context): Schema {
  const nullable = members.some((m) => m.type === 'null');
  const rest = members.filter((m) => m.type !== 'null');
  const { anyOf: _a, oneOf: _o, ...outer } = node;
  if (rest.length === 1) {
    const single = convert({ ...outer, ...rest[0] }, path, depth, ctx);
    return nullable ? { ...single, nullable: true } : single;
  }
  const constants = rest.map((m) => m.const ?? (Array.isArray(m.enum) && m.enum.length === 1 ? m.enum[0] : undefined));
  if (constants.length && constants.every((c) => typeof c === 'string')) {
    const schema: Schema = { type: T.STRING, enum: constants as string[], format: 'enum' };
    return withCommon(schema, outer, nullable, []);
  }
  if (rest.length === 0) return jsonText(node, path, ctx, 'null');
  // Members that need JSON text cannot sit inside anyOf (their path would be ambiguous): the whole union travels as JSON.
  const probe: Context = { ...ctx, jsonPaths: [], expanding: new Set(ctx.expanding) };
  const converted = rest.map((m) => convert(m, path, depth, probe));
  if (probe.jsonPaths.length) return jsonText(node, path, ctx, 'one of several shapes');
  return withCommon({ anyOf: converted }, outer, nullable, []);
}

function constSchema(value: unknown): Schema {
  if (typeof value === 'string') return { type: T.STRING, enum: [value], format: 'enum' };
  if (typeof value === 'boolean') return { type: T.BOOLEAN, description: `Always ${value}.` };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? T.INTEGER : T.NUMBER, description: `Always ${value}.` };
  return { type: T.STRING, description: `Always ${JSON.stringify(value)}.` };
}

function stringRules(node: Json, schema: Schema, notes: string[]): void {
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v): v is string => typeof v === 'string');
    if (values.length) { schema.enum = values; schema.format = 'enum'; }
  } else if (typeof node.format === 'string') {
    if (STRING_FORMATS.has(node.format)) schema.format = node.format;
    else notes.push(`format: ${node.format}`);
  }
  if (isCount(node.minLength)) schema.minLength = String(node.minLength);
  if (isCount(node.maxLength)) schema.maxLength = String(node.maxLength);
  if (typeof node.pattern === 'string' && node.pattern.length <= 200) schema.pattern = node.pattern;
}

function numberRules(node: Json, schema: Schema, type: 'integer' | 'number', notes: string[]): void {
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v) => typeof v === 'number');
    if (values.length) notes.push(`one of ${values.join(', ')}`);
  }
  const formats = type === 'integer' ? INTEGER_FORMATS : NUMBER_FORMATS;
  if (typeof node.format === 'string' && formats.has(node.format)) schema.format = node.format;
  const step = type === 'integer' ? 1 : 0;
  const low = bound(node.minimum, node.exclusiveMinimum, +step);
  const high = bound(node.maximum, node.exclusiveMaximum, -step);
  if (low !== undefined) schema.minimum = low.value;
  if (high !== undefined) schema.maximum = high.value;
  if (low?.exclusive && type === 'number') notes.push(`greater than ${low.value}`);
  if (high?.exclusive && type === 'number') notes.push(`less than ${high.value}`);
  if (typeof node.multipleOf === 'number') notes.push(`a multiple of ${node.multipleOf}`);
}

/** Inclusive bound from minimum/maximum and the draft-4 (boolean) or draft-6+ (number) exclusive forms. */
function bound(inclusive: unknown, exclusive: unknown, step: number): { value: number; exclusive: boolean } | undefined {
  if (typeof exclusive === 'number') return { value: exclusive + step, exclusive: step === 0 };
  if (typeof inclusive !== 'number') return undefined;
  if (exclusive === true) return { value: inclusive + step, exclusive: step === 0 };
  return { value: inclusive, exclusive: false };
}

/** description (with the notes of what could not be declared), title, default, nullable. */
function withCommon(schema: Schema, node: Json, nullable: boolean, notes: string[]): Schema {
  const description = [typeof node.description === 'string' ? node.description.trim() : '', notes.length ? `(${notes.join('; ')})` : '']
    .filter(Boolean).join(' ');
  const out: Schema = { ...schema };
  const merged = [out.description, description].filter(Boolean).join(' ');
  if (merged) out.description = merged;
  if (typeof node.title === 'string' && node.title) out.title = node.title;
  if (node.default !== undefined && isPlain(node.default)) out.default = node.default;
  if (nullable) out.nullable = true;
  return out;
}

/** A value declared as a string holding JSON; its path is remembered for decodeArguments. */
function jsonText(node: Json, path: string[], ctx: Context, what: string): Schema {
  ctx.jsonPaths.push(path);
  const description = typeof node.description === 'string' ? `${node.description.trim()} ` : '';
  return { type: T.STRING, description: `${description}(${what}, written as JSON text)` };
}

function typeOf(node: Json): { type?: string; nullable: boolean } {
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t): t is string => typeof t === 'string');
    const nonNull = types.filter((t) => t !== 'null');
    return { type: nonNull.length === 1 ? nonNull[0] : undefined, nullable: types.includes('null') || node.nullable === true };
  }
  return { type: typeof node.type === 'string' && node.type !== 'null' ? node.type : undefined, nullable: node.nullable === true };
}

/** anyOf / oneOf members, or the members a multi-type array implies; undefined when neither. */
function unionOf(node: Json): Json[] | undefined {
  const list = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (list) return list.filter(isObject);
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t): t is string => typeof t === 'string' && t !== 'null');
    if (types.length > 1) {
      const { type: _t, ...rest } = node;
      return [...types.map((t) => ({ ...rest, type: t })), ...(node.type.includes('null') ? [{ type: 'null' }] : [])];
    }
  }
  return undefined;
}

function enumType(values: unknown[]): string | undefined {
  if (values.every((v) => typeof v === 'string')) return 'string';
  if (values.every((v) => typeof v === 'number')) return values.every(Number.isInteger) ? 'integer' : 'number';
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  return undefined;
}

/** allOf of object members merged into one object (properties and required united). */
function mergeAllOf(node: Json, ctx: Context): Json {
  if (!Array.isArray(node.allOf)) return node;
  const { allOf, ...rest } = node;
  const merged: Json = { ...rest };
  for (const member of allOf.filter(isObject)) {
    const resolved = resolveRef(member, ctx);
    if (resolved === 'recursive') continue;
    const part = resolved.schema;
    if (resolved.ref) ctx.expanding.delete(resolved.ref);
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isObject(value)) merged.properties = { ...(isObject(merged.properties) ? merged.properties : {}), ...value };
      else if (key === 'required' && Array.isArray(value)) merged.required = [...(Array.isArray(merged.required) ? merged.required : []), ...value];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

/** Follows a local $ref (#/$defs/x, #/definitions/x, any #/ pointer); siblings of $ref override. */
function resolveRef(node: Json, ctx: Context): { schema: Json; ref?: string } | 'recursive' {
  const ref = node.$ref;
  if (typeof ref !== 'string') return { schema: node };
  if (ctx.expanding.has(ref)) return 'recursive';
  const target = pointer(ctx.root, ref);
  const { $ref: _ref, ...siblings } = node;
  if (!target) return { schema: siblings };
  ctx.expanding.add(ref);
  return { schema: { ...target, ...siblings }, ref };
}

function pointer(root: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  let at: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    at = isObject(at) ? at[key] : undefined;
  }
  return isObject(at) ? at : undefined;
}

/** Parses the arguments the declaration sent as JSON text back into values, before the tool runs. */
export function decodeArguments(args: Record<string, unknown>, converted: Pick<ConvertedSchema, 'jsonPaths' | 'unwrapValue'>): unknown {
  let out: unknown = args;
  if (converted.jsonPaths.length) {
    const copy = structuredClone(args);
    for (const path of converted.jsonPaths) decodeAt(copy, path);
    out = copy;
  }
  return converted.unwrapValue && isObject(out) ? out.value : out;
}

function decodeAt(container: unknown, path: readonly string[]): void {
  if (!path.length) return;
  const [head, ...rest] = path;
  if (head === '[]') {
    if (!Array.isArray(container)) return;
    container.forEach((item, index) => {
      if (rest.length) decodeAt(item, rest);
      else container[index] = parseJson(item);
    });
    return;
  }
  if (!isObject(container) || !(head in container)) return;
  if (rest.length) decodeAt(container[head], rest);
  else container[head] = parseJson(container[head]);
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // not JSON after all: the tool's own validation reports it
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isPlain(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
