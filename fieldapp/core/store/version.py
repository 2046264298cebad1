"""Which schema this fieldapp writes, and which study a new database belongs to.

Kept apart from ``schema`` (the migrations and their runner) so opening a current
database (``database``) can tell that it is current without loading them.
"""

SCHEMA_VERSION = 4
"""Raise it with a migration that changes what is exchanged (the migration sets it in
``meta``): an older fieldapp refuses a newer file. A local table (``central_queue``,
``central_reviews``) keeps it."""
MIGRATION_SET = "fieldapp"
"""The ``migration_set`` of fieldapp's rows in ``_sqlite_migrations``."""
MIGRATIONS_APPLIED = (
    "m001_initial",
    "m013_instance_ids",
    "m014_device_signatures",
    "m018_central_queue",
    "m019_central_reviews",
    "m020_signed_submissions",
    "m021_instance_id_indexes",
    "m022_own_unsigned_left_out",
)
"""Every migration in ``schema``, in order (a test holds the two equal): a file at
``SCHEMA_VERSION`` that lists them all in ``_sqlite_migrations`` needs none."""
LOCAL_MIGRATIONS = ("m018_central_queue", "m019_central_reviews")
"""The migrations that only add a laptop's local tables, which packages leave empty and
merge never reads."""
MERGED_AS_IS = (
    *LOCAL_MIGRATIONS,
    "m020_signed_submissions",
    "m021_instance_id_indexes",
    "m022_own_unsigned_left_out",
)
"""What a merge source of version ``MERGED_FROM`` or later may lack and still be read as
it is (reading may not upgrade it): a laptop on an earlier fieldapp. Its exchanged tables
are those of this version; only its ``submissions`` rows are unsigned, as they were, and
it may lack the instanceID indexes (a lookup there reads the rows instead), and its list
entries may still count a row made up in its own name (merge computes its own)."""
MERGED_FROM = 3
STUDY = "citizen-security-border-cities"
"""The study a new database belongs to; merge refuses a database of another study."""
