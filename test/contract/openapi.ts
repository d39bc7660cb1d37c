import Ajv2019 from 'ajv/dist/2019';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KNOWN_DEVIATIONS, KnownDeviation } from './deviations';

/**
 * Contract checks against Snyk's published API descriptions in `spec/snyk/` (copied into the repository unchanged; see
 * spec/snyk/README.md). Two specs: `'v1'` (the v1 YAML) and `'rest'` (the REST JSON:API document).
 *
 * API (every `validate*` returns the problems found; an empty array means the body conforms):
 * - `validateResponse(spec, method, path, status, body, options)`: a response body, against a CLOSED schema (and
 *   the answer's headers that the spec lists, when `options.headers` gives them).
 * - `validateAnswer(spec, method, path, status, body, options)`: the same, but an error status the spec does not list
 *   for the operation is checked against the API-wide error body instead (see `ERROR_BODY_SCHEMAS`).
 * - `validateRequest(spec, method, path, body)`: a request body, against the schema as published (open).
 * - `responseSchema(spec, method, path, status, contentType?)`: the JSON Schema (draft 2019-09) a response is checked
 *   against, or undefined when the spec lists the status without a body; its `$ref`s point into `specSchemaId(spec)`,
 *   so compile it with `specAjv()`.
 * - `responseExamples(spec, method, path, status)`: the examples the spec gives for a response.
 * - `responseExample(spec, method, path, status)`: the first of those, or one built from the examples of the schema's
 *   properties when the response has none of its own (REST responses).
 * - `templateOf(spec, method, concretePath)`: the spec's path template for a concrete path ('/orgs/abc' -> '/orgs/{org_id}').
 * - `validateRequestBody` / `validateResponseBody`: the v1 shorthands the older tests use.
 *
 * `path` is a key of the spec's `paths`, with or without the `/v1` or `/rest` prefix: '/org/{orgId}/integrations'.
 *
 * Closed: every response schema that describes properties and says nothing about others gets
 * `unevaluatedProperties: false`, so an undocumented or renamed field is a problem. Fields the emulator sends although
 * the spec does not list them must be on the commented allow-list in `deviations.ts`.
 * Schemas that say `additionalProperties: true` (or give a schema for them) stay as the spec says.
 */

export type SpecName = 'v1' | 'rest';

const SPEC_DIR = join(__dirname, '..', '..', 'spec', 'snyk');

/** The spec files, in the repository. */
export const SPEC_FILES: Record<SpecName, string> = {
  v1: join(SPEC_DIR, 'snyk-v1-openapi-subset.yaml'),
  rest: join(SPEC_DIR, 'snyk-rest-openapi-subset.json'),
};

/** Kept for the older tests: the v1 spec file. */
export const OPENAPI_SPEC_PATH = SPEC_FILES.v1;

const PATH_PREFIX: Record<SpecName, RegExp> = { v1: /^\/v1(?=\/)/, rest: /^\/rest(?=\/)/ };

export interface ResponseCheckOptions {
  /** The answer's Content-Type header: a problem when the spec has no such media type for this response. */
  contentType?: string;
  /** Emulator behaviours in effect (`{ 'integration-post-broker-token': 'include' }`): their allow-list entries apply. */
  behaviors?: Readonly<Record<string, string>>;
  /** The allow-list to apply instead of `KNOWN_DEVIATIONS` (to show that an entry is needed). */
  deviations?: readonly KnownDeviation[];
  /** The answer's headers (lower-case names): those the spec lists for the response must match their schema. */
  headers?: Readonly<Record<string, string>>;
}

type JsonObject = Record<string, unknown>;

interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface Response {
  content?: Record<string, MediaType>;
  headers?: Record<string, { schema?: unknown }>;
}

interface Operation {
  requestBody?: Response;
  responses?: Record<string, Response>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components?: JsonObject;
}

interface LoadedSpec {
  document: Spec;
  openId: string;
  closedId: string;
}

const loaded = new Map<SpecName, LoadedSpec>();
const validators = new Map<string, ValidateFunction | 'no-body'>();
let sharedAjv: Ajv2019 | undefined;

/** The ajv instance (draft 2019-09) that holds both specs, for compiling a schema from `responseSchema`. */
export function specAjv(): Ajv2019 {
  if (sharedAjv === undefined) {
    sharedAjv = new Ajv2019({ allErrors: true, strict: false, verbose: true });
    addFormats(sharedAjv);
  }
  return sharedAjv;
}

