"""The Slack bot: a thin front door over `service.chat.respond`.

app.py        build_slack_app(): the bolt App (WebClient, retries, executor, listeners)
listeners.py  question listeners registered by register(): ack, then queue the work
buttons.py    button listeners (more, full text, feedback, share, keep)
work.py       what listeners share: deps, the job queue, replay check, one error handler
channels.py   ChannelScheduler: per-channel queues drained by a few threads, paced
answers.py    questions through service.chat, answers found again for buttons
outbox.py     chat.postMessage queued and paced per channel, 429s requeued, failures logged
render.py     AskResponse -> Block Kit (pure), within Slack's limits
trim.py       escaping and sentence-boundary trimming (pure)
http.py       mount_slack(): POST /slack/events beside the API (HTTP mode; service.server)
socket.py     run_socket_mode(): `cited slack` (Socket Mode)
"""
