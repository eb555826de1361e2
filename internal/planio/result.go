package planio

import (
	"errors"
	"sort"

	"gaoxin/internal/i18n"
)

// Counts says what an import did to one kind of record.
type Counts struct {
	Created, Updated, Unchanged int
}

// Result says what an import did or, dry, would do.
type Result struct {
	Rows        int    // rows imported (a row a mapping makes several of counts each)
	Skipped     int    // rows a mapping's filter, a translation to nothing or "repeats" left out
	PlanCreated bool   // the year had no plan and got one
	Nodes       int    // plan nodes created
	Indicators  Counts // ImportIndicators
	Assignments int    // indicators newly shared out to units
	Targets     int    // targets set, because they differed from the one in force
	Periods     int    // reporting periods opened (ImportFigures)
	Figures     Counts // ImportFigures
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// refuse wraps a file's problems, sorted by row so that the list reads top
// down, into the error every import returns.
func refuse(file string, problems []i18n.RowError) error {
	byRow(problems)
	return &i18n.ImportError{File: file, Rows: problems}
}

// refuseList is refuse for the problems of a file's rows, of which the
// list kept the first and counted the rest.
func refuseList(file string, problems *i18n.ProblemList) error {
	byRow(problems.Rows)
	return problems.Err(file)
}

// byRow sorts problems by row; a row's own keep the order they were found in.
func byRow(problems []i18n.RowError) {
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Row < problems[j].Row })
}

// rowFailure turns a store's refusal of one row into the import's error,
// naming the row and, where the store names a field, its column.
func rowFailure(s *sheet, line int, columnOf map[string]string, err error) error {
	var verr *i18n.Error
	if !errors.As(err, &verr) {
		return err
	}
	name := columnOf[verr.Field]
	if name == "" {
		name = verr.Field
	}
	return refuse(s.file, []i18n.RowError{s.problem(line, name, verr.Msg)})
}
