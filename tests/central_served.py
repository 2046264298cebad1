"""Central's REST answers by path, as ``pull``'s ``CentralReader`` asks for them.

The bodies come from what a laptop's own push sends, laid out in the shapes recorded
from central-backend (``tests/data/central/``); a test replaces some to play a hostile
server. A path not served is Central's 404.
"""

from __future__ import annotations

import json
from typing import Any

from fieldapp.core.messages import FieldappError


class Served:
    """Answers by project-relative path: JSON values or bytes."""

    def __init__(self) -> None:
        self.bodies: dict[str, Any] = {}

    def get_json(self, path: str) -> Any:
        body = self._get(path)
        return json.loads(body) if isinstance(body, bytes) else body

    def get_bytes(self, path: str) -> bytes:
        body = self._get(path)
        return body if isinstance(body, bytes) else json.dumps(body).encode()

    def _get(self, path: str) -> Any:
        path = path.replace("%3A", ":").replace("%24", "$").replace("%2C", ",")
        if path not in self.bodies:
            raise FieldappError("pull.http", what=path, status=404, reason="Not Found")
        return self.bodies[path]
