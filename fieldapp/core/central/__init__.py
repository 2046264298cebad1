"""fieldapp and ODK Central: forms down, interviews up, as Collect speaks to Central.

``client`` speaks HTTP (OpenRosa as an app user, REST as a web user) and turns every
failure into one catalogue message; ``recording`` keeps real exchanges for the tests;
``profile`` keeps server profiles (secrets in the system keyring only); ``forms_down``
brings forms in through the store's add-form path; ``openrosa`` writes an interview as
Collect's submission; ``push`` is the local queue that sends them.
"""

from __future__ import annotations

Part = tuple[str, bytes, str]
"""One part of a submission: file name, bytes, content type. The first is the XML."""


def safe_file_name(name: str) -> bool:
    """Whether a name Central gives a file can be a file name here and a URL path segment.

    It becomes an answer's file name in the store and in every export: no folder, no
    hidden or relative name.
    """
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")
