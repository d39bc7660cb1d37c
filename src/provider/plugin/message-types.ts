import { METHOD_CODECS } from './tfplugin6-codecs.generated';

/** How decoded messages look: field names as in the .proto, int64 as numbers, enums as numbers, defaults filled in. */
const CONVERSION = { longs: Number, enums: Number, defaults: true, arrays: true, objects: true, oneofs: true } as const;

/** Encoding and decoding of one RPC's request and response messages. */
export interface MethodCodec {
  decodeRequest(bytes: Uint8Array): unknown;
  encodeResponse(response: unknown): Uint8Array;
}

export interface MessageTypes {
  /** The codec of `service`'s `method` (service by full name, e.g. `tfplugin6.Provider`), if the protocol has it. */
  method(service: string, method: string): MethodCodec | undefined;
}

/** What protobufjs' static code generates for each message type (the parts the provider uses). */
interface GeneratedMessage {
  decode(bytes: Uint8Array): object;
  toObject(message: object, options: typeof CONVERSION): unknown;
  fromObject(object: unknown): object;
  encode(message: object): { finish(): Uint8Array };
}

interface GeneratedMethod {
  readonly request: GeneratedMessage;
  readonly response: GeneratedMessage;
}

const METHODS: Readonly<Record<string, GeneratedMethod>> = METHOD_CODECS;

/**
 * The codecs generated at development time from the .proto files (see scripts/compile-proto.mjs): no descriptor is
 * read and no code is generated at run time.
 */
export function buildMessageTypes(): MessageTypes {
  return {
    method(serviceName, methodName) {
      const key = `${serviceName}/${methodName}`;
      return Object.hasOwn(METHODS, key) ? methodCodec(METHODS[key]) : undefined;
    },
  };
}

function methodCodec({ request, response }: GeneratedMethod): MethodCodec {
  return {
    decodeRequest: (bytes) => request.toObject(request.decode(bytes), CONVERSION),
    encodeResponse: (answer) => response.encode(response.fromObject(answer)).finish(),
  };
}
