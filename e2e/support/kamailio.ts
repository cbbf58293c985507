// The test bed's Kamailio lives in scripts/testbed/ so that `npm run demo` starts it the same way.
export { freePort, renderKamailioConfig, startKamailio } from '../../scripts/testbed/kamailio.mjs';
export type { KamailioHandle, KamailioOptions } from '../../scripts/testbed/kamailio.mjs';
