// TypeScript shapes of the tfplugin6 messages as message-types.ts decodes them (field names as in the .proto, longs as numbers,
// enums as numbers, defaults filled in). Only the fields the provider uses are listed.

export interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

export enum Severity {
  INVALID = 0,
  ERROR = 1,
  WARNING = 2,
}

export type AttributePathStep = { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

export interface AttributePath {
  steps: AttributePathStep[];
}

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  attribute?: AttributePath;
}

export enum StringKind {
  PLAIN = 0,
  MARKDOWN = 1,
}

export enum ObjectNesting {
  INVALID = 0,
  SINGLE = 1,
  LIST = 2,
  SET = 3,
  MAP = 4,
}

export interface SchemaAttribute {
  name: string;
  /** JSON bytes of the cty type; absent when `nested_type` is set. */
  type?: Uint8Array;
  nested_type?: { attributes: SchemaAttribute[]; nesting: ObjectNesting };
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  description_kind?: StringKind;
  deprecated?: boolean;
}

/** A nested block (`name { ... }`); Terraform itself rejects arguments its block does not declare. */
export interface SchemaNestedBlock {
  type_name: string;
  block: SchemaBlock;
  nesting: ObjectNesting;
  min_items?: number;
  max_items?: number;
}

export interface SchemaBlock {
  version?: number;
  attributes: SchemaAttribute[];
  block_types?: SchemaNestedBlock[];
  description?: string;
  description_kind?: StringKind;
  deprecated?: boolean;
}

export interface Schema {
  version: number;
  block: SchemaBlock;
}

export interface ServerCapabilities {
  plan_destroy?: boolean;
  get_provider_schema_optional?: boolean;
  move_resource_state?: boolean;
}

export interface ClientCapabilities {
  deferral_allowed?: boolean;
  write_only_attributes_allowed?: boolean;
}

export interface GetProviderSchemaResponse {
  provider: Schema;
  resource_schemas: Record<string, Schema>;
  data_source_schemas: Record<string, Schema>;
  diagnostics: Diagnostic[];
  server_capabilities: ServerCapabilities;
}

export interface GetMetadataResponse {
  server_capabilities: ServerCapabilities;
  diagnostics: Diagnostic[];
  resources: { type_name: string }[];
  data_sources: { type_name: string }[];
}

export interface ConfigRequest {
  type_name: string;
  config?: DynamicValue;
}

export interface DiagnosticsResponse {
  diagnostics: Diagnostic[];
}

export interface ConfigureProviderRequest {
  terraform_version: string;
  config?: DynamicValue;
  client_capabilities?: ClientCapabilities;
}

export interface UpgradeResourceStateRequest {
  type_name: string;
  version: number;
  raw_state?: { json?: Uint8Array; flatmap?: Record<string, string> };
}

export interface UpgradeResourceStateResponse {
  upgraded_state?: DynamicValue;
  diagnostics: Diagnostic[];
}

export interface ReadResourceRequest {
  type_name: string;
  current_state?: DynamicValue;
  private?: Uint8Array;
}

export interface ReadResourceResponse {
  new_state?: DynamicValue;
  diagnostics: Diagnostic[];
  private?: Uint8Array;
}

export interface PlanResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValue;
  proposed_new_state?: DynamicValue;
  config?: DynamicValue;
  prior_private?: Uint8Array;
}

export interface PlanResourceChangeResponse {
  planned_state?: DynamicValue;
  requires_replace: AttributePath[];
  planned_private?: Uint8Array;
  diagnostics: Diagnostic[];
}

export interface ApplyResourceChangeRequest {
  type_name: string;
  prior_state?: DynamicValue;
  planned_state?: DynamicValue;
  config?: DynamicValue;
  planned_private?: Uint8Array;
}

export interface ApplyResourceChangeResponse {
  new_state?: DynamicValue;
  private?: Uint8Array;
  diagnostics: Diagnostic[];
}

export interface ImportResourceStateRequest {
  type_name: string;
  id: string;
}

export interface ImportResourceStateResponse {
  imported_resources: { type_name: string; state?: DynamicValue; private?: Uint8Array }[];
  diagnostics: Diagnostic[];
}

export interface ReadDataSourceRequest {
  type_name: string;
  config?: DynamicValue;
}

export interface ReadDataSourceResponse {
  state?: DynamicValue;
  diagnostics: Diagnostic[];
}

export interface MoveResourceStateRequest {
  source_type_name: string;
  target_type_name: string;
}

export interface MoveResourceStateResponse {
  diagnostics: Diagnostic[];
}

/**
 * What a provider implementation answers. The plugin layer turns each into a gRPC method; anything not listed here
 * (ephemeral resources, functions) is answered by the plugin layer itself with "not supported".
 */
export interface ProviderRpcHandlers {
  getMetadata(): Promise<GetMetadataResponse>;
  getProviderSchema(): Promise<GetProviderSchemaResponse>;
  validateProviderConfig(request: { config?: DynamicValue }): Promise<DiagnosticsResponse>;
  validateResourceConfig(request: ConfigRequest): Promise<DiagnosticsResponse>;
  validateDataResourceConfig(request: ConfigRequest): Promise<DiagnosticsResponse>;
  upgradeResourceState(request: UpgradeResourceStateRequest): Promise<UpgradeResourceStateResponse>;
  configureProvider(request: ConfigureProviderRequest): Promise<DiagnosticsResponse>;
  readResource(request: ReadResourceRequest): Promise<ReadResourceResponse>;
  planResourceChange(request: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse>;
  applyResourceChange(request: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse>;
  importResourceState(request: ImportResourceStateRequest): Promise<ImportResourceStateResponse>;
  moveResourceState(request: MoveResourceStateRequest): Promise<MoveResourceStateResponse>;
  readDataSource(request: ReadDataSourceRequest): Promise<ReadDataSourceResponse>;
  stopProvider(): Promise<{ Error: string }>;
}
