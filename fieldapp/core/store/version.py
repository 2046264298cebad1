"""Which schema this fieldapp writes, and which study a new database belongs to.

Kept apart from ``schema`` (which needs sqlite-utils) so opening a database
(``database``) can tell whether it is current without loading sqlite-utils.
"""

SCHEMA_VERSION = 3
"""Raise it with each new migration in ``schema`` (the migration sets it in ``meta``)."""
STUDY = "citizen-security-border-cities"
"""The study a new database belongs to; merge refuses a database of another study."""
