// Package planio brings year plans and monthly figures in from files: an
// indicator file (one row per indicator and unit, or per indicator for the
// zone's own row) builds or updates a year's plan tree, indicators, sharing
// and targets; a figure file brings reported values, and optionally monthly
// targets, in through the reporting workflow as an office import.
//
// A file need not be in gaoxin's layout: a Mapping names which source
// column feeds which field and how source values translate, so that a
// statistics bureau's or another agency's extract imports as it is.
//
// Like every import, both are all or nothing and list every problem of a
// file at once, by row and column, in the user's language.
//
// It imports internal/db, internal/audit, internal/i18n, internal/org,
// internal/plan, internal/report, internal/xlsx and internal/quantity.
package planio
