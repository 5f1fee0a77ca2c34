-- POST a join for pair p = tid + nthreads * n over join targets [BENCH_FIRST, BENCH_FIRST + BENCH_COUNT): every pair
-- is distinct, so every join is a first join (201); warm-up and measured runs use disjoint targets.
--   BENCH_SPREAD=1: consecutive requests go to different communities (target p % count, user p / count);
--   BENCH_SPREAD=0: 2,000 consecutive joins into one community (a popular community: one hot member-count row).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local first = tonumber(os.getenv("BENCH_FIRST") or "0")
local count = tonumber(os.getenv("BENCH_COUNT") or "0")
local spread = os.getenv("BENCH_SPREAD") == "1"
function init(args)
   load_data()
   if count == 0 then count = #join_targets - first end
end
function request()
   local p = tid + nthreads * n
   n = n + 1
   local u, c
   if spread then
      c = first + p % count
      u = math.floor(p / count) % #tokens
   else
      u = p % #tokens
      c = first + math.floor(p / #tokens) % count
   end
   return wrk.format("POST", "/api/communities/" .. join_targets[c + 1] .. "/members",
      { ["Authorization"] = "Bearer " .. tokens[u + 1], ["Content-Type"] = "application/json" }, "{}")
end
