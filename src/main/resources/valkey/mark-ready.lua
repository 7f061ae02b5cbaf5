-- Puts a warmed shop into the pool, unless it was ended while it booted.
-- KEYS: 1 warming (zset), 2 ready (list), 3 the instance hash
-- ARGV: 1 id, 2 now (epoch ms)
if redis.call('HGET', KEYS[3], 'state') ~= 'warming' then
  return 0
end
redis.call('HSET', KEYS[3], 'state', 'ready', 'readyAt', ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1
