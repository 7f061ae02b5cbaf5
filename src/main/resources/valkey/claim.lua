-- Records what a deployment claims on the services it shares with other deployments (host ports,
-- the names of its shop databases, its base domain on a Caddy listener), unless a live deployment
-- claims any of it already. A claim lasts for a duration after its last renewal, measured by
-- Valkey's own clock (TIME): the service sends no instant, so its clock cannot make a claim last
-- too long or lapse too soon, and a dead deployment's claim lapses and is removed here. The same
-- deployment (a restart, another replica) renews its own claim.
-- KEYS: 1 claims (hash: deployment name -> JSON {firstPort, lastPort, databasePrefix, site,
--       expiresAt (Valkey's milliseconds)})
-- ARGV: 1 deployment name, 2 its claim (JSON, as above without expiresAt), 3 how long it lasts (ms)
-- Returns {} when claimed, else {other deployment, what clashes ('ports', 'databases' or 'site'),
-- its claim (JSON), milliseconds until it lapses unless renewed}
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local mine = cjson.decode(ARGV[2])
local claims = redis.call('HGETALL', KEYS[1])
for i = 1, #claims, 2 do
  local name, theirs = claims[i], cjson.decode(claims[i + 1])
  if name ~= ARGV[1] then
    if theirs.expiresAt <= now then
      redis.call('HDEL', KEYS[1], name)
    else
      local clash
      if mine.firstPort <= theirs.lastPort and theirs.firstPort <= mine.lastPort then
        clash = 'ports'
      elseif mine.databasePrefix == theirs.databasePrefix then
        clash = 'databases'
      elseif mine.site == theirs.site then
        clash = 'site'
      end
      if clash then
        return {name, clash, claims[i + 1], tostring(theirs.expiresAt - now)}
      end
    end
  end
end
mine.expiresAt = now + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(mine))
return {}
