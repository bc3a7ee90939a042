-- wrk script for benches/mock_load.sh: POST the 2 KiB /messages/send body with the sandbox key.
local path = os.getenv("BRAZEN_BENCH_BODY") or "benches/data/messages_send_2k.json"
local f = assert(io.open(path, "rb"), "cannot open " .. path)
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Authorization"] = "Bearer sandbox-all"
wrk.headers["Content-Type"] = "application/json"
