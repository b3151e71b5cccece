#!/usr/bin/env python3
"""The Pydantic v2 side of the NDJSON comparison: an alert model with the same field rules as TenancySchemas'
AlertSchema common rules for these documents (lengths, ranges, enums, tenant id pattern, required members,
unknown members rejected, offset-carrying timestamps), validating one document per line from standard input
and writing one JSON result per line, like `tenancy-schemas validate - --ndjson --format json`.

Usage: python3 pydantic_alerts.py < alerts.ndjson > results.ndjson
"""
import json
import sys
import time
from datetime import datetime
from enum import Enum
from typing import Annotated, Optional, Union

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError


class Severity(str, Enum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class Category(str, Enum):
    performance = "performance"
    security = "security"
    availability = "availability"
    capacity = "capacity"
    compliance = "compliance"
    business = "business"
    technical = "technical"
    billing = "billing"


class Operator(str, Enum):
    gt = "gt"
    gte = "gte"
    lt = "lt"
    lte = "lte"
    eq = "eq"
    ne = "ne"
    contains = "contains"
    not_contains = "not_contains"


class Channel(str, Enum):
    email = "email"
    slack = "slack"
    sms = "sms"
    webhook = "webhook"
    pagerduty = "pagerduty"
    teams = "teams"
    discord = "discord"
    phone = "phone"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Condition(Strict):
    metric_name: Annotated[str, Field(min_length=1)]
    operator: Operator
    threshold: Union[float, int, str]
    duration_minutes: Annotated[int, Field(ge=1, le=1440)] = 5
    evaluation_window: Annotated[int, Field(ge=1, le=60)] = 1


class Alert(Strict):
    alert_id: Optional[Annotated[str, Field(min_length=1)]] = None
    tenant_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")]
    name: Annotated[str, Field(min_length=3, max_length=100)]
    title: Annotated[str, Field(min_length=5, max_length=200)]
    description: Annotated[str, Field(min_length=10, max_length=1000)]
    severity: Severity
    category: Category
    conditions: Annotated[list[Condition], Field(min_length=1)]
    notification_channels: list[Channel] = []
    recipients: list[Annotated[str, Field(min_length=1)]] = []
    tags: dict[str, str] = {}
    created_at: Optional[AwareDatetime] = None


def main() -> None:
    out = sys.stdout
    started = time.perf_counter()
    count = 0
    for number, line in enumerate(sys.stdin.buffer, start=1):
        line = line.strip()
        if not line:
            continue
        count += 1
        try:
            Alert.model_validate_json(line)
            result = {"line": number, "valid": True, "errors": []}
        except ValidationError as error:
            result = {
                "line": number,
                "valid": False,
                "errors": [{"path": ".".join(str(p) for p in e["loc"]), "code": e["type"], "message": e["msg"]} for e in error.errors()],
            }
        out.write(json.dumps(result, ensure_ascii=False))
        out.write("\n")
    elapsed = time.perf_counter() - started
    print(f"pydantic: {count} documents in {elapsed:.2f} s ({count / elapsed:.0f} documents/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
