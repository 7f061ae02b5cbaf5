-- Puts a warmed shop into the pool, unless it was ended while it booted, and tells the callers
-- waiting for one.
-- KEYS: 1 warming (zset), 2 ready (list), 3 records (hash id -> JSON record, see acquire.lua)
-- ARGV: 1 id, 2 now (epoch ms), 3 events channel
-- Returns 1, or 0 when the shop is no longer warming.
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
return 1
