-- The replicas of a deployment that are alive: each one says so at every lease round (or says it
-- leaves), and whoever has not said so for longer than the time to live is forgotten. Ages are
-- measured on Valkey's clock (TIME), the one clock every replica shares.
-- KEYS: 1 replicas (hash name -> JSON {api = where Caddy reaches its API, seenAt = Valkey ms})
-- ARGV: 1 replica name, 2 its API address ('' when it leaves), 3 time to live (ms)
-- Returns {name, api, name, api, ...} of the replicas alive after this call.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({api = ARGV[2], seenAt = string.format('%d', now)}))
end
local alive = {}
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local replica = cjson.decode(entries[i + 1])
  if now - tonumber(replica.seenAt) > tonumber(ARGV[3]) then
    redis.call('HDEL', KEYS[1], entries[i])
  else
    alive[#alive + 1] = entries[i]
    alive[#alive + 1] = replica.api
  end
end
return alive
