-- Hands out the oldest ready shop: pop, mark assigned with its expiry, return the record ({} when
-- the pool is empty). One script, so no caller can see a popped-but-unassigned shop and no two
-- callers get the same one.
-- KEYS: 1 ready (list), 2 assigned (zset id -> expiresAt)
-- ARGV: 1 instance key prefix, 2 now (epoch ms), 3 expiresAt (epoch ms)
while true do
  local id = redis.call('LPOP', KEYS[1])
  if not id then
    return {}
  end
  local key = ARGV[1] .. id
  -- A list entry whose record is no longer ready is stale (its shop was ended): skip it.
  if redis.call('HGET', key, 'state') == 'ready' then
    redis.call('HSET', key, 'state', 'assigned', 'assignedAt', ARGV[2], 'expiresAt', ARGV[3])
    redis.call('ZADD', KEYS[2], ARGV[3], id)
    return redis.call('HGETALL', key)
  end
end
