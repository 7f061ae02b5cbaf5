-- Moves an assigned shop's expiry later, within the lifetime cap (from acquire) and the number of
-- extensions allowed, and tells every listener.
-- The client's live set moves with it, and a script may touch only keys declared in KEYS; but the
-- set's name comes from the record's client, which the caller cannot know before it asks. So the
-- caller names the client it expects, none at first, and declares that client's live set. When
-- the record's client is another, the script changes nothing and answers with it, and the caller
-- asks again naming it. A record's client never changes once acquire set it, so the second call
-- matches; refusals need no client and come on the first.
-- KEYS: 1 assigned (zset), 2 records (hash id -> JSON record, see acquire.lua),
--       3 outbox (stream, see reserve.lua),
--       4 the expected client's live shops (zset id -> expiresAt; only when a client is named)
-- ARGV: 1 id, 2 milliseconds to add, 3 max lifetime (ms), 4 max extensions, 5 now (epoch ms),
--       6 events channel, 7 outbox bound (0: events are off), 8 expected client ('' for none)
-- Returns {'ok', record (JSON)} | {'ended', state} | {'no-extensions-left', expiresAt}
--       | {'over-cap', expiresAt, maxExpiresAt} | {'client', the record's client}
local json = redis.call('HGET', KEYS[2], ARGV[1])
local record = json and cjson.decode(json)
if not record or record.state ~= 'assigned' then
  return {'ended', record and record.state or 'unknown'}
end
local expires_at = tonumber(record.expiresAt)
if expires_at <= tonumber(ARGV[5]) then
  return {'ended', 'expired'}
end
if tonumber(record.extensions) >= tonumber(ARGV[4]) then
  return {'no-extensions-left', expires_at}
end
local cap = tonumber(record.assignedAt) + tonumber(ARGV[3])
local extended = expires_at + tonumber(ARGV[2])
if extended > cap then
  return {'over-cap', expires_at, cap}
end
if record.client ~= ARGV[8] then
  return {'client', record.client}
end
record.expiresAt = string.format('%d', extended)
record.extensions = tostring(tonumber(record.extensions) + 1)
json = cjson.encode(record)
redis.call('HSET', KEYS[2], ARGV[1], json)
redis.call('ZADD', KEYS[1], 'XX', record.expiresAt, ARGV[1])
redis.call('ZADD', KEYS[4], 'XX', record.expiresAt, ARGV[1])
-- A duration, not an instant, for the reason given in acquire.lua.
local ttl = extended - tonumber(ARGV[5])
if redis.call('PTTL', KEYS[4]) < ttl then
  redis.call('PEXPIRE', KEYS[4], ttl)
end
redis.call('PUBLISH', ARGV[6], 'extended ' .. ARGV[1] .. ' ' .. record.expiresAt)
if ARGV[7] ~= '0' then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], '*', 'type', 'extended', 'instance', ARGV[1], 'time', ARGV[5],
    'expiresAt', record.expiresAt, 'extensions', record.extensions)
end
return {'ok', json}
