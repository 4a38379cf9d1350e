// One description of each tool's parameters yields both the declaration Gemini receives and the
// validator its arguments go through, so the two can never drift apart.
// Types only: a value import would load the whole SDK when the tools register at activation.
import type { Schema, Type } from '@google/genai';
import { ToolError } from './text';

interface BaseParam {
  description: string;
  required?: boolean;
}
export interface StringParam extends BaseParam { type: 'string'; maxLength?: number; enum?: readonly string[] }
export interface IntegerParam extends BaseParam { type: 'integer'; minimum: number; maximum: number }
export interface BooleanParam extends BaseParam { type: 'boolean' }
export type ParamSpec = StringParam | IntegerParam | BooleanParam;
export type ParamSpecs = Record<string, ParamSpec>;

type ValueOf<P extends ParamSpec> = P extends StringParam ? string : P extends IntegerParam ? number : boolean;
type RequiredKeys<P extends ParamSpecs> = { [K in keyof P]: P[K]['required'] extends true ? K : never }[keyof P];
type OptionalKeys<P extends ParamSpecs> = Exclude<keyof P, RequiredKeys<P>>;

/** The validated arguments of a tool whose parameters are `P`. */
export type ArgsOf<P extends ParamSpecs> =
  { [K in RequiredKeys<P>]: ValueOf<P[K]> } & { [K in OptionalKeys<P>]?: ValueOf<P[K]> };

const SCHEMA_TYPE: Record<ParamSpec['type'], Type> = {
  string: 'STRING' as Type.STRING,
  integer: 'INTEGER' as Type.INTEGER,
  boolean: 'BOOLEAN' as Type.BOOLEAN,
};

/** The OpenAPI-subset schema both the v1 and v1beta Gemini APIs accept in `parameters`. */
export function parametersSchema(params: ParamSpecs): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(params)) {
    const schema: Schema = { type: SCHEMA_TYPE[spec.type], description: spec.description };
    if (spec.type === 'integer') { schema.minimum = spec.minimum; schema.maximum = spec.maximum; }
    if (spec.type === 'string' && spec.enum) { schema.enum = [...spec.enum]; schema.format = 'enum'; }
    properties[name] = schema;
    if (spec.required) required.push(name);
  }
  return { type: 'OBJECT' as Type.OBJECT, properties, ...(required.length ? { required } : {}) };
}

const DEFAULT_MAX_STRING = 4096;

/**
 * Checks the model's arguments against the parameter specs. Unknown extra arguments are
 * tolerated (models add them now and then); wrong types, missing required values and
 * out-of-range numbers are refused with a message naming the argument.
 */
export function validateArgs<P extends ParamSpecs>(tool: string, params: P, args: unknown): ArgsOf<P> {
  if (args === undefined || args === null) args = {};
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new ToolError(`${tool}: arguments must be an object.`);
  }
  const given = args as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(params)) {
    const value = given[name];
    if (value === undefined || value === null) {
      if (spec.required) throw new ToolError(`${tool}: missing required argument '${name}' (${spec.type}).`);
      continue;
    }
    out[name] = checkValue(tool, name, spec, value);
  }
  return out as ArgsOf<P>;
}

function checkValue(tool: string, name: string, spec: ParamSpec, value: unknown): unknown {
  const wrongType = () => new ToolError(`${tool}: argument '${name}' must be ${article(spec.type)}, got ${describe(value)}.`);
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') throw wrongType();
      const max = spec.maxLength ?? DEFAULT_MAX_STRING;
      if (value.length > max) throw new ToolError(`${tool}: argument '${name}' is longer than ${max} characters.`);
      if (spec.enum && !spec.enum.includes(value)) {
        throw new ToolError(`${tool}: argument '${name}' must be one of ${spec.enum.map((v) => `'${v}'`).join(', ')}.`);
      }
      return value;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType();
      if (value < spec.minimum || value > spec.maximum) {
        throw new ToolError(`${tool}: argument '${name}' must be between ${spec.minimum} and ${spec.maximum}, got ${value}.`);
      }
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType();
      return value;
  }
}

function article(type: string): string {
  return type === 'integer' ? 'an integer' : `a ${type}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