/** The `$id` under which the (closed) converted spec is registered with `specAjv()`. */
export function specSchemaId(spec: SpecName): string {
  return load(spec).closedId;
}

/** Problems with a request body, for an operation of the spec (checked as published: request schemas stay open). */
export function validateRequest(spec: SpecName, method: string, path: string, body: unknown): string[] {
  const operation = findOperation(spec, method, path);
  if (typeof operation === 'string') {
    return [operation];
  }
  const label = `${spec} request ${method.toUpperCase()} ${normalisePath(spec, path)}`;
  const media = firstMedia(resolve(spec, operation.requestBody));
  const schema = media === undefined ? undefined : mediaSchema(spec, media[1], 'open');
  return check(label, schema, body, []);
}

/**
 * Problems with a response body for an operation and status of the spec, against the closed schema: a status or a
 * media type the spec does not list is a problem, and so is any field it does not document, unless the allow-list in
 * `deviations.ts` names it (for the behaviours given).
 */
export function validateResponse(spec: SpecName, method: string, path: string, status: number, body: unknown, options: ResponseCheckOptions = {}): string[] {
  const found = findResponse(spec, method, path, status);
  if (typeof found === 'string') {
    return [found];
  }
  const label = `${spec} response ${status} ${method.toUpperCase()} ${normalisePath(spec, path)}`;
  const media = pickMedia(found, options.contentType);
  if (typeof media === 'string') {
    return [`${label}: ${media}`];
  }
  const allowed = allowedDeviations(spec, method, path, status, options);
  const schema = media === undefined ? undefined : mediaSchema(spec, media[1], 'closed');
  return [...check(label, schema, body, allowed), ...headerProblems(spec, label, found, options.headers ?? {})];
}

/** The headers the spec lists for a response that the answer has, checked against their schemas. */
function headerProblems(spec: SpecName, label: string, response: Response, headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(response.headers ?? {}).flatMap(([name, header]) => {
    const value = headers[name.toLowerCase()];
    const definition = resolve<{ schema?: unknown }>(spec, header);
    if (value === undefined || definition.schema === undefined) {
      return [];
    }
    const schema = convertSchema(definition.schema, { id: load(spec).openId, closed: false, document: load(spec).document }, 'use');
    return check(`${label} header ${name}`, schema, value, []);
  });
}

/**
 * The error body of a status the spec does not list for an operation: v1, the body Snyk's v1 documentation gives for
 * every error (`{"code":404,"message":"...","error":"..."}`; the v1 spec subset has no error schema outside
 * `POST /org`), written here, closed; REST, the spec's own JSON:API `ErrorDocument`.
 */
export const ERROR_BODY_SCHEMAS: Record<SpecName, () => JsonObject> = {
  v1: () => ({
    type: 'object',
    properties: { code: { type: 'integer', minimum: 400, maximum: 599 }, message: { type: 'string' }, error: { type: 'string' } },
    required: ['code', 'message', 'error'],
    additionalProperties: false,
  }),
  rest: () => ({ $ref: `${specSchemaId('rest')}#/components/schemas/ErrorDocument` }),
};

const ERROR_MEDIA_TYPES: Record<SpecName, string> = { v1: 'application/json', rest: 'application/vnd.api+json' };

/**
 * `validateResponse`, except that a 4xx/5xx the spec does not list for the operation is checked against
 * `ERROR_BODY_SCHEMAS` (and the spec's media type for errors) instead of being a problem in itself.
 */
export function validateAnswer(spec: SpecName, method: string, path: string, status: number, body: unknown, options: ResponseCheckOptions = {}): string[] {
  const listed = findResponse(spec, method, path, status);
  if (typeof listed !== 'string' || status < 400 || typeof findOperation(spec, method, path) === 'string') {
    return validateResponse(spec, method, path, status, body, options);
  }
  const label = `${spec} error ${status} ${method.toUpperCase()} ${normalisePath(spec, path)}`;
  if (options.contentType !== undefined && mediaTypeOf(options.contentType) !== ERROR_MEDIA_TYPES[spec]) {
    return [`${label}: content type ${options.contentType} is not ${ERROR_MEDIA_TYPES[spec]}`];
  }
  const allowed = allowedDeviations(spec, method, path, status, options);
  return check(label, ERROR_BODY_SCHEMAS[spec](), body, allowed);
}

