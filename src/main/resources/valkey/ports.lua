-- Keeps the free-port set true to the range and the records, atomically, so a port taken or freed
-- meanwhile is never counted twice. When the range is new (first start, a changed range, Valkey
-- that lost its data) the set is rebuilt; otherwise every port of the range that no recorded shop
-- holds and that is not free is freed: ports lost with a record that vanished. Every recorded
-- shop is a field of the records hash, so the ports held are read from that one declared key.
-- KEYS: 1 free ports (set), 2 seeded range marker, 3 records (hash id -> JSON record, see acquire.lua)
-- ARGV: 1 first port, 2 last port
-- Returns {1 if the set was rebuilt else 0, ports added}
local range = ARGV[1] .. '-' .. ARGV[2]
local rebuilt = 0
if redis.call('GET', KEYS[2]) ~= range then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], range)
  rebuilt = 1
end
local held = {}
for _, json in ipairs(redis.call('HVALS', KEYS[3])) do
  held[cjson.decode(json).port] = true
end
local added = 0
for port = tonumber(ARGV[1]), tonumber(ARGV[2]) do
  local name = tostring(port)
  if not held[name] and redis.call('SISMEMBER', KEYS[1], name) == 0 then
    redis.call('SADD', KEYS[1], name)
    added = added + 1
  end
end
return {rebuilt, added}
