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