/** The JSON Schema a response is checked against (closed), or undefined when the spec gives this status no body. */
export function responseSchema(spec: SpecName, method: string, path: string, status: number, contentType?: string): JsonObject | undefined {
  const found = findResponse(spec, method, path, status);
  if (typeof found === 'string') {
    throw new Error(found);
  }
  const media = pickMedia(found, contentType);
  if (typeof media === 'string') {
    throw new Error(media);
  }
  return media === undefined ? undefined : mediaSchema(spec, media[1], 'closed');
}

/** The distinct examples the spec gives for a response: the media type's `example`/`examples` and the schema's own. */
export function responseExamples(spec: SpecName, method: string, path: string, status: number): unknown[] {
  const found = findResponse(spec, method, path, status);
  if (typeof found === 'string') {
    throw new Error(found);
  }
  const examples = Object.values(found.content ?? {}).flatMap((media) => [
    ...(media.example === undefined ? [] : [media.example]),
    ...Object.values(media.examples ?? {}).map((entry) => resolve<{ value?: unknown }>(spec, entry).value),
    ...schemaExamples(spec, media.schema),
  ]);
  // The v1 spec repeats an example at the media type and in the schema.
  return [...new Map(examples.map((example) => [JSON.stringify(example), example])).values()];
}

/**
 * One example answer: the spec's first example for the response, else one built from its schema, where every property
 * is built the same way down to the leaves, which take the spec's example (or a plain value of their type); undefined
 * when the response has no body.
 */
export function responseExample(spec: SpecName, method: string, path: string, status: number): { source: 'example' | 'built'; body: unknown } | undefined {
  const explicit = responseExamples(spec, method, path, status);
  if (explicit.length > 0) {
    return { source: 'example', body: explicit[0] };
  }
  const found = findResponse(spec, method, path, status);
  const media = typeof found === 'string' ? undefined : firstMedia(found);
  return media === undefined ? undefined : { source: 'built', body: exampleFromSchema(spec, media[1].schema, 0) };
}

const PLAIN_VALUES: Record<string, unknown> = { string: 'text', integer: 1, number: 1, boolean: true };
const FORMAT_VALUES: Record<string, string> = { uuid: '2f3c4d5e-6a7b-4c8d-9e0f-1a2b3c4d5e6f', 'date-time': '2024-10-15T00:00:00Z', uri: 'https://example.com/' };

function exampleFromSchema(spec: SpecName, schema: unknown, depth: number): unknown {
  const node = resolve<JsonObject | undefined>(spec, schema as JsonObject | undefined);
  if (!isObject(node) || depth > 12) {
    return undefined;
  }
  // An enum wins over the example: the v1 spec's examples are sometimes of another type than their schema.
  if (Array.isArray(node.enum)) {
    return node.enum[0];
  }
  // An object is built from its properties: the REST spec's object-level examples often leave out required ones.
  if (isObject(node.properties)) {
    const entries = Object.entries(node.properties).map(([name, property]) => [name, exampleFromSchema(spec, property, depth + 1)]);
    return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
  }
  if (node.example !== undefined) {
    return node.example;
  }
  const branches = ['anyOf', 'oneOf'].flatMap((key) => (Array.isArray(node[key]) ? [(node[key] as unknown[])[0]] : []));
  if (branches.length > 0) {
    return exampleFromSchema(spec, branches[0], depth + 1);
  }
  if (Array.isArray(node.allOf)) {
    const parts = node.allOf.map((branch) => exampleFromSchema(spec, branch, depth + 1)).filter((part) => part !== undefined);
    return parts.every(isObject) ? Object.assign({}, ...parts) : parts[0];
  }
  if (node.type === 'array') {
    return [exampleFromSchema(spec, node.items, depth + 1)];
  }
  if (node.type === 'object') {
    return {};
  }
  return (typeof node.format === 'string' ? FORMAT_VALUES[node.format] : undefined) ?? PLAIN_VALUES[String(node.type)];
}

