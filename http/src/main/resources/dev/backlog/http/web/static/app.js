// Placeholder for the web UI (SPEC §9): shows the server version and follows the live event stream.
"use strict";
const status = document.getElementById("status");
fetch("/api/health").then(r => r.json()).then(h => { status.textContent = "backlog " + h.version + " is running"; });
const events = new EventSource("/api/events/stream");
events.onmessage = e => { status.textContent = "last event: " + e.lastEventId; };
events.onerror = () => { status.textContent = "disconnected"; };
