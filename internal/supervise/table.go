package supervise

import (
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
)

// TaskHeader is the header of the task list's export.
func TaskHeader(lang i18n.Lang) []string {
	keys := []string{"code", "colour", "why", "source", "source_title", "source_number", "source_on", "content", "lead_unit",
		"cooperators", "leader", "deadline", "frequency", "status", "last_report", "closing_on", "closed_on", "reopened"}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = i18n.T(lang, "tasks.col."+k)
	}
	return out
}

// TaskTable writes tasks as rows of the export: every reason of a colour,
// units by name.
func TaskTable(lang i18n.Lang, rows []Row, unitName func(int64) string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		var why []string
		for _, m := range r.Light.Reasons {
			why = append(why, m.In(lang))
		}
		var coop []string
		for _, c := range r.Cooperators {
			coop = append(coop, unitName(c))
		}
		out[i] = []string{r.Code, i18n.T(lang, "supervise.colour."+string(r.Light.Colour)), strings.Join(why, " "),
			i18n.T(lang, "supervise.source."+string(r.SourceKind)), r.SourceTitle, r.SourceNumber, r.SourceOn, r.Content,
			unitName(r.LeadUnitID), strings.Join(coop, "、"), r.LeaderName, r.Deadline,
			i18n.T(lang, "supervise.frequency."+string(r.Frequency)), i18n.T(lang, "supervise.status."+string(r.Status)),
			r.LastReport, r.ClosingOn, r.ClosedOn, strconv.Itoa(r.Reopened)}
	}
	return out
}

// RequestHeader is the header of the request list's export.
func RequestHeader(lang i18n.Lang) []string {
	keys := []string{"code", "received_on", "source", "firm", "credit_code", "contact", "phone", "category", "content", "status",
		"unit", "deadline", "answered_on", "on_time", "answer", "closed_on", "rating", "comment"}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = i18n.T(lang, "requests.col."+k)
	}
	return out
}

// RequestTable writes requests as rows of the export.
func RequestTable(lang i18n.Lang, list []Request, unitName func(int64) string) [][]string {
	out := make([][]string, len(list))
	for i, r := range list {
		onTime, rating, unit := "", "", ""
		if r.AnsweredOn != "" {
			onTime = i18n.T(lang, "requests.late")
			if r.OnTime() {
				onTime = i18n.T(lang, "requests.on_time")
			}
		}
		if r.Rating > 0 {
			rating = strconv.Itoa(r.Rating)
		}
		if r.UnitID != 0 {
			unit = unitName(r.UnitID)
		}
		out[i] = []string{r.Code, r.ReceivedOn, i18n.T(lang, "request.source."+string(r.Source)), r.FirmName, r.CreditCode, r.Contact,
			r.Phone, i18n.T(lang, "request.category."+r.Category), r.Content, i18n.T(lang, "request.status."+string(r.Status)), unit,
			r.Deadline, r.AnsweredOn, onTime, r.Answer, r.ClosedOn, rating, r.RatingComment}
	}
	return out
}
