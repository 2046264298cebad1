"""ODK Central: forms down, interviews up, submissions pulled (no Qt here)."""
