-- GET a path with a bearer token rotated across all bench users (BENCH_PATH, default the home feed).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local path = os.getenv("BENCH_PATH") or "/api/feeds/me?limit=20"
function init(args)
   load_data()
   n = tid * 7919
end
function request()
   n = n + 1
   return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] })
end
