-- Ends a live shop: takes it out of every live set and marks it ending, so exactly one caller goes
-- on to tear it down ({} for everyone else), and tells every listener. The record stays (in the
-- ending set) until its container and route are gone.
-- KEYS: 1 ready (list), 2 warming (zset), 3 assigned (zset), 4 ending (zset id -> endedAt), 5 the instance hash
-- ARGV: 1 id, 2 ending state, 3 now (epoch ms), 4 state it must be in ('' for any live state),
--       5 client key prefix, 6 events channel
local state = redis.call('HGET', KEYS[5], 'state')
if not state or redis.call('ZSCORE', KEYS[4], ARGV[1]) then
  return {}
end
if ARGV[4] ~= '' and state ~= ARGV[4] then
  return {}
end
if ARGV[2] == 'expired' then
  -- The reaper looked a moment ago; an extension may have moved the expiry since.
  local expiresAt = redis.call('ZSCORE', KEYS[3], ARGV[1])
  if not expiresAt or tonumber(expiresAt) > tonumber(ARGV[3]) then
    return {}
  end
end
if state == 'ready' then
  redis.call('LREM', KEYS[1], 0, ARGV[1])
end
local client = redis.call('HGET', KEYS[5], 'client')
if client then
  redis.call('ZREM', ARGV[5] .. client .. ':live', ARGV[1])
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[5], 'state', ARGV[2], 'endedAt', ARGV[3])
redis.call('PUBLISH', ARGV[6], 'ended ' .. ARGV[1] .. ' ' .. ARGV[2])
return redis.call('HGETALL', KEYS[5])
