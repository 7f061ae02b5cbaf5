-- Returns to the free set every port of the range that no recorded shop holds and that is not free
-- already: ports lost by a process that died between taking a port and recording it (which the
-- scripts prevent) or by a record that vanished (Valkey lost its data). Atomic, so a port taken or
-- freed meanwhile is never counted twice.
-- KEYS: 1 free ports (set), 2 ready (list), 3 warming, 4 assigned, 5 ending (zsets)
-- ARGV: 1 first port, 2 last port, 3 instance key prefix
local held = {}
local ids = redis.call('LRANGE', KEYS[2], 0, -1)
for i = 3, 5 do
  for _, id in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
    table.insert(ids, id)
  end
end
for _, id in ipairs(ids) do
  local port = redis.call('HGET', ARGV[3] .. id, 'port')
  if port then
    held[port] = true
  end
end
local reclaimed = 0
for port = tonumber(ARGV[1]), tonumber(ARGV[2]) do
  local name = tostring(port)
  if not held[name] and redis.call('SISMEMBER', KEYS[1], name) == 0 then
    redis.call('SADD', KEYS[1], name)
    reclaimed = reclaimed + 1
  end
end
return reclaimed
