-- Last step of a teardown, once container and route are gone: drop the record, free the port.
-- KEYS: 1 ending (zset), 2 free ports (set), 3 records (hash id -> JSON record, see acquire.lua)
-- ARGV: 1 id
-- Returns 1, or 0 when the shop is not ending.
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local json = redis.call('HGET', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
if json then
  redis.call('SADD', KEYS[2], cjson.decode(json).port)
end
return 1
