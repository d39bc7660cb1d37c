import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Validates request and response bodies against Snyk's v1 OpenAPI subset in `spec/snyk/` (copied into the repository
 * unchanged; see spec/snyk/README.md). Each function returns the problems found: an empty array means the body conforms.
 *
 * `pathTemplate` is a key of the spec's `paths`, with or without the `/v1` prefix: '/org/{orgId}/integrations'.
 */

export const OPENAPI_SPEC_PATH = join(__dirname, '..', '..', 'spec', 'snyk', 'snyk-v1-openapi-subset.yaml');

const SPEC_ID = 'snyk-v1-openapi';

type JsonObject = Record<string, unknown>;

interface MediaTypes {
  content?: Record<string, { schema?: unknown }>;
}

interface Operation {
  requestBody?: MediaTypes;
  responses?: Record<string, MediaTypes>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let loaded: { spec: Spec; ajv: Ajv } | undefined;
const validators = new Map<string, ValidateFunction | 'no-body'>();

/** Problems with a request body the client sends, for an operation of the spec. */
export function validateRequestBody(method: string, pathTemplate: string, body: unknown): string[] {
  const operation = findOperation(method, pathTemplate);
  if (typeof operation === 'string') {
    return [operation];
  }
  const key = `request ${method.toLowerCase()} ${normalisePath(pathTemplate)}`;
  return validate(key, operation.requestBody, body);
}

/** Problems with a response body for an operation and status of the spec; a status the spec does not list is a problem. */
export function validateResponseBody(method: string, pathTemplate: string, status: number, body: unknown): string[] {
  const operation = findOperation(method, pathTemplate);
  if (typeof operation === 'string') {
    return [operation];
  }
  const response = operation.responses?.[String(status)];
  if (response === undefined) {
    return [`${method.toUpperCase()} ${pathTemplate}: status ${status} is not in the spec`];
  }
  return validate(`response ${status} ${method.toLowerCase()} ${normalisePath(pathTemplate)}`, response, body);
}

function validate(key: string, media: MediaTypes | undefined, body: unknown): string[] {
  const validator = validatorFor(key, media);
  if (validator === 'no-body') {
    return body === undefined || body === null || body === '' ? [] : [`${key}: the spec has no body here, got ${JSON.stringify(body)}`];
  }
  if (validator(body)) {
    return [];
  }
  return (validator.errors ?? []).map((error) => `${key}: ${error.instancePath || '(body)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`);
}

function validatorFor(key: string, media: MediaTypes | undefined): ValidateFunction | 'no-body' {
  const cached = validators.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const schema = Object.values(media?.content ?? {}).find((entry) => entry.schema !== undefined)?.schema;
  const validator = schema === undefined ? 'no-body' : load().ajv.compile(toJsonSchema(schema) as JsonObject);
  validators.set(key, validator);
  return validator;
}

function findOperation(method: string, pathTemplate: string): Operation | string {
  const operation = load().spec.paths[normalisePath(pathTemplate)]?.[method.toLowerCase()];
  return operation ?? `${method.toUpperCase()} ${pathTemplate} is not in the spec`;
}

function normalisePath(pathTemplate: string): string {
  return pathTemplate.replace(/^\/v1(?=\/)/, '');
}

function load(): { spec: Spec; ajv: Ajv } {
  if (loaded === undefined) {
    const spec = parse(readFileSync(OPENAPI_SPEC_PATH, 'utf8')) as Spec;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ['double', 'float', 'int32', 'int64'].forEach((format) => ajv.addFormat(format, true));
    ajv.addSchema({ $id: SPEC_ID, definitions: toJsonSchema(spec.components.schemas) as JsonObject });
    loaded = { spec, ajv };
  }
  return loaded;
}

/**
 * Turns OpenAPI 3.0 schema objects into JSON Schema that ajv reads: component `$ref`s point into the added spec schema,
 * `nullable` becomes a null type, and `oneOf` becomes `anyOf`, because this spec's alternatives overlap (a `{token}`
 * credentials object is a GitHub, a GitLab and a DigitalOcean one at once) and `oneOf` would reject every such body.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(toJsonSchema);
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key === 'example' || key === 'examples' || key === 'nullable') {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      result.$ref = value.replace('#/components/schemas/', `${SPEC_ID}#/definitions/`);
    } else {
      result[key === 'oneOf' ? 'anyOf' : key] = toJsonSchema(value);
    }
  }
  return applyNullable(node as JsonObject, result);
}

function applyNullable(original: JsonObject, converted: JsonObject): JsonObject {
  if (original.nullable !== true) {
    return converted;
  }
  if (typeof converted.type === 'string') {
    return { ...converted, type: [converted.type, 'null'] };
  }
  // A bare `nullable: true` is how this spec says "or null".
  return converted.type === undefined && Object.keys(converted).length === 0 ? { type: 'null' } : converted;
}