/** The spec's path template that a concrete path (with or without its `/v1` or `/rest` prefix) falls under. */
export function templateOf(spec: SpecName, method: string, concretePath: string): string | undefined {
  const path = normalisePath(spec, concretePath.split('?')[0] ?? concretePath);
  const { paths } = load(spec).document;
  const matches = Object.keys(paths).filter(
    (template) => paths[template]?.[method.toLowerCase()] !== undefined && new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
  // A literal segment beats a parameter: '/settings' is not an integration type.
  return matches.sort((a, b) => literalSegments(b) - literalSegments(a))[0];
}

/** v1 shorthand for `validateRequest('v1', ...)`. */
export function validateRequestBody(method: string, pathTemplate: string, body: unknown): string[] {
  return validateRequest('v1', method, pathTemplate, body);
}

/** v1 shorthand for `validateResponse('v1', ...)`. */
export function validateResponseBody(method: string, pathTemplate: string, status: number, body: unknown, options?: ResponseCheckOptions): string[] {
  return validateResponse('v1', method, pathTemplate, status, body, options);
}

function literalSegments(template: string): number {
  return template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length;
}

function findOperation(spec: SpecName, method: string, path: string): Operation | string {
  const operation = load(spec).document.paths[normalisePath(spec, path)]?.[method.toLowerCase()];
  return operation ?? `${spec}: ${method.toUpperCase()} ${path} is not in the spec`;
}

function findResponse(spec: SpecName, method: string, path: string, status: number): Response | string {
  const operation = findOperation(spec, method, path);
  if (typeof operation === 'string') {
    return operation;
  }
  const responses = operation.responses ?? {};
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (response === undefined) {
    return `${spec}: ${method.toUpperCase()} ${path}: status ${status} is not in the spec`;
  }
  return resolve<Response>(spec, response);
}

/** The media type entry to check: the one matching `contentType` (parameters ignored), else the first with a schema. */
function pickMedia(response: Response, contentType: string | undefined): [string, MediaType] | undefined | string {
  const entries = Object.entries(response.content ?? {});
  if (contentType === undefined || entries.length === 0) {
    return firstMedia(response);
  }
  const wanted = mediaTypeOf(contentType);
  const match = entries.find(([name]) => mediaTypeOf(name) === wanted);
  return match ?? `content type ${contentType} is not in the spec (it lists ${entries.map(([name]) => name).join(', ')})`;
}

function firstMedia(response: Response | undefined): [string, MediaType] | undefined {
  return Object.entries(response?.content ?? {}).find(([, media]) => media.schema !== undefined);
}

/** 'application/json; charset=utf-8' and this spec's 'application/json, charset=utf-8' are both 'application/json'. */
function mediaTypeOf(contentType: string): string {
  return (contentType.split(/[;,]/)[0] ?? '').trim().toLowerCase();
}

function normalisePath(spec: SpecName, path: string): string {
  return path.replace(PATH_PREFIX[spec], '');
}

/** Follows a `$ref` to a response, request body, example or header object of the spec. */
function resolve<T>(spec: SpecName, node: T | undefined): T {
  let current: unknown = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) {
      throw new Error(`${spec}: $ref loop at ${current.$ref}`);
    }
    current = pointer(load(spec).document, current.$ref);
  }
  return current as T;
}

function pointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) {
    throw new Error(`only local $refs are supported, got ${ref}`);
  }
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
}

function mediaSchema(spec: SpecName, media: MediaType, mode: 'open' | 'closed'): JsonObject | undefined {
  if (media.schema === undefined) {
    return undefined;
  }
  const { openId, closedId } = load(spec);
  return convertSchema(media.schema, { id: mode === 'closed' ? closedId : openId, closed: mode === 'closed', document: load(spec).document }, 'use');
}

function schemaExamples(spec: SpecName, schema: unknown): unknown[] {
  const node = resolve<JsonObject | undefined>(spec, schema as JsonObject | undefined);
  if (!isObject(node)) {
    return [];
  }
  const own = node.example === undefined ? [] : [node.example];
  const branches = Array.isArray(node.allOf) ? node.allOf.flatMap((branch) => (isObject(branch) && branch.example !== undefined ? [branch.example] : [])) : [];
  return [...own, ...branches];
}

function check(label: string, schema: JsonObject | undefined, body: unknown, allowed: KnownDeviation[]): string[] {
  const validator = validatorFor(label, schema);
  if (validator === 'no-body') {
    return body === undefined || body === null || body === '' ? [] : [`${label}: the spec has no body here, got ${JSON.stringify(body)}`];
  }
  if (validator(body)) {
    return [];
  }
  return withoutAllowed(validator.errors ?? [], allowed).map(
    (error) => `${label}: ${error.instancePath || '(body)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`,
  );
}

function validatorFor(label: string, schema: JsonObject | undefined): ValidateFunction | 'no-body' {
  const cached = validators.get(label);
  if (cached !== undefined) {
    return cached;
  }
  const validator = schema === undefined ? 'no-body' : specAjv().compile(schema);
  validators.set(label, validator);
  return validator;
}

