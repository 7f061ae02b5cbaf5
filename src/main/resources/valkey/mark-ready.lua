-- Puts a warmed shop into the pool, unless it was ended while it booted, and tells the callers
-- waiting for one.
-- KEYS: 1 warming (zset), 2 ready (list), 3 the instance hash
-- ARGV: 1 id, 2 now (epoch ms), 3 events channel
if redis.call('HGET', KEYS[3], 'state') ~= 'warming' then
  return 0
end
redis.call('HSET', KEYS[3], 'state', 'ready', 'readyAt', ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('PUBLISH', ARGV[3], 'ready ' .. ARGV[1])
return 1
