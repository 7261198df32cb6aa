// Discovers a Stratus auth server with the third-party openid-client, gets a client-credentials token, introspects
// it, and prints one JSON line with what it saw.
// Usage: node client.js <issuer> <clientId> <clientSecret> <scope>
import * as client from 'openid-client';

const [issuer, clientId, clientSecret, scope] = process.argv.slice(2);
try {
  // The test server speaks plain HTTP on loopback.
  const config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  const metadata = config.serverMetadata();
  const tokens = await client.clientCredentialsGrant(config, { scope });
  const introspection = await client.tokenIntrospection(config, tokens.access_token);
  process.stdout.write(JSON.stringify({
    issuer: metadata.issuer,
    tokenEndpoint: metadata.token_endpoint,
    tokenType: tokens.token_type,
    expiresIn: tokens.expires_in,
    scope: tokens.scope ?? null,
    accessToken: tokens.access_token,
    active: introspection.active,
  }) + '\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error), cause: String(error.cause ?? '') }) + '\n');
  process.exitCode = 1;
}
