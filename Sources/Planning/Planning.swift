// The planner (SPEC §5) lives here.
