// Package dashboard assembles a year's progress: it loads the plan, the
// targets and the counted figures, evaluates every assignment and every
// indicator for the zone with internal/progress, and rolls the statuses up
// the plan tree. Pages, exports and the API all read this one Board, so
// they always agree.
//
// It imports internal/db, internal/org, internal/plan, internal/report,
// internal/progress and internal/settings.
package dashboard
