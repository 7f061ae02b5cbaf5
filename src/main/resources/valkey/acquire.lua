-- Hands out the oldest ready shop to a client, within the client's limits, in one step: no caller
-- can see a popped-but-unassigned shop, no two callers get the same one, and limits are exact
-- under any concurrency. Only a shop actually handed out counts against the limits.
-- KEYS: 1 ready (list), 2 assigned (zset id -> expiresAt),
--       3 the client's acquires (zset id -> acquiredAt), 4 the client's live shops (zset id -> expiresAt),
--       5 warming (zset id -> startedAt)
-- ARGV: 1 instance key prefix, 2 now (epoch ms), 3 expiresAt (epoch ms), 4 owner token hash,
--       5 client key, 6 hourly limit, 7 daily limit, 8 live limit
-- Returns {'ok', hourly, daily, live, field, value, ...} | {'limited', kind, retryAfterMs, hourly, daily, live}
--       | {'empty', hourly, daily, live, oldestWarmupStart (epoch ms) or nil}, the counts being the
--       client's usage after this call. The oldest warm-up's start comes with 'empty' so that a
--       refusal, Retry-After included, also costs one round trip.
local HOUR, DAY = 3600000, 86400000
local now = tonumber(ARGV[2])

-- Sliding windows: the client's acquires of the last day, of which those of the last hour.
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - DAY)
local daily = redis.call('ZCARD', KEYS[3])
local hourly = redis.call('ZCOUNT', KEYS[3], '(' .. (now - HOUR), '+inf')
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
local live = redis.call('ZCARD', KEYS[4])

-- Time until the oldest acquire that keeps the client at its limit leaves the window.
local function retry_after(window_start, count, limit, window)
  local oldest = redis.call('ZRANGEBYSCORE', KEYS[3], window_start, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
  return tonumber(oldest[2]) + window - now
end
if hourly >= tonumber(ARGV[6]) then
  return {'limited', 'hourly', retry_after('(' .. (now - HOUR), hourly, tonumber(ARGV[6]), HOUR), hourly, daily, live}
end
if daily >= tonumber(ARGV[7]) then
  return {'limited', 'daily', retry_after('-inf', daily, tonumber(ARGV[7]), DAY), hourly, daily, live}
end
if live >= tonumber(ARGV[8]) then
  local soonest = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
  return {'limited', 'live', tonumber(soonest[2]) - now, hourly, daily, live}
end

while true do
  local id = redis.call('LPOP', KEYS[1])
  if not id then
    local oldest = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
    return {'empty', hourly, daily, live, oldest[2] or false}
  end
  local key = ARGV[1] .. id
  -- A list entry whose record is no longer ready is stale (its shop was ended): skip it.
  if redis.call('HGET', key, 'state') == 'ready' then
    redis.call('HSET', key, 'state', 'assigned', 'assignedAt', ARGV[2], 'expiresAt', ARGV[3],
      'tokenHash', ARGV[4], 'client', ARGV[5], 'extensions', 0)
    redis.call('ZADD', KEYS[2], ARGV[3], id)
    redis.call('ZADD', KEYS[3], now, id)
    redis.call('PEXPIRE', KEYS[3], DAY)
    redis.call('ZADD', KEYS[4], ARGV[3], id)
    -- Valkey gets a duration, never an instant: it compares instants with its own clock, so an
    -- expiry computed from the service's clock would drop live state if the two disagreed.
    local ttl = tonumber(ARGV[3]) - now
    if redis.call('PTTL', KEYS[4]) < ttl then
      redis.call('PEXPIRE', KEYS[4], ttl)
    end
    local reply = {'ok', hourly + 1, daily + 1, live + 1}
    for _, item in ipairs(redis.call('HGETALL', key)) do
      table.insert(reply, item)
    end
    return reply
  end
end
