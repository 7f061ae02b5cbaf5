-- The outbox at a glance, in one snapshot: for each sink, how many events it has still to publish
-- and how long the oldest of them has waited; and how many events the outbox's bound dropped
-- before every sink had them. Every event ever appended was either taken out after publication
-- (counted by relayed.lua), is still in the outbox, or was dropped by XADD's MAXLEN, which counts
-- nothing itself: the stream's entries-added (Valkey and Redis 7+) closes the sum.
-- KEYS: 1 outbox (stream), 2 relayed (string: count of events taken out after publication),
--       3.. each sink's cursor (string: the id of the last event it published)
-- Returns {dropped, pending of sink 1, age in ms of its oldest pending event (0: none), pending of
-- sink 2, ...}.
local counts = {0}
if redis.call('EXISTS', KEYS[1]) == 0 then
  for i = 3, #KEYS do
    table.insert(counts, 0)
    table.insert(counts, 0)
  end
  return counts
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
counts[1] = math.max(0, added - relayed - length)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
-- A sink's backlog is what follows its cursor. Counting it by reading it would block Valkey for
-- tens of milliseconds with thousands of entries, exactly while a sink is away and acquires need
-- Valkey, so it is counted from whichever side of the cursor is short: after it for a sink that
-- keeps up, before it for one behind (the outbox starts just after the slowest cursor).
local SHORT = 100
local function pending(cursor)
  if not cursor then
    return length
  end
  local after = redis.call('XRANGE', KEYS[1], '(' .. cursor, '+', 'COUNT', SHORT + 1)
  if #after <= SHORT then
    return #after
  end
  local before = redis.call('XRANGE', KEYS[1], '-', cursor, 'COUNT', SHORT + 1)
  if #before <= SHORT then
    return length - #before
  end
  -- Both sinks far behind and far apart: rare, and then counted in full.
  return #redis.call('XRANGE', KEYS[1], '(' .. cursor, '+')
end
for i = 3, #KEYS do
  local cursor = redis.call('GET', KEYS[i])
  table.insert(counts, pending(cursor))
  local oldest = redis.call('XRANGE', KEYS[1], cursor and ('(' .. cursor) or '-', '+', 'COUNT', 1)
  if #oldest > 0 then
    local ms = tonumber(string.match(oldest[1][1], '^(%d+)-'))
    table.insert(counts, math.max(0, now - ms))
  else
    table.insert(counts, 0)
  end
end
return counts
