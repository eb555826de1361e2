// Package briefing is the monthly briefing (月度通报) the office circulates:
// for a year and month, computed from what gaoxin holds on the day it is
// built, (a) the zone's indicators counted by progress status at the month
// and the share on track, (b) the indicators behind 序时 with the units that
// lag and the explanations they wrote on their figures, (c) the units'
// ranks at the last assessment checkpoint published by the month, (d) the
// key projects by light with the year's plan against the investment to the
// month and the red projects with their first reason, (e) the supervised
// tasks by colour with the red ones, and (f) the enterprise requests
// received in the month: answered on time, satisfaction.
//
// A Briefing is plain data that the page and the workbook both render.
// Publishing keeps it as an immutable snapshot (table briefings): a new
// version only when its content differs from the latest, audited; a
// published briefing is read from its snapshot, never computed again.
//
// It reads through the other modules' stores — the board, the published
// results, the portfolio, the task list — except for the month's requests,
// which it counts in one grouped read by the request list's rules (the
// store selects requests by year only). It imports internal/db, audit,
// i18n, org, progress, report, dashboard, assess, score, project and
// supervise.
package briefing
