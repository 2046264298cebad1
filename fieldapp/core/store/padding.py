"""How long a sealed or encrypted interview is made, so its length says only a bucket.

Ciphertext is as long as its plaintext, and an interview's plaintext grows with what was
answered: each repeat entry, each sentence. A package holds every sealed record and ODK
envelope, and a de-identified export shows the repeat rows and the safe answers, so
within a group of k interviews the longest record was the row with the most mechanisms
(``tests/core/test_attack_record_length.py``). Every interview a study writes fits in
``BUCKET`` (the demo's answers are 0.4 to 11 KB), so all of them read the same length;
a longer one is rounded up to one of eight lengths per doubling (Padmé's idea, coarser),
at most an eighth more bytes, which says its size to within that eighth.
"""

from __future__ import annotations

from fieldapp.core.row_bounds import MAX_ANSWERS_CHARS

BUCKET = 16 * 1024
"""Every plaintext up to this many bytes is made exactly this long."""

COMMENT_BUCKET = 4 * 1024
"""Every sealed review comment up to this many bytes (a page of text, any comment a
supervisor types) is made exactly this long. A record's bucket would cost each decision,
an approval with no comment too, some 23 KB in every package instead of about 6 KB."""

STEPS_PER_DOUBLING = 8
"""Above ``BUCKET``, the lengths a plaintext is rounded up to between n and 2n."""

CEILING = MAX_ANSWERS_CHARS * 4
"""Padding never takes a plaintext past what a sealed row may hold (``MAX_SEALED_BYTES``)."""


def padded_length(length: int, ceiling: int, bucket: int = BUCKET) -> int:
    """Return how long a plaintext of ``length`` bytes is made: ``bucket``, or above it one
    of eight lengths per doubling, never past ``ceiling`` (a row bound) unless it is
    already longer."""
    if length <= bucket:
        target = bucket
    else:
        step = 1 << (length.bit_length() - STEPS_PER_DOUBLING.bit_length())
        target = -(-length // step) * step
    return max(length, min(target, ceiling))


def padding_for(length: int, bucket: int = BUCKET) -> int:
    """Return how many bytes of padding a plaintext of ``length`` bytes gets."""
    return padded_length(length, CEILING, bucket) - length
