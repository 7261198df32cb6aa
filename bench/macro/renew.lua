-- PUT renewals spread over the 1,000 registered instances (APP0..APP9 x inst-0..inst-99).
wrk.method = "PUT"
local counter = 0
request = function()
  counter = counter + 1
  local n = counter % 1000
  -- Java clients send lastDirtyTimestamp with every heartbeat, so the dirty-timestamp check runs too.
  local path = string.format("/eureka/apps/APP%d/inst-%d?status=UP&lastDirtyTimestamp=1", n % 10, n)
  return wrk.format("PUT", path)
end
