import { Route } from '../router';
import { ubModel } from './request';

/**
 * `GET /_emulator/universal-broker`: the whole Universal Broker state, client secrets included, for tests that check
 * the secret a client captured is the one in force. Admin paths never reach the request log.
 */
export const universalBrokerAdminRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/_emulator/universal-broker', handle: (context) => ({ status: 200, body: structuredClone(ubModel(context).data) }) },
];
