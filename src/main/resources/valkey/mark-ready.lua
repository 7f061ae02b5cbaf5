-- Puts a warmed shop into the pool, unless it was ended while it booted, and tells the callers
-- waiting for one.
-- Only the leader that reserved the shop may (see lease.lua): after a takeover the new leader ends
-- the warm-ups of the old one.
-- KEYS: 1 warming (zset), 2 ready (list), 3 records (hash id -> JSON record, see acquire.lua),
--       4 leader (string: token), 5 outbox (stream, see reserve.lua)
-- ARGV: 1 id, 2 now (epoch ms), 3 events channel, 4 the token of the leader that reserved it,
--       5 outbox bound (0: events are off)
-- Returns 1, 0 when the shop is no longer warming, or -1 when the token is not the leader's.
if redis.call('GET', KEYS[4]) ~= ARGV[4] then
  return -1
end
local json = redis.call('HGET', KEYS[3], ARGV[1])
local record = json and cjson.decode(json)
if not record or record.state ~= 'warming' then
  return 0
end
record.state = 'ready'
record.readyAt = ARGV[2]
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(record))
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('PUBLISH', ARGV[3], 'ready ' .. ARGV[1])
if ARGV[5] ~= '0' then
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[5], '*', 'type', 'ready', 'instance', ARGV[1], 'time', ARGV[2])
end
return 1
