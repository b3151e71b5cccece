"""Writes the amplification documents of issue 23 to standard output.

  long-keys KEY_LENGTH ENTRIES   a notification of tenant bakery-42 (standard) whose "localization" map has one key of
                                 KEY_LENGTH characters holding ENTRIES members, each a number where a string is
                                 expected: one read error per entry, each at a path through the long key.
                                 ENTRIES "fill:N" adds entries until the document is about N bytes.
  empty-conditions COUNT         an alert of tenant northwind (professional) with COUNT empty conditions: three
                                 missing required members each.
"""
import json
import sys

NOTIFICATION = {
    "tenant_id": "bakery-42",
    "notification_type": "maintenance",
    "priority": "normal",
    "title": "Planned maintenance on Saturday",
    "message": "Ordering will be read-only on Saturday from 02:00 to 03:00.",
    "delivery_mode": "scheduled",
    "preferred_channels": ["email"],
    "recipients": [{"recipient_id": "u-1", "recipient_type": "user", "contact_info": {"email": "owner@cornerbakery.example.com"}}],
    "scheduled_at": "2026-11-27T15:00:00Z",
    "created_at": "2026-11-26T10:00:00Z",
}

ALERT = {
    "tenant_id": "northwind",
    "name": "Checkout latency",
    "title": "Checkout p95 latency above 800 ms",
    "severity": "critical",
    "category": "performance",
    "notification_channels": ["email"],
    "triggered_at": "2026-11-26T09:00:00Z",
}


def long_keys(key_length, entries):
    head = json.dumps(NOTIFICATION)[:-1] + ', "localization": {"' + "k" * key_length + '": {'
    tail = "}}}"
    if entries.startswith("fill:"):
        target = int(entries[5:])
        parts, size, i = [], len(head) + len(tail), 0
        while True:
            entry = ('"e%d":0' % i)
            if size + len(entry) + 1 > target:
                break
            parts.append(entry)
            size += len(entry) + 1
            i += 1
    else:
        parts = ['"e%d":0' % i for i in range(int(entries))]
    return head + ",".join(parts) + tail


def empty_conditions(count):
    return json.dumps(ALERT)[:-1] + ', "conditions": [' + ",".join(["{}"] * count) + "]}"


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "long-keys":
        text = long_keys(int(sys.argv[2]), sys.argv[3])
    elif kind == "empty-conditions":
        text = empty_conditions(int(sys.argv[2]))
    else:
        sys.exit("unknown document kind: " + kind)
    sys.stdout.write(text)
