-- Fills the free-port set from the configured range, once per range: ports held by shops that
-- still have a record stay taken, so a restart or a range change never hands out a port twice.
-- KEYS: 1 free ports (set), 2 seeded range marker, 3 ready (list), 4 warming, 5 assigned, 6 ending (zsets)
-- ARGV: 1 first port, 2 last port, 3 instance key prefix
local range = ARGV[1] .. '-' .. ARGV[2]
if redis.call('GET', KEYS[2]) == range then
  return 0
end
redis.call('DEL', KEYS[1])
for port = tonumber(ARGV[1]), tonumber(ARGV[2]) do
  redis.call('SADD', KEYS[1], port)
end
local ids = redis.call('LRANGE', KEYS[3], 0, -1)
for i = 4, 6 do
  for _, id in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
    table.insert(ids, id)
  end
end
for _, id in ipairs(ids) do
  local port = redis.call('HGET', ARGV[3] .. id, 'port')
  if port then
    redis.call('SREM', KEYS[1], port)
  end
end
redis.call('SET', KEYS[2], range)
return 1
