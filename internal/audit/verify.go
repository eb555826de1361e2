package audit

import (
	"context"
	"database/sql"
	"fmt"

	"gaoxin/internal/db"
)

// Break describes the first place where the trail is not what gaoxin wrote.
type Break struct {
	Seq    int64
	Reason string
}

func (b *Break) Error() string { return fmt.Sprintf("audit entry %d: %s", b.Seq, b.Reason) }

// Verify walks the whole trail in order and returns the number of entries
// checked and the first break, or nil when the chain is whole.
func Verify(ctx context.Context, q db.Querier) (int64, *Break, error) {
	rows, err := q.Query(ctx, `SELECT seq, at, COALESCE(actor_id, 0), actor, address, action, entity, entity_id,
		before_json, after_json, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var n, wantSeq int64 = 0, 1
	prevHash := ""
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return n, nil, err
		}
		switch {
		case e.Seq != wantSeq:
			return n, &Break{Seq: e.Seq, Reason: fmt.Sprintf("expected entry %d here: entries are missing or were inserted", wantSeq)}, nil
		case e.PrevHash != prevHash:
			return n, &Break{Seq: e.Seq, Reason: "does not follow the entry before it: an entry was inserted or removed"}, nil
		case e.computeHash() != e.Hash:
			return n, &Break{Seq: e.Seq, Reason: "its content does not match its hash: the entry was edited"}, nil
		}
		prevHash, wantSeq = e.Hash, wantSeq+1
		n++
	}
	if err := rows.Err(); err != nil {
		return n, nil, err
	}
	var headSeq int64
	var headHash string
	if err := q.QueryRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1").Scan(&headSeq, &headHash); err != nil {
		return n, nil, err
	}
	if headSeq != n || headHash != prevHash {
		return n, &Break{Seq: n + 1, Reason: fmt.Sprintf("the trail ends at entry %d but %d were written: entries were removed from the end", n, headSeq)}, nil
	}
	return n, nil, nil
}

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	err := rows.Scan(&e.Seq, &e.At, &e.ActorID, &e.Actor, &e.Address, &e.Action, &e.Entity, &e.EntityID,
		&e.Before, &e.After, &e.PrevHash, &e.Hash)
	return e, err
}
