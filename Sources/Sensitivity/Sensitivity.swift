// The sensitivity engine (SPEC §6) lives here.
