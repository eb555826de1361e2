package dashboard

import (
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
)

// seriesSlab gathers the assignments' series as their years are read.
// Series are allocated a block at a time: one allocation per 4,096
// assignments, not one per assignment, and no slice of 100,000 grown and
// copied over and over.
type seriesSlab struct {
	byAssignment map[int64]*progress.Series
	block        []progress.Series
	latestMonth  int // the latest month with a counted value
}

const seriesBlock = 4096

func newSeriesSlab() *seriesSlab {
	return &seriesSlab{byAssignment: map[int64]*progress.Series{}}
}

func (s *seriesSlab) add(y report.AssignmentYear) {
	if len(s.block) == cap(s.block) {
		s.block = make([]progress.Series, 0, seriesBlock)
	}
	s.block = s.block[:len(s.block)+1]
	series := &s.block[len(s.block)-1]
	for m := 1; m <= 12; m++ {
		if y.Has[m-1] {
			series.Set(m, y.Value[m-1])
			s.latestMonth = max(s.latestMonth, m)
		}
	}
	s.byAssignment[y.AssignmentID] = series
}
