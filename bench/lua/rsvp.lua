-- PUT an RSVP for pair p = tid + nthreads * n: user u = (p * 101) % #tokens (a stride, so concurrent requests
-- spread over the communities instead of queuing on one activity) to activity k = BENCH_FIRST + floor(p / #tokens)
-- of u's own community (members only may RSVP); warm-up and measured runs use disjoint activities, so every RSVP
-- is a first RSVP.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local first = tonumber(os.getenv("BENCH_FIRST") or "0")
local count = tonumber(os.getenv("BENCH_COUNT") or "0")
function init(args)
   load_data()
   if count == 0 then count = activities_per_community - first end
end
function request()
   local p = tid + nthreads * n
   n = n + 1
   local u = (p % #tokens) * 101 % #tokens
   local c = math.floor(u / per_community)
   local k = first + math.floor(p / #tokens) % count
   return wrk.format("PUT", "/api/activities/" .. activities[c * activities_per_community + k + 1] .. "/rsvps/me",
      { ["Authorization"] = "Bearer " .. tokens[u + 1], ["Content-Type"] = "application/json" }, "{\"guests\":0}")
end
