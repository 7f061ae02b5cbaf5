-- The acquires adaptive sizing counts (README, "A pool that sizes itself"), as acquire.lua counts
-- them: one hash per deployment, bucket start (epoch seconds, by Valkey's clock) -> arrivals in it.
-- Forgets buckets older than the longest window, and answers with Valkey's clock, so that windows
-- are measured on the same clock the buckets were counted on, whatever the service's says.
-- KEYS: 1 arrivals (hash)
-- ARGV: 1 how long a bucket is kept (seconds)
-- Returns {now (epoch seconds), bucket, count, bucket, count, ...}, all as strings.
local now = tonumber(redis.call('TIME')[1])
local oldest = now - tonumber(ARGV[1])
local reply = {tostring(now)}
local buckets = redis.call('HGETALL', KEYS[1])
for i = 1, #buckets, 2 do
  if tonumber(buckets[i]) < oldest then
    redis.call('HDEL', KEYS[1], buckets[i])
  else
    table.insert(reply, buckets[i])
    table.insert(reply, buckets[i + 1])
  end
end
return reply
