// Loads one application's configuration from a Spring Cloud Config-compatible server with the npm package
// cloud-config-client (which sends no Accept header, so it gets v1 JSON) and prints what it understood as one JSON line.
// Usage: node client.js <endpoint> <name> <profiles> [label] [user] [password]
const client = require('cloud-config-client')

const [endpoint, name, profiles, label, user, pass] = process.argv.slice(2)
const options = { endpoint, name, profiles: profiles.split(','), label: label || undefined }
if (user) options.auth = { user, pass }

client.load(options)
  .then((config) => {
    console.log(JSON.stringify({
      name: config.raw.name,
      profiles: config.raw.profiles,
      label: config.raw.label,
      version: config.raw.version,
      sources: config.raw.propertySources.map((s) => s.name),
      properties: config.properties,
      nested: config.toObject()
    }))
  })
  .catch((error) => {
    console.log(JSON.stringify({ error: error.message }))
    process.exitCode = 2
  })
