package briefing

import "strconv"

// The sheets of the workbook, one per section, in the page's order.

// planSheet opens the workbook: the title, which briefing it is, and the
// zone's indicators by status.
func (b *Briefing) planSheet(s *sheet, ed Edition) {
	s.line(styled(s.st.title, b.Title(s.lang)))
	s.line(styled(s.st.note, ed.Subtitle(s.lang)))
	s.blank()
	s.line(styled(s.st.bold, s.t("briefing.plan.heading", MonthLabel(s.lang, b.Year, b.Month))))
	s.heads("briefing.col.status", "briefing.col.indicators")
	for _, c := range b.Plan.Counts {
		s.line(s.t("status."+c.Status), c.N)
	}
	s.line(styled(s.st.bold, s.t("briefing.plan.total")), styled(s.st.bold, b.Plan.Indicators))
	s.blank()
	share := b.Plan.OnTrackShare / 100
	s.line(s.t("briefing.plan.scored"), b.Plan.Scored)
	s.line(s.t("briefing.plan.on_track"), b.Plan.OnTrack)
	s.line(s.t("briefing.plan.share"), s.ratio(&share))
}

// laggingSheet lists each lagging indicator on a bold line with the zone's
// figures, and its lagging units under it with their explanations.
func (b *Briefing) laggingSheet(s *sheet) {
	s.heads("briefing.col.indicator_unit", "briefing.col.status", "briefing.col.target", "briefing.col.ytd", "briefing.col.expected",
		"briefing.col.ratio", "briefing.col.month", "briefing.col.explanation")
	if len(b.Lagging) == 0 {
		s.line(styled(s.st.note, s.t("briefing.lagging.none")))
	}
	for _, l := range b.Lagging {
		name := l.Code + " " + l.Name
		if l.UOM != "" {
			name += s.t("briefing.uom", l.UOM)
		}
		s.line(styled(s.st.bold, name), styled(s.st.bold, s.t("status."+l.Status)), s.num(l.Target, l.Precision), s.num(l.YTD, l.Precision),
			s.num(l.Expected, l.Precision), s.ratio(l.Ratio))
		for _, u := range l.Units {
			month := any(nil)
			if u.Explained > 0 {
				month = u.Explained
			}
			s.line("　"+u.Unit, s.t("status."+u.Status), nil, s.num(u.YTD, l.Precision), s.num(u.Expected, l.Precision), s.ratio(u.Ratio),
				month, u.Explanation)
		}
	}
}

// rankingsSheet gives each class's ranks at the checkpoint, a block each.
func (b *Briefing) rankingsSheet(s *sheet) {
	r := b.Rankings
	if r.Period == "" {
		s.line(styled(s.st.note, s.t("briefing.rankings.none")))
		return
	}
	s.line(styled(s.st.bold, s.t("briefing.rankings.heading", r.Name.In(s.lang))))
	for _, c := range r.Classes {
		s.blank()
		s.line(styled(s.st.bold, s.t("briefing.rankings.class", c.Class, c.Version, c.PublishedOn, c.Scheme, c.SchemeV)))
		s.heads("briefing.col.rank", "briefing.col.unit", "briefing.col.total", "briefing.col.grade")
		for _, u := range c.Units {
			grade := u.Grade.In(s.lang)
			if u.Vetoed {
				grade += " " + s.t("briefing.vetoed")
			}
			s.line(u.Rank, u.Unit, styled(s.st.points, u.Total), grade)
		}
	}
}

// projectsSheet gives the portfolio's counts and money, then the red
// projects with their first reason.
func (b *Briefing) projectsSheet(s *sheet) {
	p := b.Projects
	s.heads("briefing.col.item", "briefing.col.value")
	s.line(s.t("briefing.projects.count"), p.Count)
	for _, l := range p.Lights {
		s.line(s.t("project.color."+l.Light), l.N)
	}
	s.line(s.t("briefing.projects.planned"), s.num(&p.Planned, 2))
	s.line(s.t("briefing.projects.invested", s.t("month."+strconv.Itoa(b.Month))), s.num(&p.Invested, 2))
	share := p.Share / 100
	s.line(s.t("briefing.projects.share"), s.ratio(&share))
	s.blank()
	s.line(styled(s.st.bold, s.t("briefing.projects.red", len(p.Red))))
	s.heads("briefing.col.project", "briefing.col.code", "briefing.col.lead_unit", "briefing.col.planned", "briefing.col.invested",
		"briefing.col.reason")
	for _, r := range p.Red {
		s.line(r.Name, r.Code, r.Unit, s.num(&r.Planned, 2), s.num(&r.Invested, 2), r.Reason.In(s.lang))
	}
}

// tasksSheet gives the tasks by colour, then the red ones.
func (b *Briefing) tasksSheet(s *sheet) {
	t := b.Tasks
	s.heads("briefing.col.colour", "briefing.col.tasks")
	for _, c := range t.Colours {
		s.line(s.t("supervise.colour."+c.Colour), c.N)
	}
	s.line(styled(s.st.bold, s.t("briefing.tasks.total")), styled(s.st.bold, t.Count))
	s.blank()
	s.line(styled(s.st.bold, s.t("briefing.tasks.red", len(t.Red))))
	s.heads("briefing.col.task", "briefing.col.code", "briefing.col.lead_unit", "briefing.col.leader", "briefing.col.deadline",
		"briefing.col.days", "briefing.col.escalated", "briefing.col.reason")
	for _, r := range t.Red {
		escalated := ""
		if r.Escalated {
			escalated = s.t("briefing.escalated")
		}
		s.line(r.Content, r.Code, r.Unit, r.Leader, r.Deadline, r.Days, escalated, r.Reason.In(s.lang))
	}
}

// requestsSheet gives the month's requests as counts and rates.
func (b *Briefing) requestsSheet(s *sheet) {
	q := b.Requests
	s.heads("briefing.col.item", "briefing.col.value")
	for _, line := range []struct {
		key string
		n   int
	}{
		{"briefing.requests.received", q.Received}, {"briefing.requests.public", q.Public}, {"briefing.requests.not_routed", q.NotRouted},
		{"briefing.requests.answered", q.Answered}, {"briefing.requests.due", q.Due}, {"briefing.requests.on_time", q.OnTime},
		{"briefing.requests.overdue", q.Overdue}, {"briefing.requests.rated", q.Rated},
	} {
		s.line(s.t(line.key), line.n)
	}
	if q.Due > 0 {
		rate := q.OnTimeRate / 100
		s.line(s.t("briefing.requests.on_time_rate"), s.ratio(&rate))
	}
	if q.Rated > 0 {
		s.line(s.t("briefing.requests.satisfaction"), styled(s.st.points, q.Satisfaction))
	}
}
