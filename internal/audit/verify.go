package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"gaoxin/internal/db"
)

// Break describes the first place where the trail is not what gaoxin wrote.
type Break struct {
	Seq    int64
	Reason string
}

func (b *Break) Error() string { return fmt.Sprintf("audit entry %d: %s", b.Seq, b.Reason) }

// ErrUnkeyed is returned for a trail written entirely in the older,
// unkeyed form while a key is configured: it proves nothing against
// someone who can write the database until it is keyed.
var ErrUnkeyed = errors.New("the audit trail is in the older, unkeyed form (plain SHA-256); the next audited change, or `gaoxin audit init-key`, keys it")

// Verify walks the whole trail in order with the keyring in use and
// returns the number of entries checked and the first break, or nil when
// the chain is whole. With an anchor, the entry it names must carry the
// hash the anchor holds: a trail rewritten before that point fails even
// if whoever rewrote it held the key.
func Verify(ctx context.Context, q db.Querier) (int64, *Break, error) {
	return VerifyAnchored(ctx, q, nil)
}

// VerifyAnchored is Verify against an anchor taken earlier.
func VerifyAnchored(ctx context.Context, q db.Querier, anchor *Anchor) (int64, *Break, error) {
	ring := Keys()
	rows, err := q.Query(ctx, `SELECT seq, at, COALESCE(actor_id, 0), actor, address, action, entity, entity_id,
		before_json, after_json, prev_hash, hash, key_id FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var n, wantSeq int64 = 0, 1
	prevHash, prevKey := "", ""
	anchorSeen := false
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return n, nil, err
		}
		if brk := checkLink(e, wantSeq, prevHash, prevKey); brk != nil {
			return n, brk, nil
		}
		hash, err := e.computeHash(ring)
		if err != nil {
			return n, nil, err
		}
		if hash != e.Hash {
			reason := "its content does not match its hash: the entry was edited"
			if e.KeyID != "" {
				reason = "its content does not match its keyed hash: the entry was edited, or re-hashed without the key"
			}
			return n, &Break{Seq: e.Seq, Reason: reason}, nil
		}
		if anchor != nil && e.Seq == anchor.Seq {
			anchorSeen = true
			if e.Hash != anchor.Hash {
				return n, &Break{Seq: e.Seq, Reason: "its hash is not the one the anchor holds: the trail up to it was rewritten"}, nil
			}
		}
		prevHash, prevKey, wantSeq = e.Hash, e.KeyID, wantSeq+1
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
	if anchor != nil && !anchorSeen {
		return n, &Break{Seq: anchor.Seq, Reason: fmt.Sprintf("the anchor names entry %d but the trail has %d entries: entries were removed", anchor.Seq, n)}, nil
	}
	if ring != nil && n > 0 && prevKey == "" {
		return n, nil, ErrUnkeyed
	}
	return n, nil, nil
}

// checkLink checks e's place in the chain: its number, its link to the
// entry before, and that no unkeyed entry follows a keyed one except
// through the entry that starts the keyed part and pins what came before.
func checkLink(e Entry, wantSeq int64, prevHash, prevKey string) *Break {
	switch {
	case e.Seq != wantSeq:
		return &Break{Seq: e.Seq, Reason: fmt.Sprintf("expected entry %d here: entries are missing or were inserted", wantSeq)}
	case e.PrevHash != prevHash:
		return &Break{Seq: e.Seq, Reason: "does not follow the entry before it: an entry was inserted or removed"}
	case prevKey != "" && e.KeyID == "":
		return &Break{Seq: e.Seq, Reason: "is not keyed although the trail before it is: it was written or rewritten without the key"}
	case prevKey == "" && e.KeyID != "" && e.Action != ActionKeyInit:
		return &Break{Seq: e.Seq, Reason: "starts the keyed part of the trail without pinning the entries before it"}
	case prevKey == "" && e.KeyID != "":
		var pin struct {
			Entries int64  `json:"unkeyed_entries"`
			Head    string `json:"unkeyed_head"`
		}
		if json.Unmarshal([]byte(e.After), &pin) != nil || pin.Entries != e.Seq-1 || pin.Head != prevHash {
			return &Break{Seq: e.Seq, Reason: "does not pin the unkeyed entries before it as they are: they were rewritten"}
		}
	}
	return nil
}

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	err := rows.Scan(&e.Seq, &e.At, &e.ActorID, &e.Actor, &e.Address, &e.Action, &e.Entity, &e.EntityID,
		&e.Before, &e.After, &e.PrevHash, &e.Hash, &e.KeyID)
	return e, err
}
