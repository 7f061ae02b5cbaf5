-- Hands out the oldest ready shop to a client, within the client's limits, in one step: no caller
-- can see a popped-but-unassigned shop, no two callers get the same one, and limits are exact
-- under any concurrency. Only a shop actually handed out counts against the limits.
-- Every key a script touches is declared in KEYS, as Valkey requires (proxies and clusters route
-- a script by its keys). This one cannot know which shop it will pop until it pops it, so it could
-- not declare a key of that shop's own: that is why every shop's record is a field of one hash,
-- the records hash (id -> the record as a JSON object). A second step that first peeks at the
-- list would cost every acquire a second round trip, and a retry whenever another caller took
-- that shop first. The record's values are all strings, so that epoch milliseconds keep every
-- digit through cjson. The client's keys are named by the caller, who knows the client.
-- KEYS: 1 ready (list), 2 assigned (zset id -> expiresAt),
--       3 the client's acquires (zset id -> acquiredAt), 4 the client's live shops (zset id -> expiresAt),
--       5 warming (zset id -> startedAt), 6 records (hash id -> JSON record),
--       7 outbox (stream, see reserve.lua), 8 arrivals (hash, see arrivals.lua)
-- ARGV: 1 now (epoch ms), 2 expiresAt (epoch ms), 3 owner token hash, 4 client key,
--       5 hourly limit, 6 daily limit, 7 live limit, 8 outbox bound (0: events are off),
--       9 the client key's SHA-256 (the event names the client by it, never by its address),
--       10 seconds per arrivals bucket (0: the target is fixed, arrivals are not counted),
--       11 how long the arrivals hash is kept (seconds)
-- Returns {'ok', hourly, daily, live, record (JSON)} | {'limited', kind, retryAfterMs, hourly, daily, live}
--       | {'empty', hourly, daily, live, oldestWarmupStart (epoch ms) or nil}, the counts being the
--       client's usage after this call. The oldest warm-up's start comes with 'empty' so that a
--       refusal, Retry-After included, also costs one round trip.
local HOUR, DAY = 3600000, 86400000
local now = tonumber(ARGV[1])

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
if hourly >= tonumber(ARGV[5]) then
  return {'limited', 'hourly', retry_after('(' .. (now - HOUR), hourly, tonumber(ARGV[5]), HOUR), hourly, daily, live}
end
if daily >= tonumber(ARGV[6]) then
  return {'limited', 'daily', retry_after('-inf', daily, tonumber(ARGV[6]), DAY), hourly, daily, live}
end
if live >= tonumber(ARGV[7]) then
  local soonest = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
  return {'limited', 'live', tonumber(soonest[2]) - now, hourly, daily, live}
end

-- Demand, for adaptive sizing: an acquire within the client's limits, handed a shop or refused for
-- an empty pool, counted in a bucket of Valkey's clock, which every replica shares.
if ARGV[10] ~= '0' then
  local second = tonumber(redis.call('TIME')[1])
  redis.call('HINCRBY', KEYS[8], second - second % tonumber(ARGV[10]), 1)
  redis.call('EXPIRE', KEYS[8], ARGV[11])
end

while true do
  local id = redis.call('LPOP', KEYS[1])
  if not id then
    local oldest = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
    return {'empty', hourly, daily, live, oldest[2] or false}
  end
  local json = redis.call('HGET', KEYS[6], id)
  local record = json and cjson.decode(json)
  -- A list entry whose record is no longer ready is stale (its shop was ended): skip it.
  if record and record.state == 'ready' then
    record.state = 'assigned'
    record.assignedAt = ARGV[1]
    record.expiresAt = ARGV[2]
    record.tokenHash = ARGV[3]
    record.client = ARGV[4]
    record.extensions = '0'
    json = cjson.encode(record)
    redis.call('HSET', KEYS[6], id, json)
    redis.call('ZADD', KEYS[2], ARGV[2], id)
    redis.call('ZADD', KEYS[3], now, id)
    redis.call('PEXPIRE', KEYS[3], DAY)
    redis.call('ZADD', KEYS[4], ARGV[2], id)
    -- Valkey gets a duration, never an instant: it compares instants with its own clock, so an
    -- expiry computed from the service's clock would drop live state if the two disagreed.
    local ttl = tonumber(ARGV[2]) - now
    if redis.call('PTTL', KEYS[4]) < ttl then
      redis.call('PEXPIRE', KEYS[4], ttl)
    end
    if ARGV[8] ~= '0' then
      redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[8], '*', 'type', 'assigned', 'instance', id, 'time', ARGV[1],
        'expiresAt', ARGV[2], 'clientHash', ARGV[9])
    end
    return {'ok', hourly + 1, daily + 1, live + 1, json}
  end
end
