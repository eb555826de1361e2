package settings

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"gaoxin/internal/db"
)

// DefaultUploadMaxMB is the bound on a request's body when UploadMaxMB is
// not set: a zone's workbooks and evidence files are far smaller.
const DefaultUploadMaxMB = 32

// UploadMaxBytes reads UploadMaxMB in bytes: the default when it is not
// set or not a positive whole number of MB.
func UploadMaxBytes(ctx context.Context, q db.Querier) (int64, error) {
	v, err := Get(ctx, q, UploadMaxMB)
	n, perr := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || perr != nil || n <= 0 || n > 1<<20 {
		return DefaultUploadMaxMB << 20, err
	}
	return n << 20, nil
}

// uploadLimitAge is how long a read of the limit is trusted. Every form
// and API write checks it, while it changes perhaps once a year: reading
// it again each minute spares a query per request and still lets a new
// value reach every instance soon.
const uploadLimitAge = time.Minute

// UploadLimit is UploadMaxMB, read from the database at most once a
// minute. It is safe for concurrent use.
type UploadLimit struct {
	q     db.Querier
	mu    sync.Mutex
	bytes int64
	read  time.Time
}

// NewUploadLimit reads the limit from q when first asked.
func NewUploadLimit(q db.Querier) *UploadLimit {
	return &UploadLimit{q: q, bytes: DefaultUploadMaxMB << 20}
}

// Bytes is the limit in bytes. When the database cannot be read it keeps
// the value it had (at first the default) and tries again next time: a
// request is not refused for want of its size limit.
func (l *UploadLimit) Bytes(ctx context.Context) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if time.Since(l.read) < uploadLimitAge {
		return l.bytes
	}
	if n, err := UploadMaxBytes(ctx, l.q); err == nil {
		l.bytes, l.read = n, time.Now()
	}
	return l.bytes
}

// SizeMB shows the size of a body over limit to its sender: in whole MB,
// or in tenths rounded up when whole MB would show a body just over the
// limit as no larger than the limit.
func SizeMB(size, limit int64) string {
	mb := float64(size) / (1 << 20)
	if whole := math.Round(mb); whole > float64(limit>>20) {
		return strconv.FormatFloat(whole, 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Ceil(mb*10)/10, 'f', 1, 64)
}

// DefaultImportMaxProblems is how many problems of a refused file a page
// lists when ImportMaxProblems is not set.
const DefaultImportMaxProblems = 200

// ImportProblemsShown reads ImportMaxProblems: the default when it is not
// set or not a positive whole number.
func ImportProblemsShown(ctx context.Context, q db.Querier) int {
	v, err := Get(ctx, q, ImportMaxProblems)
	n, perr := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || perr != nil || n <= 0 {
		return DefaultImportMaxProblems
	}
	return n
}
