import { SnykHttp } from '../http';
import { UniversalBrokerVersions } from './types';

/** What every Universal Broker call needs: the shared transport (auth, retries, errors) and the version dates. */
export interface UbContext {
  readonly http: SnykHttp;
  readonly versions: UniversalBrokerVersions;
}
