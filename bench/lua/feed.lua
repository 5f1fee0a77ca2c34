-- GET a path with a bearer token rotated across all bench users (BENCH_PATH, default the home feed); with
-- BENCH_NOAUTH set, no token at all (the fixed-page ceiling).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local path = os.getenv("BENCH_PATH") or "/api/feeds/me?limit=20"
local noauth = os.getenv("BENCH_NOAUTH") ~= nil
function init(args)
   load_data()
   n = tid * 7919
end
function request()
   if noauth then
      return wrk.format("GET", path)
   end
   n = n + 1
   return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] })
end
