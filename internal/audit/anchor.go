package audit

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"gaoxin/internal/db"
)

// Anchor is the trail's head at a moment, "SEQ:HASH", for the office to
// keep where the database cannot reach it: on paper, in a published
// result or briefing, in a chat group. A trail rewritten before it, even
// by someone holding the key, no longer carries that hash at that entry.
type Anchor struct {
	Seq  int64
	Hash string
}

func (a Anchor) String() string { return fmt.Sprintf("%d:%s", a.Seq, a.Hash) }

var anchorForm = regexp.MustCompile(`^([1-9][0-9]{0,17}):([0-9a-f]{64})$`)

// ParseAnchor reads "SEQ:HASH".
func ParseAnchor(text string) (Anchor, error) {
	m := anchorForm.FindStringSubmatch(text)
	if m == nil {
		return Anchor{}, fmt.Errorf("not an audit anchor: %q; expected SEQ:HASH, an entry number, a colon and 64 hexadecimal digits, as `gaoxin audit anchor` prints it", text)
	}
	seq, _ := strconv.ParseInt(m[1], 10, 64)
	return Anchor{Seq: seq, Hash: m[2]}, nil
}

// Head is the trail's last entry as an anchor; Seq 0 for an empty trail.
func Head(ctx context.Context, q db.Querier) (Anchor, error) {
	var a Anchor
	err := q.QueryRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1").Scan(&a.Seq, &a.Hash)
	return a, err
}

// AnchorOf is the entry that recorded an act (a publication, say) as an
// anchor: printed with what it published, it proves the trail up to that
// act. ok is false when no entry recorded it.
func AnchorOf(ctx context.Context, q db.Querier, action, entityID string) (Anchor, bool, error) {
	var a Anchor
	err := q.QueryRow(ctx, "SELECT seq, hash FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY seq DESC LIMIT 1",
		entityID, action).Scan(&a.Seq, &a.Hash)
	if errors.Is(err, db.ErrNotFound) {
		return a, false, nil
	}
	return a, err == nil, err
}
