-- The outbox at a glance, in one snapshot: what is still to publish, and how many events its bound
-- dropped before anyone published them. Every event ever appended was either relayed (counted by
-- relayed.lua), is still in the outbox, or was dropped by XADD's MAXLEN, which counts nothing
-- itself: the stream's entries-added (Valkey and Redis 7+) closes the sum.
-- KEYS: 1 outbox (stream), 2 relayed (string: count of events ever relayed)
-- Returns {pending, dropped}.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {0, 0}
end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local length, added = 0, 0
for i = 1, #info, 2 do
  if info[i] == 'length' then
    length = info[i + 1]
  elseif info[i] == 'entries-added' then
    added = info[i + 1]
  end
end
local relayed = tonumber(redis.call('GET', KEYS[2]) or '0')
return {length, math.max(0, added - relayed - length)}
