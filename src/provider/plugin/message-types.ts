import { Root, Type } from 'protobufjs/light';
import descriptor from './tfplugin6.json';

/** How decoded messages look: field names as in the .proto, int64 as numbers, enums as numbers, defaults filled in. */
const CONVERSION = { longs: Number, enums: Number, defaults: true, arrays: true, objects: true, oneofs: true } as const;

/** Encoding and decoding of one RPC's request and response messages. */
export interface MethodCodec {
  decodeRequest(bytes: Uint8Array): unknown;
  encodeResponse(response: unknown): Uint8Array;
}

export interface MessageTypes {
  /** The codec of `service`'s `method` (service by full name, e.g. `tfplugin6.Provider`), if the descriptor has it. */
  method(service: string, method: string): MethodCodec | undefined;
}

/**
 * The message types from the precompiled JSON descriptor (see scripts/compile-proto.mjs), built with protobufjs'
 * light build: no .proto text is parsed at run time. Types are resolved per method on first use.
 */
export function buildMessageTypes(): MessageTypes {
  // The JSON's inferred literal type is narrower than protobufjs' INamespace; its shape comes from protobufjs' toJSON.
  const root = Root.fromJSON(descriptor as unknown as Parameters<typeof Root.fromJSON>[0]);
  const codecs = new Map<string, MethodCodec | undefined>();
  return {
    method(serviceName, methodName) {
      const key = `${serviceName}/${methodName}`;
      if (!codecs.has(key)) codecs.set(key, methodCodec(root, serviceName, methodName));
      return codecs.get(key);
    },
  };
}

function methodCodec(root: Root, serviceName: string, methodName: string): MethodCodec | undefined {
  const service = root.lookupService(serviceName);
  const method = Object.hasOwn(service.methods, methodName) ? service.methods[methodName] : undefined;
  if (!method) return undefined;
  method.resolve();
  const requestType = method.resolvedRequestType as Type;
  const responseType = method.resolvedResponseType as Type;
  return {
    decodeRequest: (bytes) => requestType.toObject(requestType.decode(bytes), CONVERSION),
    encodeResponse: (response) => responseType.encode(responseType.fromObject(response as Record<string, unknown>)).finish(),
  };
}
