// Package project owns key projects (重点项目) and livelihood programmes
// (民生实事): the project record, its plan for each year (investment with a
// 序时 profile, the 形象进度 goal), its stage nodes from 谋划 to 达效, the
// lead unit's monthly report — moved through the reporting workflow of
// internal/report, in the same periods as the figures — the problem list
// (问题清单), the traffic light computed from all of it, programmes as
// category → item → piece, and the roll-up that produces the figures of
// plan indicators bound to the portfolio ("project:invest
// category=industrial"), so that nobody types a number the portfolio holds.
//
// It imports internal/db, internal/audit, internal/i18n, internal/org,
// internal/plan, internal/report, internal/settings, internal/quantity and
// internal/xlsx.
package project
