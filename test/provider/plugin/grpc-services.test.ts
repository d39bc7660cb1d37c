import { controllerImplementation, providerImplementation, serviceMethods } from '../../../src/provider/plugin/grpc-services';
import { buildMessageTypes } from '../../../src/provider/plugin/message-types';
import { createLogger, ProviderRpcHandlers } from '../../../src/provider/plugin';

const logger = createLogger({ module: 'test', write: () => {} });
const handlers = Promise.resolve({
  stopProvider: async () => ({ Error: '' }),
  getMetadata: async () => {
    throw new Error('metadata exploded');
  },
} as unknown as ProviderRpcHandlers);
const lookup = serviceMethods({ 'tfplugin6.Provider': providerImplementation(() => handlers), 'plugin.GRPCController': controllerImplementation(() => {}) }, logger);
const types = buildMessageTypes();

describe('serviceMethods', () => {
  test('routes a known path to its handler, with the message types of that RPC', async () => {
    const method = await lookup('/tfplugin6.Provider/GetFunctions');
    const request = method!.decodeRequest(new Uint8Array());
    const response = await method!.handle(request);
    expect(response).toEqual({ diagnostics: [] });
    expect(method!.encodeResponse(response).length).toBe(0);
  });

  test('unknown services and methods, including inherited property names, are not found', async () => {
    await expect(lookup('/tfplugin6.Provider/Nope')).resolves.toBeUndefined();
    await expect(lookup('/nope.Service/GetFunctions')).resolves.toBeUndefined();
    await expect(lookup('/__proto__/toString')).resolves.toBeUndefined();
    await expect(lookup('/tfplugin6.Provider/constructor')).resolves.toBeUndefined();
  });

  test('a failing handler rejects with a message that names the RPC', async () => {
    const method = await lookup('/tfplugin6.Provider/GetMetadata');
    await expect(method!.handle({})).rejects.toThrow('GetMetadata: metadata exploded');
  });

  test('a precomputed answer is served as it is, without loading the handlers', async () => {
    let loads = 0;
    const loader = () => {
      loads += 1;
      return handlers;
    };
    const schema = Buffer.from([0x12, 0x00]);
    const precomputed = serviceMethods({ 'tfplugin6.Provider': providerImplementation(loader) }, logger, { '/tfplugin6.Provider/GetProviderSchema': schema });
    const method = await precomputed('/tfplugin6.Provider/GetProviderSchema');
    expect(Buffer.from(method!.encodeResponse(await method!.handle(method!.decodeRequest(new Uint8Array()))))).toEqual(schema);
    expect(loads).toBe(0);
    const stop = await precomputed('/tfplugin6.Provider/StopProvider');
    await expect(stop!.handle({})).resolves.toEqual({ Error: '' });
    expect(loads).toBe(1);
  });

  test('messages use the .proto field names; decoding fills in defaults', async () => {
    const stop = types.method('tfplugin6.Provider', 'StopProvider')!;
    expect(Buffer.from(stop.encodeResponse({ Error: 'x' }))).toEqual(Buffer.from([0x0a, 0x01, 0x78]));
    const configure = types.method('tfplugin6.Provider', 'ConfigureProvider')!;
    expect(configure.decodeRequest(Buffer.from([0x0a, 0x01, 0x31]))).toMatchObject({ terraform_version: '1' });
    expect(types.method('tfplugin6.Provider', 'ReadResource')!.decodeRequest(new Uint8Array())).toMatchObject({ type_name: '' });
  });
});
