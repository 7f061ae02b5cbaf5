-- Moves an assigned shop's expiry later, within the lifetime cap (from acquire) and the number of
-- extensions allowed, and tells every listener.
-- KEYS: 1 assigned (zset), 2 the instance hash
-- ARGV: 1 id, 2 milliseconds to add, 3 max lifetime (ms), 4 max extensions, 5 now (epoch ms),
--       6 client key prefix, 7 events channel
-- Returns {'ok', field, value, ...} | {'ended', state} | {'no-extensions-left', expiresAt}
--       | {'over-cap', expiresAt, maxExpiresAt}
local f = redis.call('HMGET', KEYS[2], 'state', 'assignedAt', 'expiresAt', 'extensions', 'client')
local state, expires_at = f[1], tonumber(f[3])
if state ~= 'assigned' then
  return {'ended', state or 'unknown'}
end
if expires_at <= tonumber(ARGV[5]) then
  return {'ended', 'expired'}
end
if tonumber(f[4]) >= tonumber(ARGV[4]) then
  return {'no-extensions-left', expires_at}
end
local cap = tonumber(f[2]) + tonumber(ARGV[3])
local extended = expires_at + tonumber(ARGV[2])
if extended > cap then
  return {'over-cap', expires_at, cap}
end
redis.call('HSET', KEYS[2], 'expiresAt', extended)
redis.call('HINCRBY', KEYS[2], 'extensions', 1)
redis.call('ZADD', KEYS[1], 'XX', extended, ARGV[1])
local live = ARGV[6] .. f[5] .. ':live'
redis.call('ZADD', live, 'XX', extended, ARGV[1])
-- A duration, not an instant, for the reason given in acquire.lua.
local ttl = extended - tonumber(ARGV[5])
if redis.call('PTTL', live) < ttl then
  redis.call('PEXPIRE', live, ttl)
end
redis.call('PUBLISH', ARGV[7], 'extended ' .. ARGV[1] .. ' ' .. extended)
local reply = {'ok'}
for _, item in ipairs(redis.call('HGETALL', KEYS[2])) do
  table.insert(reply, item)
end
return reply
