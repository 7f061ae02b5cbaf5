-- One consistent snapshot of the pool's sizes.
-- KEYS: 1 ready (list), 2 warming, 3 assigned, 4 ending (zsets)
-- ARGV: none
-- Returns {ready, warming, assigned, ending}
return {
  redis.call('LLEN', KEYS[1]),
  redis.call('ZCARD', KEYS[2]),
  redis.call('ZCARD', KEYS[3]),
  redis.call('ZCARD', KEYS[4])
}
