-- wrk script for bench/http: POST /api/tasks with a small task_add payload (one new task per request).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"project":"api","title":"HTTP bench task","labels":["perf"]}'
