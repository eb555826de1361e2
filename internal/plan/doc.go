// Package plan owns the year plan (年度目标): a tree of nodes per year
// (goal → key task → measure) with lead and cooperating units, the
// indicators (指标) hanging off the nodes, their dated targets (确保 and
// 力争, with a period profile), and the sharing of indicators out to the
// units that must deliver them (目标分担).
//
// It imports internal/db, internal/audit and internal/i18n.
package plan
