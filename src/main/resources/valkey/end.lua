-- Ends a live shop: takes it out of every live set and marks it ending, so exactly one caller goes
-- on to tear it down ({} for everyone else), and tells every listener. The record stays (in the
-- ending set) until its container and route are gone.
-- An assigned shop also leaves its client's live set, declared in KEYS as extend.lua explains:
-- the caller names the client it expects, none at first, and when the record's client is another
-- the script changes nothing and answers with it, for the caller to ask again naming it. A shop
-- that was never assigned has no client, so ending it takes one call.
-- The leader's own ends (expiries, failures, repairs) carry its token and are refused once it no
-- longer holds the lease (see lease.lua); a client's release or an operator's carries none and
-- works on any replica.
-- KEYS: 1 ready (list), 2 warming (zset), 3 assigned (zset), 4 ending (zset id -> endedAt),
--       5 records (hash id -> JSON record, see acquire.lua), 6 leader (string: token),
--       7 outbox (stream, see reserve.lua),
--       8 the expected client's live shops (zset; only when a client is named)
-- ARGV: 1 id, 2 ending state, 3 now (epoch ms), 4 state it must be in ('' for any live state),
--       5 events channel, 6 the leader's token ('' when any replica may),
--       7 outbox bound (0: events are off), 8 expected client ('' for none)
-- Returns {'ended', record (JSON)} to the one caller that must tear the shop down | {}
--       | {'client', the record's client} | {'fenced'} when the token is not the leader's
if ARGV[6] ~= '' and redis.call('GET', KEYS[6]) ~= ARGV[6] then
  return {'fenced'}
end
local json = redis.call('HGET', KEYS[5], ARGV[1])
local record = json and cjson.decode(json)
if not record or redis.call('ZSCORE', KEYS[4], ARGV[1]) then
  return {}
end
if ARGV[4] ~= '' and record.state ~= ARGV[4] then
  return {}
end
if ARGV[2] == 'expired' then
  -- The reaper looked a moment ago; an extension may have moved the expiry since.
  local expiresAt = redis.call('ZSCORE', KEYS[3], ARGV[1])
  if not expiresAt or tonumber(expiresAt) > tonumber(ARGV[3]) then
    return {}
  end
end
if (record.client or '') ~= ARGV[8] then
  return {'client', record.client}
end
if record.state == 'ready' then
  redis.call('LREM', KEYS[1], 0, ARGV[1])
end
if record.client then
  redis.call('ZREM', KEYS[8], ARGV[1])
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
local previous = record.state
record.state = ARGV[2]
record.endedAt = ARGV[3]
json = cjson.encode(record)
redis.call('HSET', KEYS[5], ARGV[1], json)
redis.call('PUBLISH', ARGV[5], 'ended ' .. ARGV[1] .. ' ' .. ARGV[2])
if ARGV[7] ~= '0' then
  redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[7], '*', 'type', ARGV[2], 'instance', ARGV[1], 'time', ARGV[3],
    'previousState', previous)
end
return {'ended', json}
