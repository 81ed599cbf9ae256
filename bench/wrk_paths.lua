-- wrk script shared by the benchmarks (bench/harness.py runs it).
--   WRK_PATHS=file  request the file's paths (one a line) in turn, each thread from its own offset;
--                   without it, wrk sends its one URL as usual
--   WRK_COUNT=1     look at every response: count 5xx and "X-Cache: hit" headers (costs the
--                   client some speed, so compare only runs that both count or both do not)
-- done() prints one line "WRKJSON {...}" that harness.py reads.

local paths_file = os.getenv("WRK_PATHS")
local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   status5xx, cache_seen, cache_hits, counted = 0, 0, 0, 0
   if paths_file then
      paths = {}
      for line in io.lines(paths_file) do
         if #line > 0 then paths[#paths + 1] = line end
      end
      index = (id * 7919) % #paths
   end
end

if paths_file then
   request = function()
      index = index % #paths + 1
      return wrk.format(nil, paths[index])
   end
end

if os.getenv("WRK_COUNT") == "1" then
   response = function(status, headers, body)
      counted = counted + 1
      if status >= 500 then status5xx = status5xx + 1 end
      local xcache = headers["X-Cache"] or headers["x-cache"]
      if xcache then
         cache_seen = cache_seen + 1
         if string.find(string.lower(xcache), "hit") then cache_hits = cache_hits + 1 end
      end
   end
end

function done(summary, latency, requests)
   local totals = {status5xx = 0, cache_seen = 0, cache_hits = 0, counted = 0}
   for _, thread in ipairs(threads) do
      for name, _ in pairs(totals) do
         totals[name] = totals[name] + (thread:get(name) or 0)
      end
   end
   local errors = summary.errors
   io.write(string.format(
      'WRKJSON {"requests": %d, "duration_us": %.0f, "p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, '
      .. '"max_us": %.0f, "non_2xx_3xx": %d, "socket_errors": %d, "status_5xx": %d, "counted": %d, '
      .. '"x_cache_seen": %d, "x_cache_hits": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max,
      errors.status, errors.connect + errors.read + errors.write + errors.timeout,
      totals.status5xx, totals.counted, totals.cache_seen, totals.cache_hits))
end
