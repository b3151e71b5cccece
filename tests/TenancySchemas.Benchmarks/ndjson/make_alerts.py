#!/usr/bin/env python3
"""Writes N typical alert documents (spec §2.2), one per line, to standard output: valid ones, and every 10th invalid.

Usage: python3 make_alerts.py 100000 > alerts.ndjson
"""
import json
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
severities = ["critical", "high", "medium", "low", "info"]
out = sys.stdout
for i in range(count):
    severity = severities[i % 4 + 1]  # no critical: those need escalations
    doc = {
        "alert_id": f"alert-{i:07d}",
        "tenant_id": f"tenant_{i % 500:04d}",
        "name": f"High CPU {i}",
        "title": "CPU usage above 90 percent",
        "description": "CPU usage of the API tier has been above 90 percent for 5 minutes.",
        "severity": severity,
        "category": "performance",
        "conditions": [{"metric_name": "cpu_usage_percent", "operator": "gt", "threshold": 90, "duration_minutes": 5}],
        "notification_channels": ["email", "slack"],
        "recipients": ["ops@acme.example", "#alerts"],
        "tags": {"team": "platform", "env": "prod"},
        "created_at": "2026-11-20T08:00:00Z",
    }
    if i % 10 == 9:
        doc["name"] = "x"  # too short: 3-100 characters
        doc["conditions"][0]["duration_minutes"] = 0  # 1-1440
    out.write(json.dumps(doc, separators=(",", ":")))
    out.write("\n")