/**
 * Drops the problems the allow-list names, and then the "must match a schema in anyOf" summaries that were only there
 * because of them.
 */
function withoutAllowed(errors: ErrorObject[], allowed: KnownDeviation[]): ErrorObject[] {
  const remaining = errors.filter((error) => !allowed.some((deviation) => deviationMatches(deviation, error)));
  if (remaining.length === errors.length) {
    return remaining;
  }
  const summaries = new Set(['anyOf', 'oneOf', 'allOf', 'if']);
  const substantive = remaining.filter((error) => !summaries.has(error.keyword));
  return substantive.length === 0 ? [] : remaining;
}

function deviationMatches(deviation: KnownDeviation, error: ErrorObject): boolean {
  const field = fieldOf(error);
  if (field === undefined || field.kind !== deviation.problem) {
    return false;
  }
  const pattern = new RegExp(`^${deviation.field.split('*').map(escapeRegExp).join('[^/]+')}$`);
  return pattern.test(field.pointer) && (deviation.problem !== 'type' || matchesShape(deviation, error.data));
}

function matchesShape(deviation: KnownDeviation, value: unknown): boolean {
  const label = `shape ${deviation.method} ${deviation.path} ${deviation.field}`;
  const validator = validatorFor(label, deviation.shape ?? { not: {} });
  return validator !== 'no-body' && validator(value);
}

function fieldOf(error: ErrorObject): { kind: KnownDeviation['problem']; pointer: string } | undefined {
  const params = error.params as { unevaluatedProperty?: string; missingProperty?: string };
  if (error.keyword === 'unevaluatedProperties' && params.unevaluatedProperty !== undefined) {
    return { kind: 'undocumented', pointer: `${error.instancePath}/${params.unevaluatedProperty}` };
  }
  if (error.keyword === 'required' && params.missingProperty !== undefined) {
    return { kind: 'missing', pointer: `${error.instancePath}/${params.missingProperty}` };
  }
  if (error.keyword === 'type') {
    return { kind: error.data === null ? 'null' : 'type', pointer: error.instancePath };
  }
  return undefined;
}

function allowedDeviations(spec: SpecName, method: string, path: string, status: number, options: ResponseCheckOptions): KnownDeviation[] {
  const candidates = options.deviations ?? KNOWN_DEVIATIONS;
  return candidates.filter((deviation) => appliesTo(deviation, spec, method, normalisePath(spec, path), status, options.behaviors ?? {}));
}

function appliesTo(deviation: KnownDeviation, spec: SpecName, method: string, path: string, status: number, behaviors: Readonly<Record<string, string>>): boolean {
  const sameCall = deviation.spec === spec && deviation.method === method.toUpperCase() && deviation.path === path && deviation.status === status;
  if (!sameCall) {
    return false;
  }
  if (deviation.behavior === undefined) {
    return true;
  }
  const [name, value] = deviation.behavior.split('=');
  return name !== undefined && behaviors[name] === value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function load(spec: SpecName): LoadedSpec {
  const cached = loaded.get(spec);
  if (cached !== undefined) {
    return cached;
  }
  const text = readFileSync(SPEC_FILES[spec], 'utf8');
  const document = (spec === 'v1' ? parse(text) : JSON.parse(text)) as Spec;
  const entry: LoadedSpec = { document, openId: `snyk-${spec}-open`, closedId: `snyk-${spec}-closed` };
  const ajv = specAjv();
  addUnknownFormats(ajv, document);
  for (const [id, closed] of [[entry.openId, false], [entry.closedId, true]] as const) {
    ajv.addSchema({ $id: id, components: convertComponents(document, { id, closed, document }) });
  }
  loaded.set(spec, entry);
  return entry;
}

/** Formats the spec uses that ajv-formats does not know (OpenAPI's 'double', 'int64', ...) are not checked. */
function addUnknownFormats(ajv: Ajv2019, document: Spec): void {
  const formats = new Set<string>();
  walk(document, (node) => {
    if (typeof node.format === 'string') {
      formats.add(node.format);
    }
  });
  formats.forEach((format) => {
    if (ajv.formats[format] === undefined) {
      ajv.addFormat(format, true);
    }
  });
}

function walk(node: unknown, visit: (node: JsonObject) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item) => walk(item, visit));
  } else if (isObject(node)) {
    visit(node);
    Object.values(node).forEach((value) => walk(value, visit));
  }
}

