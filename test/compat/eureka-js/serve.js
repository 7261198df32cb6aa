// A Node service that registers itself with eureka-js-client and answers GET /whoami with its name, until SIGTERM,
// when it deregisters and exits. Usage: node serve.js <registryHost> <registryPort> <appName> <name> <port>
'use strict';
const http = require('http');
const { Eureka } = require('eureka-js-client');

const [host, port, appName, name, servicePort] = process.argv.slice(2);
const say = (event, data) => process.stdout.write(JSON.stringify({ event, ...data }) + '\n');
const quiet = { debug() {}, info() {}, warn(...a) { say('warn', { message: a.join(' ') }); }, error(...a) { say('error', { message: a.join(' ') }); } };

const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/whoami' ? 200 : 404, { 'Content-Type': 'text/plain' });
  res.end(req.url === '/whoami' ? name : 'not found');
});

server.listen(Number(servicePort), '127.0.0.1', () => {
  const client = new Eureka({
    logger: quiet,
    instance: {
      app: appName,
      instanceId: `127.0.0.1:${appName.toLowerCase()}:${servicePort}`,
      hostName: '127.0.0.1',
      ipAddr: '127.0.0.1',
      port: { $: Number(servicePort), '@enabled': 'true' },
      vipAddress: appName.toLowerCase(),
      dataCenterInfo: { '@class': 'com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo', name: 'MyOwn' },
    },
    eureka: { host, port: Number(port), servicePath: '/eureka/apps/', heartbeatInterval: 1000, registryFetchInterval: 1000, maxRetries: 3, requestRetryDelay: 200 },
  });
  client.start((error) => {
    if (error) { say('start-failed', { message: String(error) }); process.exit(1); }
    say('registered', { instanceId: client.instanceId });
  });
  process.on('SIGTERM', () => client.stop(() => { say('deregistered', {}); server.close(); process.exit(0); }));
});
