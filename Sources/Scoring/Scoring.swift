// Scoring (SPEC §3) lives here.