interface Conversion {
  /** `$id` of the converted document the `$ref`s point into. */
  id: string;
  closed: boolean;
  document: Spec;
}

/**
 * Where a schema sits decides whether it is closed: at a place of use (a response body, a property, an array item)
 * it is; a component's definition and a branch of allOf/anyOf/oneOf are not, because the place that uses them closes
 * them with `unevaluatedProperties`, which sees the properties every matching branch and `$ref` evaluated.
 */
type Position = 'use' | 'definition' | 'branch';

function convertComponents(document: Spec, conversion: Conversion): JsonObject {
  const schemas = (document.components?.schemas ?? {}) as JsonObject;
  const converted: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    converted[name] = convertSchema(schema, conversion, 'definition');
  }
  return { schemas: converted };
}

const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties']);
const SCHEMA_KEYS = new Set(['items', 'not', 'additionalProperties']);
const BRANCH_KEYS = new Set(['allOf', 'anyOf', 'oneOf']);
const DROPPED_KEYS = new Set(['example', 'examples', 'nullable', 'discriminator', 'xml', 'externalDocs']);

/**
 * OpenAPI 3.0 schema -> JSON Schema 2019-09: `$ref`s point into the registered document, `nullable` becomes a null
 * type, `oneOf` becomes `anyOf` (the v1 spec's alternatives overlap: a `{token}` credentials object is a GitHub, a
 * GitLab and a DigitalOcean one at once, and `oneOf` would reject every such body), and closed as `Position` says.
 */
function convertSchema(node: unknown, conversion: Conversion, position: Position): JsonObject {
  if (!isObject(node)) {
    return {};
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-')) {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      result.$ref = `${conversion.id}${value}`;
    } else if (SCHEMA_MAP_KEYS.has(key) && isObject(value)) {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convertSchema(schema, conversion, 'use')]));
    } else if (SCHEMA_KEYS.has(key) && isObject(value)) {
      result[key] = convertSchema(value, conversion, 'use');
    } else if (BRANCH_KEYS.has(key) && Array.isArray(value)) {
      result[key === 'oneOf' ? 'anyOf' : key] = value.map((branch) => convertSchema(branch, conversion, 'branch'));
    } else {
      result[key] = value;
    }
  }
  if (conversion.closed && position === 'use' && describesClosedObject(node, conversion.document, new Set())) {
    result.unevaluatedProperties = false;
  }
  return applyNullable(node, result);
}

/**
 * Whether a schema lists properties and nowhere allows others: then closing it only rejects fields the spec does not
 * have. A schema with `additionalProperties` (true or a schema) anywhere in its composition is left as the spec says.
 */
function describesClosedObject(node: unknown, document: Spec, seen: Set<string>): boolean {
  if (!isObject(node)) {
    return false;
  }
  if (typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) {
      return false;
    }
    seen.add(node.$ref);
    return describesClosedObject(pointer(document, node.$ref), document, seen);
  }
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) {
    return false;
  }
  const branches = [...BRANCH_KEYS].flatMap((key) => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []));
  if (branches.some((branch) => opensObject(branch, document, new Set(seen)))) {
    return false;
  }
  return isObject(node.properties) || branches.some((branch) => describesClosedObject(branch, document, new Set(seen)));
}

function opensObject(node: unknown, document: Spec, seen: Set<string>): boolean {
  if (!isObject(node)) {
    return false;
  }
  if (typeof node.$ref === 'string') {
    return !seen.has(node.$ref) && opensObject(pointer(document, node.$ref), document, new Set([...seen, node.$ref]));
  }
  return node.additionalProperties !== undefined && node.additionalProperties !== false;
}

function applyNullable(original: JsonObject, converted: JsonObject): JsonObject {
  if (original.nullable !== true) {
    return converted;
  }
  if (typeof converted.type === 'string') {
    const withNull: JsonObject = { ...converted, type: [converted.type, 'null'] };
    return Array.isArray(converted.enum) ? { ...withNull, enum: [...(converted.enum as unknown[]), null] } : withNull;
  }
  // A bare `nullable: true` is how the v1 spec says "or null".
  const rest = Object.keys(converted).filter((key) => key !== 'description' && key !== 'title');
  return rest.length === 0 ? { type: 'null' } : { anyOf: [{ type: 'null' }, converted] };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
