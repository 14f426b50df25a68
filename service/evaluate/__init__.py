"""The evaluation harness (`cited eval`, `python -m service eval`), one module per step:

    questions.py   question sets: load and check the JSON Lines, match gold strings
    ask.py         the askers: the Engine in-process (conversations kept in memory, read by
                   service.chat.reading: history and quoted sentences) or a running service
                   over HTTP
    run.py         ask every question, judge relevance, compute the metrics (ranx): EvalReport
    report.py      the report as a terminal table, Markdown, JSON and a PNG chart
    calibrate.py   `--calibrate`: fit the score map to service/calibration.json
    cli.py         the command: options, thresholds, exit code

Data flows one way, questions -> ask -> run -> report; the package is a front door like the
API and Slack, and imports neither (docs/retrieval.md, "Where the code lives").
"""
