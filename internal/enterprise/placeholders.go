package enterprise

import (
	"strconv"
	"strings"

	"gaoxin/internal/db"
)

// mark writes the placeholder numbered next and gives the number after it.
func mark(b *strings.Builder, d db.Dialect, next int) int {
	if d == db.Postgres {
		b.WriteString("$" + strconv.Itoa(next))
	} else {
		b.WriteByte('?')
	}
	return next + 1
}

// marks is n placeholders for an IN list, numbered from next.
func marks(d db.Dialect, n, next int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		next = mark(&b, d, next)
	}
	return b.String()
}
