// Package supervise is supervision (督查督办) and enterprise requests
// (企业诉求): tasks from meetings, documents and leaders' instructions given
// to a lead unit with cooperating units, a responsible leader, a deadline
// or milestones and a report frequency; the lead unit's progress reports;
// closing (销号) asked for with evidence and approved by the office, four
// eyes; reopening with a reason; three colours computed with their reasons
// (blue: the deadline is near, yellow: behind a milestone or a report
// missing, red: overdue) and escalation of a task red for days to its
// leader; deductions proposed to the assessment's records, never points
// changed by themselves. Requests from firms are logged by the office or
// through the public form, routed to a unit with a deadline, answered,
// closed and rated by the firm through a one-time link. Plan indicators
// bound to the tasks or the requests ("supervise:tasks closed_ontime",
// "supervise:requests satisfaction") get their figures from the rows.
//
// It imports internal/db, audit, i18n, settings, plan, report and assess.
package supervise
