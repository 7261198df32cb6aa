// Drives the third-party eureka-js-client against a registry and prints one JSON line per observation.
// Usage: node client.js <host> <port> <servicePath> <appName> <otherApp> [useDelta]
'use strict';
const { Eureka } = require('eureka-js-client');

const [host, port, servicePath, appName, otherApp, useDelta] = process.argv.slice(2);
const say = (event, data) => process.stdout.write(JSON.stringify({ event, ...data }) + '\n');
const quiet = { debug() {}, info() {}, warn(...a) { say('warn', { message: a.join(' ') }); }, error(...a) { say('error', { message: a.join(' ') }); } };

let heartbeats = 0;
let fetches = 0;
let deltas = 0;
const client = new Eureka({
  logger: quiet,
  shouldUseDelta: useDelta === 'delta',
  // Count registry fetches on the wire: the client emits no event for a delta.
  requestMiddleware: (request, done) => {
    if (!request.method || request.method === 'GET') { fetches++; if (String(request.uri).endsWith('delta')) { deltas++; } }
    done(request);
  },
  instance: {
    app: appName,
    hostName: 'js-host',
    ipAddr: '127.0.0.1',
    statusPageUrl: 'http://js-host:3000/info',
    healthCheckUrl: 'http://js-host:3000/health',
    port: { $: 3000, '@enabled': 'true' },
    vipAddress: appName.toLowerCase(),
    dataCenterInfo: { '@class': 'com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo', name: 'MyOwn' },
    metadata: { 'client': 'eureka-js-client' },
  },
  eureka: {
    host, port: Number(port), servicePath,
    heartbeatInterval: 200, registryFetchInterval: 200, maxRetries: 0, requestRetryDelay: 100,
  },
});

client.on('heartbeat', () => { heartbeats++; });

const timeout = setTimeout(() => { say('timeout', { heartbeats, fetches }); process.exit(2); }, 20000);

client.start((error) => {
  if (error) { say('start-failed', { message: String(error) }); process.exit(1); }
  say('registered', { instanceId: client.instanceId });
  const check = setInterval(() => {
    if (heartbeats < 3 || fetches < 3 || (useDelta === 'delta' && deltas < 2)) return;
    clearInterval(check);
    const own = client.getInstancesByAppId(appName).map(i => ({ instanceId: i.instanceId, status: i.status, port: i.port }));
    const other = client.getInstancesByAppId(otherApp).map(i => ({ instanceId: i.instanceId, status: i.status, port: i.port, vipAddress: i.vipAddress }));
    const byVip = client.getInstancesByVipAddress(otherApp.toLowerCase()).map(i => i.instanceId);
    say('observed', { heartbeats, fetches, deltas, own, other, byVip });
    client.stop((stopError) => {
      say(stopError ? 'deregister-failed' : 'deregistered', { message: stopError ? String(stopError) : undefined });
      clearTimeout(timeout);
      process.exit(stopError ? 1 : 0);
    });
  }, 50);
});
