-- Last step of a teardown, once container and route are gone: drop the record, free the port.
-- KEYS: 1 ending (zset), 2 free ports (set), 3 the instance hash
-- ARGV: 1 id
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
local port = redis.call('HGET', KEYS[3], 'port')
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
if port then
  redis.call('SADD', KEYS[2], port)
end
return 1
