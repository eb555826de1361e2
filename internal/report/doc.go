// Package report owns what units report: the monthly periods with their
// deadlines, grace windows and locks; the figures (数据) each unit reports
// for its assignments; and their workflow — draft, submit, confirmed by the
// unit head, approved by the assessment office, or returned with a reason —
// where every state a figure was ever in is kept as a version.
//
// It imports internal/db, internal/audit, internal/i18n and internal/plan.
package report
