-- Shared by the wrk scripts: loads the data set's Lua tables (written by BenchLoad) and numbers the threads, so
-- each thread walks its own disjoint sequence of (user, target) pairs and no pair is written twice.
local counter = 0
function setup(thread)
   thread:set("tid", counter)
   counter = counter + 1
end

function load_data()
   dofile(os.getenv("BENCH_DATA"))
   nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
   n = 0
end

function done(summary, latency, requests)
end
